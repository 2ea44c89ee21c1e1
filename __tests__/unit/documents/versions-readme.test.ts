// The documents must say what the code does: the versions and workers tables are docker/versions.json,
// every list of workers names the catalogue's, and the environment table lists exactly the variables
// the image reads.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { versionsFile as versions } from '../../../src/core/versions.js';

const ROOT = join(__dirname, '..', '..', '..');
// The README and the pages in docs/: a section may live in either (marked the same way).
const documents = ['README.md', ...readdirSync(join(ROOT, 'docs')).map((name) => join('docs', name))]
  .map((file) => readFileSync(join(ROOT, file), 'utf8'))
  .join('\n');

function section(name: string): string {
  const m = new RegExp(`<!-- section:${name} \\(owner: [a-z]+\\) -->([\\s\\S]*?)<!-- /section:${name} -->`).exec(documents);
  if (!m?.[1]) throw new Error(`no document has section:${name}`);
  return m[1];
}

/** Rows of the first Markdown table under the heading row that starts with `firstHeader`. */
function table(text: string, firstHeader: string): string[][] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`| ${firstHeader} |`));
  if (start < 0) throw new Error(`no table starting with "${firstHeader}"`);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .slice(1, -1)
        .split(' | ')
        .map((cell) => cell.trim()),
    );
  }
  return rows;
}

describe('README versions table', () => {
  it('has one row per version in versions.json, in order, with its base images and workers', () => {
    const expected = Object.entries(versions.versions).map(([v, entry]) => [
      v,
      Object.values(versions.variants)
        .map((variant) => `\`${versions.baseRepository}:${v}${variant.baseTagSuffix}\``)
        .join(', '),
      entry.defaultWorker,
      entry.workers.filter((w) => w !== entry.defaultWorker).join(', '),
    ]);
    expect(table(section('versions'), 'Python')).toEqual(expected);
  });
});

describe('README workers', () => {
  /** The names a table cell lists in its first clause, leaving out what it says in brackets. */
  const listed = (cell: string | undefined): string[] => {
    const firstClause = (cell ?? '').replace(/\([^)]*\)/g, '').split(/[.:](?:\s|$)/)[0] ?? '';
    return [...firstClause.matchAll(/`([a-z]+)`/g)].map((m) => m[1]!);
  };
  const row = (rows: string[][], name: string): string[] | undefined => rows.find((r) => r[0] === `\`${name}\``);

  it('has one row per worker in the catalogue, in order, with its Gunicorn class and what it is for', () => {
    const expected = Object.entries(versions.workers).map(([name, worker]) => [name, `\`${worker.gunicornClass}\``, worker.about]);
    expect(table(section('versions'), 'Worker')).toEqual(expected);
  });

  it("the worker input and the WORKER build argument name exactly the catalogue's workers", () => {
    const catalogue = Object.keys(versions.workers);
    expect(listed(row(table(section('inputs'), 'Input'), 'worker')?.[2])).toEqual(['auto', ...catalogue]);
    expect(listed(row(table(section('image'), 'Build argument'), 'WORKER')?.[2])).toEqual(catalogue);
  });
});

describe('README environment table', () => {
  const documented = table(section('image'), 'Variable').map((row) => row[0]?.replace(/`/g, ''));

  it('lists every variable the image reads, and nothing else', () => {
    // The image's Python reads the environment in its tuning and in its start-up checks.
    const autotune = ['autotune.py', 'startup_guards.py'].map((f) => readFileSync(join(ROOT, 'docker', 'image', f), 'utf8')).join('\n');
    const startSh = readFileSync(join(ROOT, 'docker', 'image', 'start.sh'), 'utf8');
    const read = new Set<string>();
    // value_of(env, "X"), _int(env, "X", ...), env.get("X"), env["X"], _log_target(env, "X")
    for (const m of autotune.matchAll(/(?:env, |env\.get\(|env\[)"([A-Z_]+)"/g)) read.add(m[1] as string);
    // start.sh: ${X:-default}
    for (const m of startSh.matchAll(/\$\{([A-Z_]+):-/g)) read.add(m[1] as string);
    for (const internal of ['DEFAULT_MODULE_NAME', 'DEFAULT_GUNICORN_CONF']) read.delete(internal);
    read.add('GUNICORN_CMD_ARGS'); // read by Gunicorn itself
    expect([...documented].sort()).toEqual([...read].sort());
  });

  it('gives every variable a default and an example', () => {
    for (const row of table(section('image'), 'Variable')) {
      expect(row, row[0]).toHaveLength(4);
      expect(row[1], `${row[0]} default`).not.toBe('');
      expect(row[2], `${row[0]} example`).not.toBe('');
    }
  });

  it('documents the defaults autotune.py uses', () => {
    const rows = new Map(table(section('image'), 'Variable').map((row) => [row[0]?.replace(/`/g, ''), row[1]]));
    const autotune = readFileSync(join(ROOT, 'docker', 'image', 'autotune.py'), 'utf8');
    const defaults = /DEFAULTS = \{([\s\S]*?)\n\}/.exec(autotune)?.[1] ?? '';
    let checked = 0;
    for (const m of defaults.matchAll(/"([A-Z_]+)": ("?)([^",]+)\2,/g)) {
      const [, name, , value] = m as unknown as [string, string, string, string];
      if (name === 'WORKER_CLASS') continue; // the image's own default comes from the WORKER build arg
      if (value === 'None') {
        // None in autotune.py is "off" in the README.
        expect(rows.get(name), name).toMatch(/^off\b/);
        checked++;
        continue;
      }
      const shown = name === 'WORKERS_PER_CORE' ? String(Number(value)) : value;
      expect(rows.get(name), name).toContain(`\`${shown}\``);
      checked++;
    }
    expect(checked).toBe(10);
  });
});
