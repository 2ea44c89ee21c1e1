import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveRunDate, utcDate, type RunDateSource } from '../../../src/core/run-date.js';

// Run far from UTC, so a date taken in local time would differ from the UTC one.
const tz = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'Pacific/Kiritimati'; // UTC+14
});
afterAll(() => {
  if (tz === undefined) delete process.env.TZ;
  else process.env.TZ = tz;
});

const RUN = { owner: 'acme', repo: 'web', runId: 42, token: 'ghs_token' };
const NOW = new Date('2026-11-23T08:00:00Z');

function source(overrides: Partial<RunDateSource> = {}) {
  const warnings: string[] = [];
  const asked: (typeof RUN)[] = [];
  const value: RunDateSource = {
    override: '',
    workflowRun: RUN,
    fetchRunCreatedAt: async (run) => {
      asked.push(run);
      return '2026-11-21T10:00:00Z';
    },
    now: () => NOW,
    warn: (message) => warnings.push(message),
    ...overrides,
  };
  return { value, warnings, asked };
}

describe('resolveRunDate', () => {
  it('takes the date input over everything, without asking the API', async () => {
    const { value, warnings, asked } = source({ override: '2025-01-02' });
    expect(await resolveRunDate(value)).toEqual({ date: '2025-01-02', source: 'input' });
    expect(asked).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('uses the workflow run creation date, asking about this run', async () => {
    const { value, warnings, asked } = source();
    expect(await resolveRunDate(value)).toEqual({ date: '2026-11-21', source: 'workflow run' });
    expect(asked).toEqual([RUN]);
    expect(warnings).toEqual([]);
  });

  it.each([
    ['2026-11-21T23:59:59Z', '2026-11-21'],
    ['2026-11-22T00:30:00+02:00', '2026-11-21'],
    ['2026-11-21T22:30:00-02:00', '2026-11-22'],
    ['2026-12-31T23:59:59.999Z', '2026-12-31'],
  ])('reads the creation time %s as the UTC date %s', async (startedAt, date) => {
    const { value } = source({ fetchRunCreatedAt: async () => startedAt });
    expect(await resolveRunDate(value)).toEqual({ date, source: 'workflow run' });
  });

  it('falls back to today (UTC) with a warning naming the API error and the fix', async () => {
    const { value, warnings } = source({
      fetchRunCreatedAt: async () => {
        throw new Error('Resource not accessible by integration');
      },
    });
    expect(await resolveRunDate(value)).toEqual({ date: '2026-11-23', source: 'today' });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('(Resource not accessible by integration)');
    expect(warnings[0]).toContain('permissions: actions: read');
  });

  it('falls back to today with a warning when the API answers an unreadable time', async () => {
    const { value, warnings } = source({ fetchRunCreatedAt: async () => 'yesterday-ish' });
    expect(await resolveRunDate(value)).toEqual({ date: '2026-11-23', source: 'today' });
    expect(warnings).toEqual(['The GitHub API gave an unreadable run creation time (yesterday-ish); dated tags use today (UTC).']);
  });

  it('warns and uses today without asking when the token is empty', async () => {
    const { value, warnings, asked } = source({ workflowRun: { ...RUN, token: '' } });
    expect(await resolveRunDate(value)).toEqual({ date: '2026-11-23', source: 'today' });
    expect(asked).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^github-token is empty/);
    expect(warnings[0]).toContain('pass github-token or date');
  });

  it('uses today quietly outside a workflow', async () => {
    const { value, warnings, asked } = source({ workflowRun: undefined });
    expect(await resolveRunDate(value)).toEqual({ date: '2026-11-23', source: 'today' });
    expect(asked).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it("takes today's date in UTC, not local time", async () => {
    const { value } = source({ workflowRun: undefined, now: () => new Date('2026-11-22T00:30:00+02:00') });
    expect((await resolveRunDate(value)).date).toBe('2026-11-21');
  });
});

describe('utcDate', () => {
  it('runs in a time zone far from UTC (a check of this test file)', () => {
    expect(new Date('2026-11-21T12:00:00Z').getDate()).toBe(22);
  });

  it('is the YYYY-MM-DD of the instant in UTC', () => {
    expect(utcDate(new Date('2026-03-01T01:00:00+03:00'))).toBe('2026-02-28');
    expect(utcDate(new Date(Date.UTC(2024, 1, 29, 12)))).toBe('2024-02-29');
  });
});
