// A database a network away, on loopback: a TCP relay in front of PostgreSQL that holds every answer
// for a fixed time before passing it on, so each query costs the app one round trip more, as with a
// managed database in another rack or zone. Requests go through at once; answers keep their order
// (every chunk waits the same time). Loopback only, and stopped with the database.
import * as net from 'node:net';

/**
 * Listens on a free 127.0.0.1 port and relays to 127.0.0.1:targetPort, each answer chunk delayed by
 * `rttMs`. Resolves { port, stop() }.
 * @param {{ targetPort: number, rttMs: number }} options
 * @returns {Promise<{ port: number, stop: () => Promise<void> }>}
 */
export function startLatencyProxy({ targetPort, rttMs }) {
  const sockets = new Set();
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.setNoDelay(true);
      socket.on('close', () => sockets.delete(socket));
    }
    client.on('data', (chunk) => upstream.write(chunk));
    upstream.on('data', (chunk) => setTimeout(() => client.writable && client.write(chunk), rttMs));
    // Either side gone: end the other once the delayed answers have been passed on.
    upstream.on('close', () => setTimeout(() => client.destroy(), rttMs + 1));
    client.on('close', () => upstream.destroy());
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (typeof address !== 'object' || !address) return reject(new Error('the latency proxy got no port'));
      const stop = () =>
        new Promise((done) => {
          for (const socket of sockets) socket.destroy();
          server.close(() => done(undefined));
        });
      resolve({ port: address.port, stop });
    });
  });
}
