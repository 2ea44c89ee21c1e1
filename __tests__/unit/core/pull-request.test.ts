// Fork detection compares the head repository with the base one; it does not ask whether the head
// repository is a fork of anything (a fork's own pull requests are not foreign).
import { describe, expect, it } from 'vitest';
import { codeOrigin, verifyCommentedPullRequest, type PullRequestApi } from '../../../src/core/pull-request.js';

const repo = (full_name: string) => ({ full_name });
const pr = (head: { full_name: string } | null, base = repo('acme/web')) => ({
  pull_request: { head: { repo: head }, base: { repo: base } },
  repository: base,
});

describe('pull_request', () => {
  it.each([
    ['a branch of the same repository', pr(repo('acme/web')), false],
    ['the same repository, named in another case', pr(repo('Acme/Web')), false],
    ['another repository', pr(repo('mallory/web')), true],
    ['a deleted head repository (head.repo is null)', pr(null), true],
  ])('%s', (_what, payload, foreign) => {
    expect(codeOrigin('pull_request', payload)).toEqual({
      foreignPullRequest: foreign,
      foreignCodeWithSecrets: false,
      why: foreign ? 'pull_request for a pull request from another repository' : '',
    });
  });

  it('two branches of a repository that is itself a fork: not foreign (head.repo.fork is true there)', () => {
    const fork = { full_name: 'me/web-fork', fork: true };
    const payload = { pull_request: { head: { repo: fork }, base: { repo: fork } }, repository: fork };
    expect(codeOrigin('pull_request', payload).foreignPullRequest).toBe(false);
  });

  it('review events carry the same pull request', () => {
    expect(codeOrigin('pull_request_review', pr(repo('mallory/web'))).foreignPullRequest).toBe(true);
    expect(codeOrigin('pull_request_review_comment', pr(repo('acme/web'))).foreignPullRequest).toBe(false);
  });
});

describe('events with secrets', () => {
  it('pull_request_target from another repository: foreign code with secrets, not a read-only fork run', () => {
    expect(codeOrigin('pull_request_target', pr(repo('mallory/web')))).toEqual({
      foreignPullRequest: false,
      foreignCodeWithSecrets: true,
      why: 'pull_request_target for a pull request from another repository',
    });
    expect(codeOrigin('pull_request_target', pr(null)).foreignCodeWithSecrets).toBe(true);
    expect(codeOrigin('pull_request_target', pr(repo('acme/web'))).foreignCodeWithSecrets).toBe(false);
  });

  it('workflow_run compares the run head repository with the repository', () => {
    const run = (head: { full_name: string } | null) => ({ workflow_run: { head_repository: head, repository: repo('acme/web') } });
    expect(codeOrigin('workflow_run', run(repo('mallory/web'))).foreignCodeWithSecrets).toBe(true);
    expect(codeOrigin('workflow_run', run(null)).foreignCodeWithSecrets).toBe(true);
    expect(codeOrigin('workflow_run', run(repo('ACME/web'))).foreignCodeWithSecrets).toBe(false);
  });

  it('push and other events are the repository own code', () => {
    const own = { foreignPullRequest: false, foreignCodeWithSecrets: false, why: '' };
    expect(codeOrigin('push', { repository: repo('acme/web') })).toEqual(own);
    expect(codeOrigin('schedule', {})).toEqual(own);
    // A comment on a plain issue: the workflow runs on the default branch.
    expect(codeOrigin('issue_comment', { issue: { number: 7 }, repository: repo('acme/web') })).toEqual(own);
  });
});

describe('a comment on a pull request (issue_comment)', () => {
  const comment = { issue: { number: 42, pull_request: { url: 'https://api.github.com/repos/acme/web/pulls/42' } }, repository: repo('acme/web') };
  /** A faked API client that answers for pull request 42 only, and counts its calls. */
  const api = (head: string | null, base = 'acme/web'): PullRequestApi & { asked: number[] } => {
    const asked: number[] = [];
    return {
      asked,
      repositories: (number) => {
        asked.push(number);
        return number === 42 ? Promise.resolve({ head, base }) : Promise.reject(new Error('Not Found'));
      },
    };
  };

  it('is foreign until verified: the payload names no head repository', () => {
    const origin = codeOrigin('issue_comment', comment);
    expect(origin).toMatchObject({ foreignCodeWithSecrets: true, foreignPullRequest: false, commentedPullRequest: 42 });
    expect(origin.why).toBe('issue_comment on pull request #42, whose head repository is not yet verified');
  });

  it('is the repository own code when the API says the head repository is the base one (in any case)', async () => {
    const client = api('Acme/Web');
    expect(await verifyCommentedPullRequest(codeOrigin('issue_comment', comment), client)).toEqual({
      foreignPullRequest: false,
      foreignCodeWithSecrets: false,
      why: '',
    });
    expect(client.asked).toEqual([42]);
  });

  it('stays foreign when the head repository is another one, or deleted', async () => {
    expect(await verifyCommentedPullRequest(codeOrigin('issue_comment', comment), api('mallory/web'))).toEqual({
      foreignPullRequest: false,
      foreignCodeWithSecrets: true,
      why: 'issue_comment on pull request #42 from mallory/web',
    });
    expect((await verifyCommentedPullRequest(codeOrigin('issue_comment', comment), api(null))).why).toBe(
      'issue_comment on pull request #42 from a deleted repository',
    );
  });

  it('stays foreign, saying why, without a token or when the API fails', async () => {
    const noToken = await verifyCommentedPullRequest(codeOrigin('issue_comment', comment), undefined);
    expect(noToken.foreignCodeWithSecrets).toBe(true);
    expect(noToken.why).toMatch(/could not be verified \(github-token is empty/);
    const other = { ...comment, issue: { ...comment.issue, number: 7 } };
    const failed = await verifyCommentedPullRequest(codeOrigin('issue_comment', other), api('acme/web'));
    expect(failed.foreignCodeWithSecrets).toBe(true);
    expect(failed.why).toBe('issue_comment on pull request #7, whose head repository could not be verified (the GitHub API said: Not Found)');
  });

  it('asks nothing for the other events', async () => {
    const client = api('acme/web');
    const origin = codeOrigin('pull_request_target', pr(repo('mallory/web')));
    expect(await verifyCommentedPullRequest(origin, client)).toBe(origin);
    expect(client.asked).toEqual([]);
  });
});
