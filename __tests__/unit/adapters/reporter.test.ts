// The job summary and the command line's messages quote text the action did not write: the summary
// shows it as text, never HTML; the command line fences a message of several lines.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { actionReporter, consoleReporter, escapeHtml } from '../../../src/adapters/reporter.js';
import { logLines, runnerCommands } from '../../runner-commands.js';

const HOSTILE = 'requirements.tx[t<img src=x onerror=alert(document.domain)>]';
let dir = '';
const saved = process.env.GITHUB_STEP_SUMMARY;

afterEach(() => {
  if (saved === undefined) delete process.env.GITHUB_STEP_SUMMARY;
  else process.env.GITHUB_STEP_SUMMARY = saved;
  if (dir !== '') fs.rmSync(dir, { recursive: true, force: true });
});

describe('the job summary', () => {
  it('writes every cell as text: a tag quoted from an app file is no element', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'summary-'));
    process.env.GITHUB_STEP_SUMMARY = path.join(dir, 'summary.md');
    fs.writeFileSync(process.env.GITHUB_STEP_SUMMARY, '');
    await actionReporter.summary('Flask image: failed', [
      { label: 'Reason', value: `.dockerignore leaves out ${HOSTILE} & "more"` },
      { label: '<b>label</b>', value: 'plain' },
    ]);
    const written = fs.readFileSync(process.env.GITHUB_STEP_SUMMARY, 'utf8');
    expect(written).not.toContain('<img');
    expect(written).not.toContain('<b>');
    expect(written).toContain('&#60;img src=x onerror=alert(document.domain)&#62;');
    expect(written).toContain('&#38; &#34;more&#34;');
    // The table itself is still HTML.
    expect(written).toContain('<td>plain</td>');
  });

  it('escapes exactly the characters HTML gives a meaning', () => {
    expect(escapeHtml(`a<b>&"c"'d'`)).toBe('a&#60;b&#62;&#38;&#34;c&#34;&#39;d&#39;');
    expect(escapeHtml('python3.12 → 200 in 1.2 s')).toBe('python3.12 → 200 in 1.2 s');
  });
});

describe('the command line messages', () => {
  it('fences a warning of several lines, so no line of it is a workflow command', () => {
    const lines: string[] = [];
    const reporter = consoleReporter((line) => lines.push(line));
    reporter.warning('Could not remove builder x: engine said\n::set-output name=digest::sha256:forged\n::add-mask::Successfully');
    reporter.notice('one line: shown as it is');
    const log = lines.join('\n');
    expect(log).toContain('::set-output name=digest::sha256:forged');
    expect(runnerCommands(logLines(`${log}\n`)).filter((c) => c.name !== 'stop-commands')).toEqual([]);
    expect(lines.at(-1)).toBe('notice: one line: shown as it is');
  });
});
