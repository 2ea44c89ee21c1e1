// Which part of the work this step does: all of it (build), one platform for a later merge
// (platform), or the merge of the platform jobs' tested images under the tags (merge).
import type { Settings } from './types.js';
import type { InputReader } from './input-reader.js';

export const MODES = ['build', 'platform', 'merge'] as const;
export type Mode = (typeof MODES)[number];

const DIGEST_RE = /^sha256:[a-f0-9]{64}$/;

type ModeSettings = Pick<Settings, 'mode' | 'handover' | 'digests'>;
/** What the mode's rules depend on, read by the other groups first. */
type Context = Pick<Settings, 'platforms' | 'image' | 'push' | 'pushSkippedReason'>;

export function parseMode(input: InputReader, context: Context): ModeSettings {
  const given = input.get('mode').toLowerCase() || 'build';
  const mode: Mode = (MODES as readonly string[]).includes(given) ? (given as Mode) : 'build';
  if (mode !== given) input.fail(`mode: "${input.get('mode')}" is not a mode; use ${MODES.join(', ')}.`);
  const handover = input.get('handover');
  const digests = parseDigests(input, context.image);
  if (mode === 'platform' && context.platforms.length > 1)
    input.fail(
      `mode: platform builds one platform per job, and platforms lists ${context.platforms.join(', ')}; give each job one platform (or none, for the runner's own), or use mode: build for one job that builds them all.`,
    );
  if (mode === 'merge') {
    if (context.platforms.length === 0)
      input.fail(
        'platforms: mode: merge needs the platforms the platform jobs built (e.g. linux/amd64,linux/arm64): the merge refuses a set that lacks one.',
      );
    if (!context.push && context.pushSkippedReason === '')
      input.fail('push: mode: merge points the tags at the tested images; set push: true (and give it the same image, username and password).');
    // Counted as given, valid or not: a bad line has its own message.
    if (handover === '' && input.list('digests').length === 0)
      input.fail(
        "handover: mode: merge needs the platform jobs' hand-over files (the folder actions/download-artifact wrote them to) or their digests in digests.",
      );
  } else if (input.list('digests').length > 0) input.fail(`digests: only mode: merge reads digests; this step's mode is ${mode}.`);
  return { mode, handover, digests };
}

/** The digests input: sha256:HEX or IMAGE@sha256:HEX, one per line; the image must be the step's own. */
function parseDigests(input: InputReader, image: string): string[] {
  const digests: string[] = [];
  for (const line of input.list('digests')) {
    const at = line.lastIndexOf('@');
    const digest = at < 0 ? line : line.slice(at + 1);
    const named = at < 0 ? '' : line.slice(0, at).toLowerCase();
    if (!DIGEST_RE.test(digest)) input.fail(`digests: "${line}" is not a digest; give sha256:HEX (64 hex digits) or IMAGE@sha256:HEX, one per line.`);
    else if (named !== '' && named !== image)
      input.fail(
        `digests: "${line}" names ${named}, and this step merges ${image || 'no image'}; an index can only name images of its own repository.`,
      );
    else digests.push(digest);
  }
  return digests;
}
