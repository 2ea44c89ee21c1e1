// The README sends readers to pages in docs/, and the pages to each other and to files in the repository:
// every such link must lead somewhere (the file exists, and the heading it names is in it).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..', '..');
const DOCUMENTS = ['README.md', ...readdirSync(join(ROOT, 'docs')).map((name) => join('docs', name))];

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function anchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[`*_~]/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[^\p{L}\p{N}\- ]/gu, '')
    .replace(/ /g, '-');
}

/** The lines of a Markdown text outside code fences. */
function prose(text: string): string[] {
  let fenced = false;
  return text.split('\n').filter((line) => {
    if (line.startsWith('```')) fenced = !fenced;
    return !fenced;
  });
}

function anchors(file: string): Set<string> {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return new Set(prose(text).flatMap((line) => (/^#+ (.*)$/.exec(line) ? [anchor(/^#+ (.*)$/.exec(line)![1]!)] : [])));
}

function links(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return prose(text).flatMap((line) => [...line.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!));
}

describe('links in the README and docs/', () => {
  it('computes GitHub’s anchors', () => {
    expect(anchor('Against today’s servers, on a database')).toBe('against-todays-servers-on-a-database');
    expect(anchor('`pip-index-url` and forks')).toBe('pip-index-url-and-forks');
  });

  for (const file of DOCUMENTS) {
    it(`${file}: every relative link leads to a file, and to a heading in it`, () => {
      const broken: string[] = [];
      for (const target of links(file)) {
        if (/^[a-z]+:/.test(target)) continue; // https:, mailto:
        const [path = '', fragment] = target.split('#');
        const resolved = path ? normalize(join(dirname(file), path)) : file;
        if (!existsSync(join(ROOT, resolved))) broken.push(`${target} (no file ${resolved})`);
        else if (fragment && resolved.endsWith('.md') && !anchors(resolved).has(fragment)) broken.push(`${target} (no heading #${fragment})`);
      }
      expect(broken).toEqual([]);
    });
  }
});
