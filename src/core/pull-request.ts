// Whose code the workspace may hold, as far as the event says. A fork's own pull request (two of its
// branches) is not foreign; any pull request whose head lives in another repository, or in a deleted
// one (head.repo is null), is. A comment on a pull request names no head repository at all: only the
// API can tell, and what it cannot tell is taken for foreign.

export interface CodeOrigin {
  /** pull_request from another repository: no secrets and a read-only token, so nothing can be pushed. */
  foreignPullRequest: boolean;
  /**
   * pull_request_target, workflow_run or issue_comment for a pull request from another repository
   * (or one not verified to be from this one): secrets are present, and the workspace holds foreign
   * code if the workflow checked it out.
   */
  foreignCodeWithSecrets: boolean;
  /** Why the code counts as foreign, for the log: the event and what it says; '' when it does not. */
  why: string;
  /** issue_comment on a pull request: its number, for verifyCommentedPullRequest to ask the API about. */
  commentedPullRequest?: number;
}

interface Repo {
  full_name?: string;
}

/** The parts of the event payload (github.context.payload) this looks at. */
export interface Payload {
  pull_request?: { head?: { repo?: Repo | null }; base?: { repo?: Repo | null } };
  workflow_run?: { head_repository?: Repo | null; repository?: Repo | null };
  issue?: { number?: number; pull_request?: unknown };
  repository?: Repo;
}

/** The head and base repositories of a pull request, as the GitHub API gives them (head null: deleted). */
export interface PullRequestApi {
  repositories(pullRequest: number): Promise<{ head: string | null; base: string }>;
}

const PULL_REQUEST_EVENTS = ['pull_request', 'pull_request_review', 'pull_request_review_comment'];
const OWN: CodeOrigin = { foreignPullRequest: false, foreignCodeWithSecrets: false, why: '' };

/** True unless both repositories are named and are the same (GitHub names are case-insensitive). */
function fromAnotherRepository(head: Repo | null | undefined, base: Repo | null | undefined): boolean {
  const headName = head?.full_name?.toLowerCase();
  const baseName = base?.full_name?.toLowerCase();
  return headName === undefined || baseName === undefined || headName !== baseName;
}

export function codeOrigin(eventName: string, payload: Payload): CodeOrigin {
  const pullRequest = payload.pull_request;
  const pullRequestForeign = pullRequest !== undefined && fromAnotherRepository(pullRequest.head?.repo, pullRequest.base?.repo ?? payload.repository);
  const why = `${eventName} for a pull request from another repository`;
  if (PULL_REQUEST_EVENTS.includes(eventName)) return { ...OWN, foreignPullRequest: pullRequestForeign, why: pullRequestForeign ? why : '' };
  if (eventName === 'pull_request_target') return pullRequestForeign ? { ...OWN, foreignCodeWithSecrets: true, why } : OWN;
  if (eventName === 'workflow_run' && payload.workflow_run !== undefined) {
    const run = payload.workflow_run;
    return fromAnotherRepository(run.head_repository, run.repository ?? payload.repository) ? { ...OWN, foreignCodeWithSecrets: true, why } : OWN;
  }
  // A comment on an issue that is a pull request: the workflow may check out refs/pull/N/head.
  if (eventName === 'issue_comment' && payload.issue?.pull_request) {
    const number = payload.issue.number ?? 0;
    return {
      ...OWN,
      foreignCodeWithSecrets: true,
      why: `issue_comment on pull request #${number}, whose head repository is not yet verified`,
      commentedPullRequest: number,
    };
  }
  return OWN;
}

/**
 * A comment on a pull request is the repository's own code only when the API says the head
 * repository is the base repository; without the API (no token) or on an error it stays foreign.
 */
export async function verifyCommentedPullRequest(origin: CodeOrigin, api: PullRequestApi | undefined): Promise<CodeOrigin> {
  const number = origin.commentedPullRequest;
  if (number === undefined) return origin;
  const unverified = (reason: string): CodeOrigin => ({
    ...OWN,
    foreignCodeWithSecrets: true,
    why: `issue_comment on pull request #${number}, whose head repository could not be verified (${reason})`,
  });
  if (api === undefined) return unverified('github-token is empty, so the GitHub API cannot be asked');
  try {
    const { head, base } = await api.repositories(number);
    if (head !== null && head.toLowerCase() === base.toLowerCase()) return OWN;
    return { ...OWN, foreignCodeWithSecrets: true, why: `issue_comment on pull request #${number} from ${head ?? 'a deleted repository'}` };
  } catch (error) {
    return unverified(`the GitHub API said: ${(error as Error).message.split('\n')[0]}`);
  }
}
