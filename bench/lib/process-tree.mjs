// What a server costs: memory and CPU time of its process and every descendant (Gunicorn's arbiter
// and workers, uWSGI's master and workers), read from the host's /proc. Containers' processes are
// host processes too. Docker's own log shipping (containerd-shim, dockerd) is not in the tree.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/**
 * @param {number | string} pid
 * @returns {number}
 */
function parentOf(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: the fields after it are fixed.
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return -1;
  }
}

/**
 * pid and all its descendants that exist right now.
 * @param {number} rootPid
 * @returns {number[]}
 */
export function processTree(rootPid) {
  const children = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const parent = parentOf(entry);
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent).push(Number(entry));
  }
  const tree = [];
  const queue = [rootPid];
  for (let pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/**
 * @param {string} file
 * @param {string} field
 * @returns {number}
 */
function kilobytes(file, field) {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(file, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/**
 * { processes, rssMB, pssMB }: RSS summed over the tree (what `ps` users add up; counts pages the
 * forked workers share once per worker) and PSS (shared pages split between their users: what the
 * tree really costs).
 * @param {number} rootPid
 */
export function treeMemory(rootPid) {
  const pids = processTree(rootPid).filter((pid) => fs.existsSync(`/proc/${pid}`));
  let rss = 0;
  let pss = 0;
  for (const pid of pids) {
    rss += kilobytes(`/proc/${pid}/status`, 'VmRSS');
    pss += kilobytes(`/proc/${pid}/smaps_rollup`, 'Pss');
  }
  return { processes: pids.length, rssMB: rss / 1024, pssMB: pss / 1024 };
}

/**
 * CPU milliseconds (user + system) the tree has used so far, all threads included. Compared before
 * and after a run, it gives CPU per request: a figure that other work on the machine barely moves,
 * unlike requests/s, which drops whenever that work takes the cores.
 * @param {number} rootPid
 * @returns {number}
 */
export function treeCpuMs(rootPid) {
  let ticks = 0;
  for (const pid of processTree(rootPid)) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
    } catch {
      // the process ended meanwhile
    }
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}
