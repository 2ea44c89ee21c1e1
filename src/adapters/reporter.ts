// Where the pipeline's words go: the Actions log (folded groups, annotations, outputs,
// job summary) when run as an action, or plain text when run from the command line.
import * as core from '@actions/core';
import type { SummaryRow } from '../core/summary.js';
import { fence } from '../core/untrusted-text.js';

export type { SummaryRow };

export interface Reporter {
  group<T>(title: string, task: () => Promise<T>): Promise<T>;
  // Properties, not methods: the pipeline passes them on as callbacks (e.g. `reporter.warning`).
  info: (message: string) => void;
  notice: (message: string) => void;
  warning: (message: string) => void;
  /** Prints a block folded away by default: text the action did not write (logs, bodies), fenced. */
  details(title: string, text: string): void;
  setOutput(name: string, value: string): void;
  setSecret(value: string): void;
  summary(title: string, rows: SummaryRow[]): Promise<void>;
}

export const actionReporter: Reporter = {
  group: (title, task) => core.group(title, task),
  info: (message) => core.info(message),
  notice: (message) => core.notice(message),
  warning: (message) => core.warning(message),
  details(title, text) {
    core.startGroup(title);
    core.info(fence(text));
    core.endGroup();
  },
  setOutput: (name, value) => core.setOutput(name, value),
  setSecret: (value) => core.setSecret(value),
  async summary(title, rows) {
    if (!process.env.GITHUB_STEP_SUMMARY) return;
    await core.summary
      .addHeading(title, 3)
      .addTable([
        [
          { data: 'Item', header: true },
          { data: 'Value', header: true },
        ],
        // Cells are HTML to the summary: every value is text (a failure quotes the app's own files).
        ...rows.map((row) => [escapeHtml(row.label), escapeHtml(row.value)]),
      ])
      .write();
  },
};

export function consoleReporter(
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Reporter & { outputs: Record<string, string> } {
  const outputs: Record<string, string> = {};
  return {
    outputs,
    async group(title, task) {
      write(`\n== ${title}`);
      return task();
    },
    info: write,
    // A message of several lines may quote text the action did not write (an engine's error): fenced,
    // since the command-line entry runs in workflow steps too.
    notice: (message) => write(fenceLines(`notice: ${message}`)),
    warning: (message) => write(fenceLines(`warning: ${message}`)),
    details(title, text) {
      // The command-line entry runs in workflow steps too (the benchmark, the demo): fenced as well.
      write(`-- ${title}\n${fence(text)}`);
    },
    setOutput(name, value) {
      outputs[name] = value;
    },
    setSecret() {
      // Nothing echoes secrets on the command line; the pipeline never prints them.
    },
    summary(title, rows) {
      const width = Math.max(...rows.map((row) => row.label.length));
      write(`\n== ${title}`);
      for (const row of rows) write(`${row.label.padEnd(width)}  ${row.value}`);
      return Promise.resolve();
    },
  };
}

/** Text as HTML that shows it: the five characters HTML gives a meaning, escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** One line as it is; several fenced, so that no line of it is a workflow command. */
function fenceLines(text: string): string {
  return text.includes('\n') ? fence(text) : text;
}
