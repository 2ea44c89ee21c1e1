// Fork detection compares the head repository with the base one; it does not ask whether the head
// repository is a fork of anything (a fork's own pull requests are not foreign).
import { describe, expect, it } from 'vitest';
import { codeOrigin } from '../../src/pull-request.js';

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
    expect(codeOrigin('pull_request', payload)).toEqual({ foreignPullRequest: foreign, foreignCodeWithSecrets: false });
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
    expect(codeOrigin('pull_request_target', pr(repo('mallory/web')))).toEqual({ foreignPullRequest: false, foreignCodeWithSecrets: true });
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
    expect(codeOrigin('push', { repository: repo('acme/web') })).toEqual({ foreignPullRequest: false, foreignCodeWithSecrets: false });
    expect(codeOrigin('schedule', {})).toEqual({ foreignPullRequest: false, foreignCodeWithSecrets: false });
  });
});
