/**
 * A GitHub runner's reading of a step's log, reproduced for the tests (actions/runner,
 * ActionCommandManager): a line whose start, after trimming, is `::` is a command
 * (`::name k=v,k=v::data`), and so is a line holding `##[name k=v;]data` (the older form). After
 * `::stop-commands::TOKEN` nothing is a command until a line `::TOKEN::`. Stricter than the runner
 * on one point: every `::` line outside a fence counts, even one the runner could not parse.
 */
export interface RunnerCommand {
  name: string;
  properties: Record<string, string>;
  data: string;
  line: string;
}

// .NET's Trim() also removes NEL (U+0085), which JavaScript's trim() keeps.
const trim = (line: string): string => line.replace(/^[\s\u0085]+|[\s\u0085]+$/g, '');

const unescapeData = (value: string): string => value.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%');
const unescapeProperty = (value: string): string => unescapeData(value).replace(/%3A/gi, ':').replace(/%2C/gi, ',');

function parseV2(line: string): RunnerCommand | undefined {
  const end = line.indexOf('::', 2);
  if (end < 0) return undefined;
  const info = line.slice(2, end);
  const space = info.indexOf(' ');
  const name = space < 0 ? info : info.slice(0, space);
  if (name === '') return undefined;
  const properties: Record<string, string> = {};
  if (space >= 0) {
    for (const pair of info.slice(space + 1).split(',')) {
      const eq = pair.indexOf('=');
      if (eq > 0) properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
    }
  }
  return { name, properties, data: unescapeData(line.slice(end + 2)), line };
}

function parseV1(line: string): RunnerCommand | undefined {
  const start = line.indexOf('##[');
  const end = line.indexOf(']', start);
  if (start < 0 || end < 0) return undefined;
  const info = line.slice(start + 3, end);
  const space = info.indexOf(' ');
  const name = space < 0 ? info : info.slice(0, space);
  const properties: Record<string, string> = {};
  if (space >= 0) {
    for (const pair of info.slice(space + 1).split(';')) {
      const eq = pair.indexOf('=');
      if (eq > 0) properties[pair.slice(0, eq).trim()] = pair.slice(eq + 1);
    }
  }
  return { name, properties, data: line.slice(end + 1), line };
}

/** The commands the runner would obey in these lines, in order. */
export function runnerCommands(lines: string[]): RunnerCommand[] {
  const commands: RunnerCommand[] = [];
  let stopToken: string | undefined;
  for (const line of lines) {
    const trimmed = trim(line);
    const isV2 = trimmed.startsWith('::');
    if (!isV2 && !line.includes('##[')) continue;
    const parsed = isV2 ? parseV2(trimmed) : parseV1(line);
    if (stopToken !== undefined) {
      if (parsed && parsed.name.toLowerCase() === stopToken.toLowerCase()) stopToken = undefined;
      continue;
    }
    if (!isV2 && !parsed) continue;
    commands.push(parsed ?? { name: '(unparsed)', properties: {}, data: '', line });
    if (parsed?.name === 'stop-commands' && parsed.data !== '') stopToken = parsed.data;
  }
  return commands;
}

/** Splits a log the way the runner reads it: by \n, \r\n or a lone \r (.NET's ReadLine). */
export function logLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}
