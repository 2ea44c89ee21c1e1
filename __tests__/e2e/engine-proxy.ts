/**
 * A proxy in front of the real Docker engine's API socket that fails chosen requests, so a fault
 * the engine rarely shows (an `image inspect` that errors right after a push) happens for real
 * to the real docker CLI. Everything else, upgraded BuildKit sessions included, passes through.
 */
import { request as httpRequest, createServer, type IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface EngineProxy {
  /** DOCKER_HOST value for the action under test. */
  dockerHost: string;
  /** Requests answered with the injected failure, as "METHOD path". */
  failed: string[];
  close: () => Promise<void>;
}

/** Where the real engine listens: DOCKER_HOST when it is a unix or tcp address, else the default socket. */
function upstream(): { socketPath: string } | { host: string; port: number } {
  const host = process.env.DOCKER_HOST ?? '';
  if (host.startsWith('unix://')) return { socketPath: host.slice('unix://'.length) };
  const tcp = /^tcp:\/\/([^:/]+):(\d+)/.exec(host);
  if (tcp) return { host: tcp[1]!, port: Number(tcp[2]) };
  return { socketPath: '/var/run/docker.sock' };
}

/**
 * `shouldFail(request, seen)` decides per request; `seen` lists every earlier request ("METHOD path"),
 * so a rule can wait for one (e.g. fail inspections only after a push).
 */
export async function startEngineProxy(shouldFail: (request: IncomingMessage, seen: string[]) => boolean): Promise<EngineProxy> {
  const dir = mkdtempSync(join(tmpdir(), 'engine-proxy-'));
  const socketPath = join(dir, 'docker.sock');
  const seen: string[] = [];
  const failed: string[] = [];
  const target = upstream();
  const sockets = new Set<Socket>();

  const server = createServer((req, res) => {
    const line = `${req.method} ${req.url}`;
    if (shouldFail(req, seen)) {
      failed.push(line);
      seen.push(line);
      req.resume();
      res.writeHead(500, { 'content-type': 'application/json' }).end('{"message":"injected failure (engine proxy)"}\n');
      return;
    }
    seen.push(line);
    const forward = httpRequest({ ...target, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      // Long polls (the CLI's container wait) get their headers at once and their body much later;
      // the CLI waits for the headers before it starts the container.
      res.flushHeaders();
      answer.pipe(res);
    });
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });

  // BuildKit sessions and attaches upgrade the connection: from then on, bytes both ways.
  server.on('upgrade', (req: IncomingMessage, client: Socket, head: Buffer) => {
    seen.push(`${req.method} ${req.url}`);
    const engine = 'socketPath' in target ? connect(target.socketPath) : connect(target.port, target.host);
    sockets.add(engine);
    sockets.add(client);
    const headers: string[] = [];
    for (let i = 0; i < req.rawHeaders.length; i += 2) headers.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
    engine.write(`${req.method} ${req.url} HTTP/${req.httpVersion}\r\n${headers.join('\r\n')}\r\n\r\n`);
    if (head.length > 0) engine.write(head);
    engine.pipe(client).pipe(engine);
    const end = () => {
      engine.destroy();
      client.destroy();
    };
    engine.on('error', end).on('close', end);
    client.on('error', end).on('close', end);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return {
    dockerHost: `unix://${socketPath}`,
    failed,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
