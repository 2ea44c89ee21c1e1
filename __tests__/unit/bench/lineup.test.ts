import { describe, expect, it } from 'vitest';
import {
  candidateServer,
  meinheldRow,
  NOTHING,
  onlyServers,
  oursDefaults,
  peerServer,
  sweepServers,
  withDatabase,
} from '../../../bench/lib/lineup.mjs';
import { PEERS } from '../../../bench/lib/peers.mjs';

const meinheld = { python: '3.11.2', worker: 'meinheld', workers: 5, threads: 1, workers_why: '2 × cores + 1' };
const gthread = { python: '3.11.2', worker: 'gthread', workers: 4, threads: 16, workers_why: '2 × cores' };

describe('the line-up', () => {
  it("our default is the run's main row; the classic suite adds the access-log row", () => {
    const classic = oursDefaults('sha256:ours', meinheld, '3.11', true);
    expect(classic.servers.map((s) => s.id)).toEqual(['ours', 'ours-access-log']);
    expect(classic.servers[0]).toMatchObject({ label: 'ours, Python 3.11.2 (Meinheld, default)', meinheldDefault: true, target: true, workers: 5 });
    expect(classic.servers[1]).toMatchObject({ env: { ACCESS_LOG: '-' }, ourImage: true });
    expect(classic.notes[0]).toContain('chose 5 meinheld workers (2 × cores + 1)');
    expect(oursDefaults('sha256:ours', gthread, '3.11', false).servers.map((s) => s.id)).toEqual(['ours']);
    expect(oursDefaults('sha256:ours', gthread, '3.11', false).notes[0]).toContain('4 gthread workers × 16 threads');
  });

  it('the Meinheld speed targets hold only for Meinheld on 3.11 and 3.13', () => {
    expect(meinheldRow(meinheld, '3.13')).toMatchObject({ meinheldDefault: true, target: true });
    expect(meinheldRow(meinheld, '3.9')).toMatchObject({ meinheldDefault: true, target: false });
    expect(meinheldRow(gthread, '3.11')).toMatchObject({ meinheldDefault: false, target: false });
  });

  it("the sweep leaves out the default's own shape, and threads count for gthread only", () => {
    const points = [
      [2, 16],
      [5, 16],
      [8, 4],
    ];
    expect(sweepServers('img', meinheld, points, '3.11').servers.map((s) => s.id)).toEqual(['meinheld-2w', 'meinheld-8w']);
    expect(sweepServers('img', gthread, [[4, 16]], '3.11')).toBe(NOTHING);
    expect(sweepServers('img', gthread, [[4, 8]], '3.11').notes[0]).toContain('`THREADS`');
  });

  it("a candidate is named for its variables; an empty ACCESS_LOG reads as 'access log off'", () => {
    const part = candidateServer('img', { THREADS: '8', ACCESS_LOG: '' }, gthread);
    expect(part.servers[0]).toMatchObject({ id: 'ours-THREADS-8-ACCESS_LOG-', label: 'ours, THREADS=8, access log off', role: 'candidate' });
  });

  it('a peer row names the release its image installed', () => {
    const granian = PEERS.find((p) => p.id === 'granian');
    const testbed = { mode: 'offline' as const, basePrefix: 'stand-ins/', pipIndexUrl: '', network: 'host' };
    const part = peerServer(granian, 'img', { version: 'granian==2.1.0', extra: ['Flask==3.1.0'], cores: 2, testbed, appRequirements: true });
    expect(part.servers[0]).toMatchObject({ id: 'granian', workers: 2, logKind: 'granian' });
    expect(part.servers[0]?.label).toContain('Granian 2.1.0');
    expect(part.notes[0]).toContain(
      'FROM stand-ins/python:3.11` + `pip install granian flask>=2.2,<4` with the app’s requirements.txt (granian==2.1.0, Flask==3.1.0)',
    );
  });

  it('--servers keeps the named servers in line-up order and rejects a name the run lacks', () => {
    const servers = [{ id: 'ours' }, { id: 'gthread' }, { id: 'seeds-3.9' }];
    expect(onlyServers(servers, undefined)).toEqual({ servers, notes: [] });
    expect(onlyServers(servers, ['seeds-3.9', 'ours']).servers.map((s) => s.id)).toEqual(['ours', 'seeds-3.9']);
    expect(() => onlyServers(servers, ['ours', 'nope'])).toThrow('--servers: no server nope in this run; the servers are ours, gthread, seeds-3.9.');
  });

  it("every server gets the database's address beside its own variables", () => {
    const [server] = withDatabase([{ id: 'gthread', env: { WORKER_CLASS: 'gthread' } }], 'postgresql://x');
    expect(server?.env).toEqual({ WORKER_CLASS: 'gthread', DATABASE_URL: 'postgresql://x' });
  });
});
