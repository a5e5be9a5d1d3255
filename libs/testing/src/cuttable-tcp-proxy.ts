import { createServer, connect, type Server, type Socket } from 'node:net';

export interface CuttableTcpProxy {
  /** The loopback port that forwards to the target. */
  port: number;
  /** Drops every connection and refuses new ones (ECONNREFUSED), as a dead server would. */
  cut(): Promise<void>;
  /** Listens again on the same port. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A TCP proxy on loopback in front of a real server (Postgres, Redis, …), for outage tests that
 * must not stop the shared server other tests use: `cut()` makes the server look dead to
 * whoever connects through the proxy, `restore()` brings it back.
 */
export async function startCuttableTcpProxy(
  targetHost: string,
  targetPort: number,
): Promise<CuttableTcpProxy> {
  const sockets = new Set<Socket>();
  const listen = (port: number): Promise<Server> =>
    new Promise((resolve, reject) => {
      const server = createServer((client) => {
        const upstream = connect(targetPort, targetHost);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => {
            client.destroy();
            upstream.destroy();
          });
        }
        client.pipe(upstream).pipe(client);
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve(server));
    });
  let server: Server | undefined = await listen(0);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const stop = async () => {
    const closing = server;
    server = undefined;
    for (const socket of sockets) socket.destroy();
    sockets.clear();
    if (closing) await new Promise<void>((resolve) => closing.close(() => resolve()));
  };
  return {
    port,
    cut: stop,
    restore: async () => {
      server ??= await listen(port);
    },
    close: stop,
  };
}
