// The date in dated tags. Every job of a matrix, and every re-run, must agree, so it is the
// day the workflow run was created, in UTC (asked of the GitHub API), not the moment a job happens
// to run. Not the run's `run_started_at`: GitHub resets that on every re-run attempt, so re-running
// failed jobs after midnight would push a second date beside the first attempt's.

export interface RunDateSource {
  /** The `date` input; wins when set. */
  override: string;
  /** Set when running inside a GitHub workflow. */
  workflowRun?: { owner: string; repo: string; runId: number; token: string };
  /** Asks the API for the run's creation time (ISO 8601), which re-runs do not move. */
  fetchRunCreatedAt: (run: { owner: string; repo: string; runId: number; token: string }) => Promise<string>;
  now: () => Date;
  warn: (message: string) => void;
}

export interface RunDate {
  date: string;
  source: 'input' | 'workflow run' | 'today';
}

export async function resolveRunDate(source: RunDateSource): Promise<RunDate> {
  if (source.override !== '') return { date: source.override, source: 'input' };
  if (source.workflowRun) {
    if (source.workflowRun.token === '') {
      source.warn(
        'github-token is empty, so the date of the workflow run cannot be read; dated tags use today (UTC). Matrix jobs that straddle midnight may disagree: pass github-token or date.',
      );
    } else {
      try {
        const createdAt = await source.fetchRunCreatedAt(source.workflowRun);
        const parsed = new Date(createdAt);
        if (!Number.isNaN(parsed.getTime())) return { date: utcDate(parsed), source: 'workflow run' };
        source.warn(`The GitHub API gave an unreadable run creation time (${createdAt}); dated tags use today (UTC).`);
      } catch (error) {
        source.warn(
          `Could not read the date of the workflow run from the GitHub API (${(error as Error).message}); dated tags use today (UTC). Give the job \`permissions: actions: read\` or set the date input.`,
        );
      }
    }
  }
  return { date: utcDate(source.now()), source: 'today' };
}

export function utcDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
