import * as net from 'node:net';
import { describe, expect, it } from 'vitest';
import { startLatencyProxy } from '../../../bench/lib/latency-proxy.mjs';

describe('startLatencyProxy', () => {
  it('passes requests on at once and holds each answer, in order', async () => {
    // An echo server on loopback stands in for the database.
    const echo = net.createServer((socket) => socket.on('data', (chunk) => socket.write(chunk)));
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    const target = echo.address() as net.AddressInfo;
    const proxy = await startLatencyProxy({ targetPort: target.port, rttMs: 40 });
    try {
      const client = net.connect(proxy.port, '127.0.0.1');
      const received: string[] = [];
      const started = performance.now();
      const done = new Promise<number>((resolve) =>
        client.on('data', (chunk) => {
          received.push(chunk.toString());
          if (received.join('') === 'onetwo') resolve(performance.now() - started);
        }),
      );
      client.write('one');
      setTimeout(() => client.write('two'), 5);
      const elapsed = await done;
      expect(received.join('')).toBe('onetwo');
      expect(elapsed).toBeGreaterThanOrEqual(39);
      client.destroy();
    } finally {
      await proxy.stop();
      echo.close();
    }
  });
});
