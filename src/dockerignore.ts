// Reads an app's .dockerignore the way Docker does (moby/patternmatcher), to answer one question
// before building: does it keep a file the rendered Dockerfile COPYs out of the build context?

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

/**
 * The .dockerignore line that leaves `file` (a path relative to the context, e.g. requirements.txt)
 * out of the build context, or undefined when it is sent. The last matching line decides; a line
 * starting with `!` puts a file back. A pattern also excludes everything under a folder it matches.
 */
export function excludingPattern(dockerignore: string, file: string): string | undefined {
  let decided: string | undefined;
  const segments = file.split('/');
  for (const line of dockerignore.split(/\r?\n/)) {
    const text = line.trim();
    if (text === '' || text.startsWith('#')) continue;
    const negated = text.startsWith('!');
    const pattern = clean(negated ? text.slice(1).trim() : text);
    if (pattern === '') continue;
    let regex: RegExp;
    try {
      regex = compile(pattern);
    } catch {
      continue; // Docker rejects the file then; the build says so.
    }
    const depth = pattern.split('/').length;
    const matched = regex.test(file) || (depth < segments.length && regex.test(segments.slice(0, depth).join('/')));
    if (matched) decided = negated ? undefined : text;
  }
  return decided;
}
