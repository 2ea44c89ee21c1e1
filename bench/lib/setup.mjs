// What the benchmark needs around it: its options, its tools, and where images come from (the
// offline test bed here, Docker Hub and PyPI on a GitHub runner).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { must, onPath, run } from './exec.mjs';
import { readTestbed } from './testbed.mjs';

export const USAGE = `Usage: npm run bench [-- --quick] [--apps classic|techempower] [--python 3.11] [--out DIR] [--name NAME]
                 [--seconds N] [--reps N] [--sweep WxT,WxT... | --sweep none] [--candidate VAR=VALUE[,VAR=VALUE...]]...
                 [--servers ID,ID...] [--db-rtt MS]

  --quick      one short repetition and a small sweep, for development (about 3 minutes)
               (default: the full run, 5 repetitions, about 11 minutes on 2 cores)
  --apps       classic (default): plaintext, JSON, a 10 ms wait and 1 MB (bench/app), with the image's
               build checks; techempower: the six TechEmpower tests (bench/app-techempower) against a
               PostgreSQL the bench starts on 127.0.0.1, our image on 3.11 and 3.13, gthread, gevent,
               Meinheld with more workers, the seeds' stack and the peers (results: techempower-<mode>)
  --db-rtt     techempower: every database answer held MS milliseconds on its way back (a database a
               network away: each query then waits at least that long); default 0, the database on loopback
  --python     the main image's Python version (default 3.11; Debian's uWSGI peer embeds 3.11);
               our image on 3.9 and 3.13, gevent on 3.13 and the seeds' 3.9 stack run beside it
  --out        where results go (default bench/results); files are named after the mode
  --seconds    wrk duration per app, server and repetition; --reps: how many repetitions
  --name       base name of the result files (default: the mode, quick or full)
  --sweep      the points of the default worker class to measure instead of the mode's grid,
               WORKERSxTHREADS, e.g. 2x1,8x1 (threads count for gthread only; techempower: 8x1,16x1)
  --candidate  also run our image with these variables set (a default under consideration),
               e.g. --candidate THREADS=16 --candidate WORKERS_PER_CORE=1,THREADS=32
  --servers    load only these servers (ids as in the results' JSON), e.g. ours,ours-3.13,gthread,seeds-3.9:
               fewer servers take turns closer together, so their ratios are tighter on a busy machine`;

const MODES = {
  quick: { seconds: 2, warmupSeconds: 1, reps: 1, sweepWorkers: [2, 4], sweepThreads: [16], uwsgiShapes: [[5, 1]] },
  full: {
    seconds: 2,
    warmupSeconds: 1,
    reps: 5,
    sweepWorkers: [2, 4, 8],
    sweepThreads: [16],
    uwsgiShapes: [
      [5, 1],
      [4, 4],
    ],
  },
};

/**
 * @typedef {{ mode: 'quick' | 'full', apps: 'classic' | 'techempower', dbRttMs: number, python: string, out: string, name: string, connections: number, help: boolean, candidates: Record<string, string>[], servers?: string[] }} Given
 */

