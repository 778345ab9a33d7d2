import type http from 'node:http';
import type net from 'node:net';

export type ListeningServer = { url: string; port: number; close(): Promise<void> };

/**
 * Listens with `server` on `host` (default 127.0.0.1) and `port` (default 0: any free port). Its close() ends every
 * connection still open, even one whose answer never comes (a sandbox's hang or delay), then stops listening:
 * server.close() alone waits for those answers, and a test's afterAll or a stopped demo would wait with it.
 * A port already taken rejects with an error that names it, rather than an 'error' event that crashes the process.
 */
export async function listenHttp(server: http.Server, options: { host?: string; port?: number } = {}): Promise<ListeningServer> {
  const host = options.host ?? '127.0.0.1';
  const sockets = new Set<net.Socket>();
  server.on('connection', s => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new Error(`${host}:${options.port} is already in use by another server`, { cause: error }) : error);
    };
    server.once('error', failed);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', failed);
      resolve();
    });
  });
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://${host}:${port}`,
    port,
    async close() {
      sockets.forEach(s => s.destroy());
      await new Promise(resolve => server.close(resolve));
    },
  };
}

/**
 * A command-line server's life: starts it, then on SIGINT (Ctrl-C) or SIGTERM (scripts/start, a test) stops it and
 * exits 0. A failed start, or stop, prints the error and exits 1.
 */
export function runUntilSignal(start: () => Promise<() => Promise<void>>): void {
  const failed = (error: unknown) => {
    console.error(error);
    process.exit(1);
  };
  // Started after the handlers are in place: a signal sent as soon as the server prints its address (or while it
  // starts) stops it once started, instead of killing the process before it could close.
  const started = Promise.resolve().then(start);
  started.catch(failed);
  const onSignal = () => started.then(stop => stop()).then(() => process.exit(0), failed);
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
