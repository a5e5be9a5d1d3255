import { GenericContainer, type StartedTestContainer } from 'testcontainers';

let container: StartedTestContainer | undefined;

/**
 * NATS for integration tests: `NATS_URL` when set (CI and this machine run a real server),
 * otherwise a throwaway container. Without either, fail with a message that says what to do.
 */
export async function natsUrlForTests(): Promise<string> {
  if (process.env.NATS_URL) return process.env.NATS_URL;
  try {
    container ??= await new GenericContainer('nats:2.10-alpine').withCommand(['-js']).withExposedPorts(4222).start();
    return `nats://${container.getHost()}:${container.getMappedPort(4222)}`;
  } catch (error) {
    throw new Error(
      `No NATS for tests: set NATS_URL (e.g. nats://127.0.0.1:4222) or run a Docker engine. (${(error as Error).message})`,
    );
  }
}

/** A subject prefix of its own per test file, so parallel runs on one NATS never cross. */
export function uniqueSubjectPrefix(): string {
  return `test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
}
