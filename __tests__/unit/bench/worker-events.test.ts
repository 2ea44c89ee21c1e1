import { describe, expect, it } from 'vitest';
import { workerEvents } from '../../../bench/lib/worker-events.mjs';

describe('workerEvents', () => {
  it('the first workers are not crashes; a death and its replacement count once', () => {
    const boot = (pid: number) => `[2026-11-30 00:22:23 +0000] [${pid}] [INFO] Booting worker with pid: ${pid}`;
    const clean = ['[1] [INFO] Starting gunicorn 23.0.0', boot(7), boot(8), boot(9), boot(10)].join('\n');
    expect(workerEvents(clean, { workers: 4 })).toEqual({ boots: 4, deaths: 0, timeouts: 0, unexpectedExits: 0 });
    const segfault = `${clean}\n[1] [ERROR] Worker (pid:8) was sent code 139!\n${boot(11)}`;
    expect(workerEvents(segfault, { workers: 4 }).unexpectedExits).toBe(1);
    // Meinheld's own worker class on Gunicorn 20 leaves no death line: only the replacement shows it.
    expect(workerEvents(`${clean}\n${boot(12)}\n${boot(13)}`, { workers: 4 }).unexpectedExits).toBe(2);
    expect(workerEvents(`${clean}\n[1] [ERROR] Worker (pid:9) was sent SIGKILL! Perhaps out of memory?`, { workers: 4 }).unexpectedExits).toBe(1);
    const uwsgi =
      'spawned uWSGI worker 1 (pid: 5, cores: 1)\nspawned uWSGI worker 2 (pid: 6, cores: 1)\nDAMN ! worker 1 (pid: 5) died, killed by signal 11 :( trying respawn ...\nRespawned uWSGI worker 1 (new pid: 9)';
    expect(workerEvents(uwsgi, { workers: 2, server: 'uwsgi' })).toEqual({ boots: 2, deaths: 1, timeouts: 0, unexpectedExits: 1 });
  });
});

describe('workerEvents, Granian', () => {
  it('counts spawned workers and unexpected exits', () => {
    const log =
      '[INFO] Spawning worker-1 with PID: 7\n[INFO] Spawning worker-2 with PID: 9\n[ERROR] Unexpected exit from worker-2\n[INFO] Spawning worker-2 with PID: 12\n';
    expect(workerEvents(log, { workers: 2, server: 'granian' })).toEqual({ boots: 3, deaths: 1, timeouts: 0, unexpectedExits: 1 });
  });
});
