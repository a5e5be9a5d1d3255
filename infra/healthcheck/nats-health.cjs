#!/usr/bin/env node
// Container health check for a NATS-only service (no HTTP port to probe):
//   node infra/healthcheck/nats-health.cjs <service>
// Sends `<service>.v1.health.check` (with NATS_SUBJECT_PREFIX, as the service subscribes) and
// exits 0 only on a reply `{"ok":true,"data":{"status":"up",...}}`. Reads NATS_URL and
// NATS_SUBJECT_PREFIX from the container's env, like the service itself.
//
// Caveat: the service answers in a queue group, so with several replicas any one of them may
// reply; this proves the service is reachable and healthy, not that this very replica is.
'use strict';
const { connect, JSONCodec } = require('nats');

const SERVICES = ['llm', 'embedding', 'retrieval', 'guardrails', 'ledger'];
/** Whole-check budget; keep it under the probe's timeout (compose 5s, k8s 5s). */
const TIMEOUT_MS = Number(process.env.HEALTHCHECK_TIMEOUT_MS || 3000);

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
  const subject = `${prefix ? `${prefix}.` : ''}${service}.v1.health.check`;
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
        ? 'no responders (is the service running?)'
        : String((error && error.message) || error);
    fail(`${service}: ${subject} failed: ${reason}`);
  }
  if (reply && reply.ok === true && reply.data && reply.data.status === 'up') {
    console.log(`${service}: up`);
    process.exit(0);
  }
  fail(`${service}: unhealthy: ${JSON.stringify(reply)}`);
}

main().catch((error) => fail(`nats-health: ${error && error.stack ? error.stack : error}`));