/** @param {string[]} argv */
export function parseOptions(argv) {
  /** @type {{ options: Given, numbers: Record<string, number>, sweep?: number[][] }} */
  const given = {
    options: {
      mode: 'full',
      apps: 'classic',
      python: '3.11',
      out: 'bench/results',
      name: '',
      connections: 32,
      help: false,
      candidates: [],
      dbRttMs: 0,
    },
    numbers: {},
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value.\n${USAGE}`);
      return next;
    };
    readOption(given, arg, value);
  }
  const { options, numbers, sweep } = given;
  if (!/^3\.\d+$/.test(options.python)) throw new Error(`--python ${options.python}: expected X.Y, e.g. 3.11.`);
  const database = options.apps === 'techempower';
  if (options.dbRttMs > 0 && !database) throw new Error('--db-rtt: only with --apps techempower (the other apps use no database).');
  const rtt = options.dbRttMs > 0 ? `-rtt${options.dbRttMs}ms` : '';
  return {
    ...options,
    ...MODES[options.mode],
    ...numbers,
    // Apps that wait on a database: more Meinheld workers is the question, not fewer.
    sweepPoints: sweep ?? (database ? DATABASE_SWEEP : grid(MODES[options.mode])),
    name: options.name || (database ? `techempower-${options.mode}${rtt}` : options.mode),
  };
}

/**
 * One command-line option into `given`; value() takes the option's value (the next argument).
 * @param {{ options: Given, numbers: Record<string, number>, sweep?: number[][] }} given
 * @param {string} arg
 * @param {() => string} value
 */
function readOption(given, arg, value) {
  const { options } = given;
  if (arg === '--quick') options.mode = 'quick';
  else if (arg === '--full') options.mode = 'full';
  else if (arg === '--help' || arg === '-h') options.help = true;
  else if (arg === '--python') options.python = value();
  else if (arg === '--apps') {
    const apps = value();
    if (apps !== 'classic' && apps !== 'techempower') throw new Error(`--apps ${apps}: expected classic or techempower.`);
    options.apps = apps;
  } else if (arg === '--out') options.out = value();
  else if (arg === '--name') {
    options.name = value();
    if (!/^[\w.-]+$/.test(options.name)) throw new Error(`--name ${options.name}: expected letters, digits, ., _ or - (it names files).`);
  } else if (arg === '--sweep') given.sweep = parseSweep(value());
  else if (arg === '--candidate') options.candidates.push(parseCandidate(value()));
  else if (arg === '--servers') {
    options.servers = value()
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean);
    if (options.servers.length === 0) throw new Error(`--servers: expected server ids separated by commas, e.g. ours,ours-3.13,gthread,seeds-3.9.`);
  } else if (arg === '--db-rtt') {
    const raw = value();
    options.dbRttMs = Number(raw);
    if (!Number.isInteger(options.dbRttMs) || options.dbRttMs < 0 || options.dbRttMs > 100)
      throw new Error(`--db-rtt ${raw}: expected whole milliseconds from 0 to 100, e.g. 1.`);
  } else if (arg === '--seconds' || arg === '--reps') {
    const raw = value();
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${arg} ${raw}: expected a whole number of at least 1.`);
    given.numbers[arg.slice(2)] = n;
  } else throw new Error(`${arg}: not a known option.\n${USAGE}`);
}

const DATABASE_SWEEP = [
  [8, 1],
  [16, 1],
];

function grid(mode) {
  return mode.sweepWorkers.flatMap((workers) => mode.sweepThreads.map((threads) => [workers, threads]));
}

/** "4x4,4x16" -> [[4, 4], [4, 16]]; "none" -> []. */
export function parseSweep(text) {
  if (text === 'none') return [];
  return text.split(',').map((point) => {
    const match = /^(\d+)[x×](\d+)$/.exec(point.trim());
    if (!match || Number(match[1]) < 1 || Number(match[2]) < 1) {
      throw new Error(`--sweep ${text}: "${point}" is not WORKERSxTHREADS; expected e.g. 4x4,4x16 or none.`);
    }
    return [Number(match[1]), Number(match[2])];
  });
}

const TUNING_VARIABLES = [
  'WORKERS_PER_CORE',
  'WEB_CONCURRENCY',
  'MAX_WORKERS',
  'THREADS',
  'WORKER_CLASS',
  'ACCESS_LOG',
  'KEEP_ALIVE',
  'CPU_LIMIT',
  'GUNICORN_CMD_ARGS',
];

/**
 * "THREADS=16,WORKERS_PER_CORE=1" -> { THREADS: '16', WORKERS_PER_CORE: '1' } (the image's own variables only).
 * @param {string} text
 * @returns {Record<string, string>}
 */
