import { describe, expect, it } from 'vitest';
import { peerDockerfile, PEERS, pickPackages } from '../../../bench/lib/peers.mjs';
import { serverSettings } from '../../../bench/lib/postgres.mjs';
import { parseOptions } from '../../../bench/lib/setup.mjs';

describe('peerDockerfile', () => {
  it("installs the server's packages and the app's requirements in one pip run, then the app", () => {
    const text = peerDockerfile({ what: 'Granian', packages: ['granian'], requirements: true });
    expect(text).toContain('FROM ${BASE}');
    expect(text).toContain('COPY requirements.txt /tmp/app-requirements.txt');
    expect(text).toMatch(/RUN .*pip install .*"granian" -r \/tmp\/app-requirements\.txt\n/);
    expect(text.indexOf('COPY main.py')).toBeGreaterThan(text.indexOf('RUN '));
    expect(peerDockerfile({ what: 'x', packages: ['a==1'], requirements: false })).not.toContain('requirements');
  });
});

describe('PEERS', () => {
  it('listen on loopback only, on the port given, with one Granian worker per core', () => {
    for (const peer of PEERS) expect(peer.command(8123, 2).join(' ')).toMatch(/127\.0\.0\.1(:| --port )8123/);
    const granian = PEERS.find((p) => p.id === 'granian')!;
    expect(granian.command(1, 2)).toEqual(expect.arrayContaining(['--interface', 'wsgi', '--workers', '2']));
    expect(PEERS.find((p) => p.id === 'gunicorn-fast')!.command(1, 2)).toEqual(expect.arrayContaining(['--http-parser', 'fast']));
  });
});

describe('pickPackages', () => {
  it('finds distributions whatever their spelling', () => {
    const freeze = ['Flask==3.1.3', 'gunicorn==26.2.0', 'gunicorn_h1c==0.6.10', 'psycopg-binary==3.3.9', 'psycopg==3.3.9'];
    expect(pickPackages(freeze, ['gunicorn-h1c', 'flask', 'psycopg'])).toEqual(['Flask==3.1.3', 'gunicorn_h1c==0.6.10', 'psycopg==3.3.9']);
  });
});

describe('serverSettings', () => {
  it('keeps PostgreSQL on loopback, on the given port, with its socket in the temp dir', () => {
    const args = serverSettings({ port: 5999, socketDir: '/tmp/x' });
    expect(args).toEqual(expect.arrayContaining(['-c', 'listen_addresses=127.0.0.1', '-c', 'port=5999', '-c', 'unix_socket_directories=/tmp/x']));
    // pg_ctl hands -o to a shell: no value may hold a space.
    expect(args.every((a) => !a.includes(' '))).toBe(true);
  });
});

describe('parseOptions --apps', () => {
  it('techempower: its own result name and a sweep of more Meinheld workers', () => {
    const o = parseOptions(['--apps', 'techempower', '--quick']);
    expect([o.apps, o.name, o.sweepPoints]).toEqual([
      'techempower',
      'techempower-quick',
      [
        [8, 1],
        [16, 1],
      ],
    ]);
    expect(parseOptions([]).apps).toBe('classic');
    expect(parseOptions(['--apps', 'techempower', '--sweep', '6x1']).sweepPoints).toEqual([[6, 1]]);
    expect(() => parseOptions(['--apps', 'django'])).toThrow(/expected classic or techempower/);
  });
});
