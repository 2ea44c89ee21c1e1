// The Markdown the reports are made of: tables, lists and sections, each a string or a list of lines
// that the report joins with newlines.

/** A markdown table: the first column left-aligned, the figures right-aligned. */
export function table(header, rows) {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

/** @param {string[]} items */
export const bullets = (items) => items.map((item) => `- ${item}`).join('\n');

/**
 * A section's lines: its heading, then each block, every one followed by a blank line.
 * @param {string} title
 * @param {string[]} blocks
 */
export const section = (title, ...blocks) => [`## ${title}`, '', ...blocks.flatMap((block) => [block, ''])];
