// The uWSGI peer runs on the host from Debian's packages (uwsgi-core, uwsgi-plugin-python3), which
// embed Debian's own Python 3; the app's packages come from a virtualenv holding exactly the versions
// the benchmark image has (its `pip freeze`), installed from the same package index.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { must, onPath, run } from './exec.mjs';

const SYSTEM_PYTHON = '/usr/bin/python3';
const WORKER_PACKAGES = ['meinheld', 'greenlet', 'gevent', 'zope.event', 'zope.interface'];

/**
 * { available: true, venv, python, packages } or { available: false, reason }.
 * imagePython is the image's X.Y: the plugin embeds the system Python, which must be the same.
 * @param {{ image: string, imagePython: string, testbed: import('./testbed.mjs').Testbed }} options
 * @returns {Promise<{ available: true, venv: string, python: string, version: string, packages: string[] } | { available: false, reason: string }>}
 */
export async function prepareUwsgi({ image, imagePython, testbed }) {
  if (!(await onPath('uwsgi'))) return { available: false, reason: 'uwsgi is not installed (apt-get install uwsgi-core uwsgi-plugin-python3)' };
  const plugin = await run('uwsgi', ['--plugin', 'python3', '--version']);
  if (plugin.code !== 0) return { available: false, reason: 'the python3 plugin is missing (apt-get install uwsgi-plugin-python3)' };
  if (!fs.existsSync(SYSTEM_PYTHON)) return { available: false, reason: `${SYSTEM_PYTHON} is missing` };
  const python = (await must(SYSTEM_PYTHON, ['-c', 'import sys; print("%d.%d.%d" % sys.version_info[:3])'])).stdout.trim();
  if (!python.startsWith(`${imagePython}.`)) {
    return { available: false, reason: `Debian's uWSGI embeds Python ${python}, the image has ${imagePython}` };
  }
  const freeze = await must('docker', ['run', '--rm', '--network', 'none', image, 'pip', 'freeze', '--disable-pip-version-check']);
  const packages = freeze.stdout
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /^[A-Za-z0-9_.-]+==\S+$/.test(line))
    // The worker's own packages are not the app's: uWSGI serves it itself (and the image's Meinheld is a local build).
    .filter((line) => !WORKER_PACKAGES.includes((line.split('==')[0] ?? '').toLowerCase()));
  const key = crypto
    .createHash('sha256')
    .update(`${python}\n${packages.join('\n')}`)
    .digest('hex')
    .slice(0, 12);
  const venv = path.join(os.tmpdir(), `flask-bench-uwsgi-venv-${key}`);
  if (!fs.existsSync(path.join(venv, 'ready'))) {
    fs.rmSync(venv, { recursive: true, force: true });
    await must(SYSTEM_PYTHON, ['-m', 'venv', venv]);
    const index = testbed.pipIndexUrl ? ['--index-url', testbed.pipIndexUrl] : [];
    const install = await run(path.join(venv, 'bin', 'pip'), ['install', '--disable-pip-version-check', '--no-cache-dir', ...index, ...packages], {
      timeoutMs: 300_000,
    });
    if (install.code !== 0) {
      return { available: false, reason: `could not install the image's packages for uWSGI: ${install.stderr.trim().split('\n').pop()}` };
    }
    fs.writeFileSync(path.join(venv, 'ready'), packages.join('\n'));
  }
  const version = (await must('uwsgi', ['--version'])).stdout.trim();
  return { available: true, venv, python, version, packages };
}

/**
 * uWSGI's command line: HTTP straight from the workers, no request log (like Gunicorn's default).
 * --http11-socket keeps connections alive like Gunicorn's gthread; with plain --http-socket the
 * throughput is the same but uWSGI closes every connection without saying so, which wrk counts as
 * a read error per request.
 * @param {{ venv: string, appDir: string, port: number, processes: number, threads: number }} options
 * @returns {string[]}
 */
export function uwsgiArgs({ venv, appDir, port, processes, threads }) {
  return [
    '--plugin',
    'python3',
    '--http11-socket',
    `127.0.0.1:${port}`,
    '--master',
    '--processes',
    String(processes),
    ...(threads > 1 ? ['--threads', String(threads)] : []),
    '--chdir',
    appDir,
    '--wsgi-file',
    'main.py',
    '--callable',
    'app',
    '--virtualenv',
    venv,
    '--need-app',
    '--disable-logging',
    '--die-on-term',
  ];
}
