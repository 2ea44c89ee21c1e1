// Whose code the workspace may hold, as far as the event says. A fork's own pull request (two of its
// branches) is not foreign; any pull request whose head lives in another repository, or in a deleted
// one (head.repo is null), is.

export interface CodeOrigin {
  /** pull_request from another repository: no secrets and a read-only token, so nothing can be pushed. */
  foreignPullRequest: boolean;
  /**
   * pull_request_target or workflow_run for a pull request from another repository: secrets are
   * present, and the workspace holds foreign code if the workflow checked it out.
   */
  foreignCodeWithSecrets: boolean;
}

interface Repo {
  full_name?: string;
}

/** The parts of the event payload (github.context.payload) this looks at. */
export interface Payload {
  pull_request?: { head?: { repo?: Repo | null }; base?: { repo?: Repo | null } };
  workflow_run?: { head_repository?: Repo | null; repository?: Repo | null };
  repository?: Repo;
}

const PULL_REQUEST_EVENTS = ['pull_request', 'pull_request_review', 'pull_request_review_comment'];

/** True unless both repositories are named and are the same (GitHub names are case-insensitive). */
function fromAnotherRepository(head: Repo | null | undefined, base: Repo | null | undefined): boolean {
  const headName = head?.full_name?.toLowerCase();
  const baseName = base?.full_name?.toLowerCase();
  return headName === undefined || baseName === undefined || headName !== baseName;
}

export function codeOrigin(eventName: string, payload: Payload): CodeOrigin {
  const pullRequest = payload.pull_request;
  const pullRequestForeign = pullRequest !== undefined && fromAnotherRepository(pullRequest.head?.repo, pullRequest.base?.repo ?? payload.repository);
  if (PULL_REQUEST_EVENTS.includes(eventName)) return { foreignPullRequest: pullRequestForeign, foreignCodeWithSecrets: false };
  if (eventName === 'pull_request_target') return { foreignPullRequest: false, foreignCodeWithSecrets: pullRequestForeign };
  if (eventName === 'workflow_run' && payload.workflow_run !== undefined) {
    const run = payload.workflow_run;
    return { foreignPullRequest: false, foreignCodeWithSecrets: fromAnotherRepository(run.head_repository, run.repository ?? payload.repository) };
  }
  return { foreignPullRequest: false, foreignCodeWithSecrets: false };
}
