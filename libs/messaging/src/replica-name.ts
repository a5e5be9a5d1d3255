import { hostname } from 'node:os';

/**
 * Each replica of a service answers its health check twice: in the service's queue group on
 * `<service>.v1.health.check` (any one replica replies), and alone on
 * `<service>.v1.health.check.replica.<name>`, so a container's own health check (see
 * infra/healthcheck/nats-health.cjs, which derives the same name) proves this very replica is up.
 */
export const REPLICA_HEALTH_TOKEN = 'replica';

/** The subjects that also get a per-replica subscription: every service's health check. */
export function isHealthCheckSubject(subject: string): boolean {
  return subject.endsWith('.health.check');
}

/**
 * This replica's name: `CONDUIT_REPLICA_NAME` if set, else the host name (unique per container
 * in compose, per pod in Kubernetes), made a single NATS subject token. Keep in step with
 * `replicaName()` in infra/healthcheck/nats-health.cjs.
 */
export function replicaName(env: NodeJS.ProcessEnv = process.env): string {
  return replicaSubjectToken(env.CONDUIT_REPLICA_NAME?.trim() || hostname());
}

/**
 * A subject token may not hold `.`, `*`, `>` or whitespace; keep to letters, digits, `_` and
 * `-` (anything else becomes `_`), at most 128 characters, never empty.
 */
export function replicaSubjectToken(raw: string): string {
  const token = raw.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 128);
  return token || 'unnamed';
}

/** `<subject>.replica.<name>`: where this replica alone answers a health check. */
export function replicaHealthSubject(subject: string, name: string): string {
  return `${subject}.${REPLICA_HEALTH_TOKEN}.${name}`;
}
