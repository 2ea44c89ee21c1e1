// Worker exits nobody asked for, read from a server's whole log at the end of the run. Gunicorn logs
// "Booting worker with pid: N" for every worker it starts (the first ones and each replacement) and
// "Worker (pid:N) was sent code 139!" / "was sent SIGKILL!" when one dies of a signal; a Meinheld
// worker that segfaults is replaced without any other trace. uWSGI logs "DAMN ! worker N (pid: P)
// died" and "Respawned uWSGI worker N". Granian logs "Spawning worker-N with PID: P" for each worker
// it starts and "Unexpected exit from worker-N" when one dies.

/**
 * { boots, deaths, timeouts, unexpectedExits }: unexpectedExits = max(boots beyond the `workers`
 * started first, death lines), so a death and its replacement count once.
 * @param {string} log
 * @param {{ workers: number, server?: 'gunicorn' | 'uwsgi' | 'granian' }} options
 * @returns {{ boots: number, deaths: number, timeouts: number, unexpectedExits: number }}
 */
export function workerEvents(log, { workers, server = 'gunicorn' }) {
  const count = (re) => (log.match(re) ?? []).length;
  if (server === 'uwsgi') {
    const respawns = count(/Respawned uWSGI worker/g);
    const deaths = count(/DAMN ! worker \d+/g);
    return { boots: count(/(?<!Re)spawned uWSGI worker \d+/g), deaths, timeouts: count(/HARAKIRI/g), unexpectedExits: Math.max(respawns, deaths) };
  }
  if (server === 'granian') {
    const boots = count(/Spawning worker-\d+ with/g);
    const deaths = count(/Unexpected exit from worker-\d+/g);
    return { boots, deaths, timeouts: 0, unexpectedExits: Math.max(boots - workers, deaths) };
  }
  const boots = count(/Booting worker with pid/g);
  const deaths = count(/was sent (?:code \d+|SIG\w+)|exited with code [1-9]\d*/g);
  const timeouts = count(/WORKER TIMEOUT/g);
  return { boots, deaths, timeouts, unexpectedExits: Math.max(boots - workers, deaths, timeouts) };
}
