/**
 * action.yml, the code and the README describe one interface: every input the code reads is
 * declared and documented, every output it sets is declared and documented, and the entry points exist.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { INPUT_NAMES } from '../../../src/adapters/input-helper.js';
import { supportedWorkers } from '../../../src/core/versions.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { description: string; default?: string; required?: boolean }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string; post: string };
};
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
// The full reference of inputs and outputs; the README lists the inputs by concern and links here.
const reference = readFileSync(join(ROOT, 'docs', 'inputs.md'), 'utf8');
// Every module that sets outputs (the pipeline, a platform job's hand-over, the merge, ...), wherever it lives in src/.
const outputSetters = readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.ts'))
  .map((file) => readFileSync(join(ROOT, 'src', file), 'utf8'))
  .join('\n');

/** First-column names of the Markdown table under a heading. */
function tableNames(heading: string): string[] {
  const start = reference.indexOf(`\n## ${heading}\n`);
  expect(start, `docs/inputs.md has a "## ${heading}" section`).toBeGreaterThan(-1);
  const rest = reference.slice(start + heading.length + 5);
  const section = rest.slice(0, rest.search(/\n## /) === -1 ? undefined : rest.search(/\n## /));
  return [...section.matchAll(/^\| `([a-z-]+)` \|/gm)].map((m) => m[1]!);
}

describe('action.yml', () => {
  it('declares exactly the inputs the code reads', () => {
    expect(Object.keys(action.inputs).sort()).toEqual([...INPUT_NAMES].sort());
  });

  it('declares exactly the outputs the pipeline, the platform job and the merge set', () => {
    // \s*: the formatter may put a long call's arguments on the next line.
    const set = [...outputSetters.matchAll(/setOutput\(\s*'([a-z-]+)'/g)].map((m) => m[1]!);
    expect(Object.keys(action.outputs).sort()).toEqual([...new Set(set)].sort());
  });

  it('requires python-version only, and gives every other input a default', () => {
    for (const [name, input] of Object.entries(action.inputs)) {
      if (name === 'python-version') expect(input.required).toBe(true);
      else expect(input.default, name).toBeTypeOf('string');
      expect(input.description.length, name).toBeGreaterThan(20);
    }
  });

  it('runs the committed bundle on node24 (what GitHub runners run), with a post step for cleanup', () => {
    expect(action.runs.using).toBe('node24');
    expect(existsSync(join(ROOT, action.runs.main))).toBe(true);
    expect(existsSync(join(ROOT, action.runs.post))).toBe(true);
  });

  it("the worker input offers auto and the workers of docker/versions.json's catalogue", () => {
    // 'Worker: auto (...), meinheld, gthread, gevent or sync. More...': the first sentence's list, brackets left out.
    const firstSentence = (action.inputs.worker?.description ?? '').replace(/\([^)]*\)/g, '').split(/\.(?:\s|$)/)[0] ?? '';
    const listed = firstSentence.replace(/^Worker:/, '').split(/,| or /);
    expect(listed.map((name) => name.trim())).toEqual(['auto', ...supportedWorkers()]);
  });
});

describe('README and docs/inputs.md', () => {
  it('the README names every input in its list by concern, and nothing else', () => {
    const start = readme.indexOf('\n## Inputs\n');
    const list = readme.slice(start, readme.indexOf('\n## Outputs\n'));
    const named = [...list.matchAll(/`([a-z-]+)`/g)].map((m) => m[1]!);
    expect([...new Set(named)].sort()).toEqual(Object.keys(action.inputs).sort());
  });

  it('documents every input, in the order of action.yml', () => {
    expect(tableNames('Inputs')).toEqual(Object.keys(action.inputs));
  });

  it('documents every output', () => {
    expect(tableNames('Outputs').sort()).toEqual(Object.keys(action.outputs).sort());
  });

  it('gives each input the default action.yml has, where the default is a literal', () => {
    for (const [name, input] of Object.entries(action.inputs)) {
      const row = new RegExp(`^\\| \`${name}\` \\| ([^|]+) \\|`, 'm').exec(reference);
      expect(row, name).not.toBeNull();
      const documented = row![1]!.trim();
      if (input.default && !documented.startsWith('the ') && !documented.startsWith('(')) expect(documented, name).toBe(`\`${input.default}\``);
    }
  });
});
