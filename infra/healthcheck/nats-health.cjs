#!/usr/bin/env node
// Container health check for a NATS-only service (no HTTP port to probe):
//   node infra/healthcheck/nats-health.cjs <service>
// Asks this very replica: sends `<service>.v1.health.check.replica.<name>` (with
// NATS_SUBJECT_PREFIX, as the service subscribes), which each replica answers alone, outside the
// service's queue group (libs/messaging, replica-name.ts). `<name>` is CONDUIT_REPLICA_NAME if
// set, else the host name (unique per container in compose, per pod in Kubernetes), with every
// character but letters, digits, `_` and `-` made `_` — the rule the service uses, so inside the
// container it needs no configuration. Exits 0 only on a reply
// `{"ok":true,"data":{"status":"up",...}}`, 1 otherwise (no reply within HEALTHCHECK_TIMEOUT_MS,
// no responders, unhealthy), 2 on bad usage. Reads NATS_URL and NATS_SUBJECT_PREFIX from the
// container's env, like the service itself.
'use strict';
const { hostname } = require('node:os');
const { connect, JSONCodec } = require('nats');

const SERVICES = ['llm', 'embedding', 'retrieval', 'guardrails', 'ledger'];
/** Whole-check budget; keep it under the probe's timeout (compose 5s, k8s 5s). */
const TIMEOUT_MS = Number(process.env.HEALTHCHECK_TIMEOUT_MS || 3000);

/** Keep in step with replicaName() in libs/messaging/src/replica-name.ts. */
function replicaName() {
  const raw = (process.env.CONDUIT_REPLICA_NAME || '').trim() || hostname();
  return raw.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 128) || 'unnamed';
}

function fail(message) {
  console.error(message);
  process.exit(1);
}

async function main() {
  const service = process.argv[2];
  if (!SERVICES.includes(service)) {
    console.error(
      `usage: nats-health.cjs <${SERVICES.join('|')}> (got ${JSON.stringify(service)})`,
    );
    process.exit(2);
  }
  const prefix = process.env.NATS_SUBJECT_PREFIX;
  const replica = replicaName();
  const subject = `${prefix ? `${prefix}.` : ''}${service}.v1.health.check.replica.${replica}`;
  const servers = (process.env.NATS_URL || 'nats://127.0.0.1:4222').split(',');
  setTimeout(
    () => fail(`${service}: no answer on ${subject} within ${TIMEOUT_MS}ms`),
    TIMEOUT_MS,
  ).unref();

  const codec = JSONCodec();
  let reply;
  try {
    const connection = await connect({
      servers,
      name: `conduit-healthcheck-${service}`,
      timeout: TIMEOUT_MS,
      maxReconnectAttempts: 0,
    });
    const message = await connection.request(subject, codec.encode({}), { timeout: TIMEOUT_MS });
    reply = codec.decode(message.data);
    await connection.close();
  } catch (error) {
    // nats.js reports "no responders" as code 503: nothing subscribes to the subject.
    const reason =
      error && error.code === '503'
        ? `no responders (is replica ${replica} of the service running?)`
        : String((error && error.message) || error);
    fail(`${service}: ${subject} failed: ${reason}`);
  }
  if (reply && reply.ok === true && reply.data && reply.data.status === 'up') {
    console.log(`${service} (${replica}): up`);
    process.exit(0);
  }
  fail(`${service}: unhealthy: ${JSON.stringify(reply)}`);
}

main().catch((error) => fail(`nats-health: ${error && error.stack ? error.stack : error}`));
