// Which tags: the extra ones, the date of the dated tags, `latest` and the immutable tag.
// (core/tags.ts, beside settings/, computes the tags themselves from these settings.)
import { isValidTag } from '../image-ref.js';
import type { Settings } from './types.js';
import type { InputReader } from './input-reader.js';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseTags(input: InputReader): Pick<Settings, 'extraTags' | 'date' | 'latest' | 'immutableTag'> {
  const extraTags = input.list('tags');
  for (const tag of extraTags)
    if (!isValidTag(tag)) input.fail(`tags: "${tag}" is not a valid tag; use up to 128 letters, digits, _ . - not starting with . or -.`);
  const date = input.get('date');
  if (date !== '' && !isCalendarDate(date)) input.fail(`date: "${date}" is not a date; use YYYY-MM-DD, e.g. 2026-11-21.`);
  return { extraTags, date, latest: input.bool('latest', true), immutableTag: input.bool('immutable-tag', false) };
}

/** A real day of the calendar, e.g. not 2026-02-30. */
function isCalendarDate(value: string): boolean {
  if (!DATE_RE.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
}