export function parseCandidate(text) {
  /** @type {Record<string, string>} */
  const env = {};
  for (const pair of text.split(',')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(pair.trim());
    if (!match?.[1] || match[2] === undefined || !TUNING_VARIABLES.includes(match[1])) {
      throw new Error(`--candidate ${text}: "${pair}" is not VAR=VALUE with VAR one of ${TUNING_VARIABLES.join(', ')}.`);
    }
    env[match[1]] = match[2];
  }
  return env;
}

/**
 * wrk and curl are required; uWSGI (peer) and rsvg-convert (PNG chart) are optional. As root with apt-get
 * (these machines, a GitHub runner with sudo aside), missing Debian packages are installed.
 */
export async function ensureTools(log) {
  const wanted = [
    { tool: 'wrk', packages: ['wrk'], required: true },
    { tool: 'curl', packages: ['curl'], required: true }, // the delivery check's clients
    { tool: 'uwsgi', packages: ['uwsgi-core', 'uwsgi-plugin-python3'] },
    { tool: 'rsvg-convert', packages: ['librsvg2-bin'] },
  ];
  const missing = [];
  for (const w of wanted) if (!(await onPath(w.tool))) missing.push(w);
  if (missing.length > 0 && process.getuid?.() === 0 && (await onPath('apt-get'))) {
    const packages = missing.flatMap((m) => m.packages);
    log(`installing ${packages.join(' ')} from Debian's archive`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    await run('apt-get', ['update', '-qq'], { env, timeoutMs: 300_000 });
    await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { env, timeoutMs: 300_000 });
  }
  const present = {};
  for (const w of wanted) {
    present[w.tool] = await onPath(w.tool);
    if (w.required && !present[w.tool]) throw new Error(`${w.tool} is required: apt-get install ${w.packages.join(' ')}`);
  }
  return present;
}

const CLASSIC_APP = 'bench/app';
const DATABASE_APP = 'bench/app-techempower';

/**
 * The run's setup: what it was asked (options), its tools, where images come from (the test bed) and
 * the machine's facts; the notes, unavailable servers and timings the phases gather go in its lists.
 * @param {ReturnType<typeof parseOptions>} options
 * @param {{ repoRoot: string, argv: string[], log: (line: string) => void }} where
 */
export async function prepareRun(options, { repoRoot, argv, log }) {
  const startedAt = Date.now();
  const loadBefore = loadAverage();
  log(`bench: ${options.mode} run, load average ${loadBefore}`);
  if ((os.loadavg()[0] ?? 0) > os.availableParallelism()) {
    log('bench: warning: the machine is busy with other work; numbers will be noisy (ratios measured side by side still hold better than absolutes)');
  }
  await ensureTools(log);
  const testbed = await readTestbed(repoRoot, log);
  const facts = await machineFacts();
  const database = options.apps === 'techempower';
  const app = database ? DATABASE_APP : CLASSIC_APP;
  return {
    options,
    log,
    repoRoot,
    /** The app's folder, relative to repoRoot (what the action is given) */
    app,
    appDir: path.join(repoRoot, app),
    database,
    // Image tags of their own per suite, so one suite's run does not retag the other's images.
    tag: (/** @type {string} */ name) => (database ? `${name}-techempower` : name),
    testbed,
    facts,
    startedAt,
    loadBefore,
    command: `npm run bench${argv.length > 0 ? ` -- ${argv.join(' ')}` : ''}`,
    /** @type {string[]} how each server ran, in the order the phases learn it */
    notes: [],
    /** @type {{ what: string, reason: string }[]} */
    unavailable: [],
    /** @type {{ what: string, timing: any }[]} the action's builds the docker wrapper timed */
    action: [],
  };
}

/** @typedef {Awaited<ReturnType<typeof prepareRun>>} Bench */

/** Facts for the report header. */
export async function machineFacts() {
  const docker = await must('docker', ['version', '--format', '{{.Server.Version}}']);
  return {
    cores: os.availableParallelism(),
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    dockerServer: docker.stdout.trim(),
    wrk: (await run('wrk', ['--version'])).stdout.split('\n')[0]?.trim() ?? '',
  };
}

export const loadAverage = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

export function ensureDir(dir) {
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}
