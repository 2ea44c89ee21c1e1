import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { fence, fencedStream } from '../../../src/core/untrusted-text.js';
import { logLines, runnerCommands } from '../../runner-commands.js';

// What an app or a package it installs can print, each line a command to a runner.
const ATTACK = [
  '::set-output name=digest::sha256:forged',
  '  ::save-state name=dockerConfig::/home/runner/work',
  '\t::add-mask::Hello',
  '::error title=x::forged',
  'text ##[set-output name=image-id;]forged',
  '\u0085::warning::after a NEL',
  '::stop-commands::ffff',
  '::ffff::',
  '::set-output name=after-own-fence::forged',
  'last line without newline\r::notice::after a lone CR',
].join('\n');

describe('the harness reads a log as a runner does', () => {
  it('finds every command in unfenced text, so the tests below can fail', () => {
    const names = runnerCommands(logLines(ATTACK)).map((c) => c.name);
    expect(names).toEqual(['set-output', 'save-state', 'add-mask', 'error', 'set-output', 'warning', 'stop-commands', 'set-output', 'notice']);
  });
});

describe('fence', () => {
  it('leaves no command in the text for the runner, and resumes after it', () => {
    const log = `${fence(ATTACK)}\n::notice::ours`;
    const commands = runnerCommands(logLines(log));
    expect(commands.map((c) => c.name)).toEqual(['stop-commands', 'notice']);
    expect(commands[1]!.data).toBe('ours');
  });

  it('uses a new token each time, never one found in the text', () => {
    const a = fence('x').split('\n')[0];
    const b = fence('x').split('\n')[0];
    expect(a).toMatch(/^::stop-commands::[0-9a-f]{32}$/);
    expect(a).not.toBe(b);
  });

  it('closes on a line of its own when the text ends without a newline', () => {
    const lines = fence('no newline').split('\n');
    expect(lines[1]).toBe('no newline');
    expect(lines[2]).toMatch(/^::[0-9a-f]{32}::$/);
  });
});

describe('fencedStream (streamed build and push output)', () => {
  it('fences every chunk, however it is cut, and resumes commands after close', () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const { stream, close } = fencedStream(out);
    for (const chunk of [ATTACK.slice(0, 7), ATTACK.slice(7, 40), ATTACK.slice(40)]) stream.write(chunk);
    close();
    out.write('::notice::ours\n');
    expect(runnerCommands(logLines(text)).map((c) => c.name)).toEqual(['stop-commands', 'notice']);
  });
});
