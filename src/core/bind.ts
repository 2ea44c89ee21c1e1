// Where the test container listens, read from probe-env the way the image reads it
// (docker/image/autotune.py: BIND wins over HOST and PORT), so the probe knocks on that port.

export type Listen =
  | { kind: 'tcp'; host: string; port: number }
  /** unix:/path or fd://N: nothing the probe can reach over HTTP from outside. */
  | { kind: 'socket'; value: string }
  | { kind: 'invalid'; value: string };

/** The address BIND asks for, or undefined when BIND is unset or empty (the image then uses HOST and PORT). */
export function bindAddress(env: Record<string, string>): Listen | undefined {
  const value = env.BIND?.trim() ?? '';
  if (value === '') return undefined;
  if (value.startsWith('unix:') || value.startsWith('fd://')) return { kind: 'socket', value };
  const colon = value.lastIndexOf(':');
  const host = value.slice(0, colon);
  const port = value.slice(colon + 1);
  if (colon <= 0 || !/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535) return { kind: 'invalid', value };
  return { kind: 'tcp', host, port: Number(port) };
}

/** Why the smoke test could not reach an app started with this probe-env, or '' when it can. */
export function bindProblem(env: Record<string, string>, network: 'bridge' | 'host'): string {
  const bind = bindAddress(env);
  if (bind === undefined || (bind.kind === 'tcp' && !(network === 'bridge' && isLoopback(bind.host)))) return '';
  const given = `probe-env: BIND="${env.BIND}"`;
  if (bind.kind === 'socket')
    return `${given} makes the app listen on a socket the smoke test cannot reach over HTTP; give BIND=0.0.0.0:PORT (or PORT alone) in probe-env, and keep the socket for your own deployment.`;
  if (bind.kind === 'invalid')
    return `${given} is not HOST:PORT with a port from 1 to 65535, which the image requires; use e.g. BIND=0.0.0.0:8080 or BIND=[::]:8080.`;
  return `${given} listens on the container's own loopback, which a published port cannot reach on network bridge; use BIND=0.0.0.0:${bind.port}, or network host.`;
}

/** The port the app listens on inside the container: BIND's, else PORT's, else the fallback. */
export function listenPort(env: Record<string, string>, fallback: number): number {
  const bind = bindAddress(env);
  if (bind?.kind === 'tcp') return bind.port;
  const port = env.PORT;
  return port !== undefined && /^\d+$/.test(port) ? Number(port) : fallback;
}

function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127\./.test(bare);
}
