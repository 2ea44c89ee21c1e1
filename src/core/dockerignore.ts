// Reads an app's .dockerignore the way Docker does (moby/patternmatcher), to answer two questions
// before building: does it keep a file the rendered Dockerfile COPYs out of the build context, and
// which files does the build context hold (the build fingerprint hashes exactly those)?

/** The pattern as a regular expression over slash-separated paths, `**` crossing folders. */
function compile(pattern: string): RegExp {
  let source = '^';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '*') {
      if (pattern[i + 1] === '*') {
        i++;
        if (pattern[i + 1] === '/') i++;
        source += i + 1 >= pattern.length ? '.*' : '(.*/)?';
      } else {
        source += '[^/]*';
      }
    } else if (ch === '?') {
      source += '[^/]';
    } else if (ch === '\\' && i + 1 < pattern.length) {
      source += pattern[++i]!.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
    } else if (ch === '[' || ch === ']' || ch === '-' || ch === '^') {
      // Character classes pass through, as in Go's filepath.Match.
      source += ch;
    } else {
      source += ch.replace(/[.+()|{}$]/g, '\\$&');
    }
  }
  return new RegExp(`${source}$`);
}

/** Cleans a pattern as Docker does: trimmed, no leading `/` or `./`, no trailing `/`. */
function clean(pattern: string): string {
  const parts: string[] = [];
  for (const part of pattern.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

/** One .dockerignore line, compiled: the regular expression, how many path segments it spans, and whether it puts files back. */
interface Rule {
  text: string;
  regex: RegExp;
  depth: number;
  negated: boolean;
}

function compileRules(dockerignore: string): Rule[] {
  const rules: Rule[] = [];
  for (const line of dockerignore.split(/\r?\n/)) {
    const text = line.trim();
    if (text === '' || text.startsWith('#')) continue;
    const negated = text.startsWith('!');
    const pattern = clean(negated ? text.slice(1).trim() : text);
    if (pattern === '') continue;
    try {
      rules.push({ text, regex: compile(pattern), depth: pattern.split('/').length, negated });
    } catch {
      continue; // Docker rejects the file then; the build says so.
    }
  }
  return rules;
}

/**
 * A function that gives the .dockerignore line leaving `file` (a path relative to the context, e.g.
 * requirements.txt) out of the build context, or undefined when it is sent. The last matching line
 * decides; a line starting with `!` puts a file back. A pattern also excludes everything under a
 * folder it matches. Compiled once, for callers that ask about every file of a folder.
 */
export function contextFilter(dockerignore: string): (file: string) => string | undefined {
  const rules = compileRules(dockerignore);
  return (file) => {
    let decided: string | undefined;
    const segments = file.split('/');
    for (const rule of rules) {
      const matched = rule.regex.test(file) || (rule.depth < segments.length && rule.regex.test(segments.slice(0, rule.depth).join('/')));
      if (matched) decided = rule.negated ? undefined : rule.text;
    }
    return decided;
  };
}

/** The .dockerignore line that leaves `file` out of the build context, or undefined when it is sent (contextFilter). */
export function excludingPattern(dockerignore: string, file: string): string | undefined {
  return contextFilter(dockerignore)(file);
}
