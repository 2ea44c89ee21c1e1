// Text the action did not write (container logs, response bodies, build and pip output, engine
// messages) is printed between `::stop-commands::TOKEN` and `::TOKEN::`. A GitHub runner takes any
// line whose trimmed start is `::` as a workflow command, so an app, or a package it installs,
// could otherwise forge outputs, masks, annotations or the state the post step acts on.
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';

/** A fresh token for each stretch: one seen in an earlier log cannot be replayed to resume commands. */
function newToken(text = ''): string {
  let token = randomBytes(16).toString('hex');
  while (text.includes(token)) token = randomBytes(16).toString('hex');
  return token;
}

/** The text as one block in which the runner obeys no command. */
export function fence(text: string): string {
  const token = newToken(text);
  return `::stop-commands::${token}\n${text}${text.endsWith('\n') ? '' : '\n'}::${token}::`;
}

/**
 * A stream that forwards everything to `out` inside a fence: opened now, closed by close(). For
 * commands whose output is streamed to the log as it comes (builds, pushes).
 */
export function fencedStream(out: NodeJS.WritableStream = process.stdout): { stream: Writable; close: () => void } {
  const token = newToken();
  out.write(`::stop-commands::${token}\n`);
  let atLineStart = true;
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      const text = chunk.toString();
      if (text.length > 0) atLineStart = text.endsWith('\n');
      out.write(chunk);
      // Synchronous: nothing may be left queued here when close() writes the closing line.
      callback();
    },
  });
  // The closing token must start a line of its own, or the runner would not see it.
  return { stream, close: () => void out.write(`${atLineStart ? '' : '\n'}::${token}::\n`) };
}
