import { createConnection } from 'node:net';
import { GenericContainer, type StartedTestContainer } from 'testcontainers';

const LOCAL_NATS = { host: '127.0.0.1', port: 4222 };
let container: StartedTestContainer | undefined;

function reachable(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * NATS for integration tests: `NATS_URL` when set, else a server on 127.0.0.1:4222 (as on
 * CI and dev machines), else a throwaway container. Without any, say what to do.
 */
export async function natsUrlForTests(): Promise<string> {
  if (process.env.NATS_URL) return process.env.NATS_URL;
  if (await reachable(LOCAL_NATS.host, LOCAL_NATS.port))
    return `nats://${LOCAL_NATS.host}:${LOCAL_NATS.port}`;
  try {
    container ??= await new GenericContainer('nats:2.10-alpine')
      .withCommand(['-js'])
      .withExposedPorts(4222)
      .start();
    return `nats://${container.getHost()}:${container.getMappedPort(4222)}`;
  } catch (error) {
    throw new Error(
      `No NATS for tests: set NATS_URL, run nats-server -js on 127.0.0.1:4222, or run a Docker engine. (${(error as Error).message})`,
    );
  }
}

/** A subject prefix of its own per test file, so parallel runs on one NATS never cross. */
export function uniqueSubjectPrefix(): string {
  return `test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
}
