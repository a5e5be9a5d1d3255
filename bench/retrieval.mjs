// Conduit retrieval benchmark — run by `npm run bench` after bench/run.mjs, or alone after a
// build: `node bench/retrieval.mjs`. Embeddings requests/s and search latency over a 10k-chunk
// collection in the embedded store, through the gateway, plus the embedded store alone in
// this process. What it measures and why: bench/README.md ("Retrieval benchmark"). Progress
// goes to stderr, the result tables to stdout, the report to
// bench/results/retrieval-<date-time>.md and bench/results/retrieval-latest.md.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  benchProbe,
  findLocalProcess,
  machineProbe,
  processProbe,
  startCpuMeter,
} from './lib/cpu-time.mjs';
import { benchDatabase } from './lib/database.mjs';
import { freePort } from './lib/free-port.mjs';
import { connectBus, ledgerStream } from './lib/jetstream.mjs';
import { jsonClient } from './lib/json-load.mjs';
import { machineFacts } from './lib/machine.mjs';
import { describeExit, waitUntilReady } from './lib/readiness.mjs';
import { MAX_FAILURE_RATE } from './lib/report.mjs';
import { benchEmbeddings, benchSearches, ingestCorpus } from './lib/retrieval-load.mjs';
import { readRetrievalParams } from './lib/retrieval-params.mjs';
import {
  failedBeyondTolerance,
  problemsOf,
  renderMarkdown,
  resultTables,
  writeRetrievalReport,
} from './lib/retrieval-report.mjs';
import { waitForHealthy } from './lib/service-health.mjs';
import { startService } from './lib/service.mjs';
import { benchEmbeddedStore } from './lib/store-bench.mjs';
import { onTeardown, teardown, teardownOnSignals } from './lib/teardown.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = path.join(repoRoot, 'bench', 'results');

const log = (message) => console.error(`bench/retrieval: ${message}`);

const NATS_URL = process.env.NATS_URL || 'nats://127.0.0.1:4222';
// Subjects (and so a JetStream stream) of our own: no other stack or bench on this NATS
// answers us, and run.mjs's services are gone by the time this runs anyway.
const SUBJECT_PREFIX = `bench-retrieval-${process.pid}`;
/** The ledger applies its migrations to a fresh schema before it answers health checks. */
const READY_TIMEOUT_MS = 90_000;
const COLLECTION = 'bench-corpus';

/**
 * A minimal, explicit environment rather than ours (as in run.mjs): no real API key, no OTLP
 * endpoint, no stray QDRANT_URL or GATEWAY_* variable reaches the services.
 */
function serviceEnv(extra) {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    NATS_URL,
    NATS_SUBJECT_PREFIX: SUBJECT_PREFIX,
    LOG_LEVEL: 'warn',
    NO_COLOR: '1',
    ...extra,
  };
}

/** A service that died mid-run would show up as failures; say plainly why instead. */
function assertAlive(services) {
  for (const service of services) {
    if (service.exit) {
      throw new Error(
        `${service.app} exited during the bench (${describeExit(service.exit)}). Last output:\n${service.logTail() || '(none)'}`,
      );
    }
  }
}

async function main() {
  const params = readRetrievalParams();
  teardownOnSignals();
  const startedAt = new Date();
  const began = performance.now();
  const machine = machineFacts(repoRoot);

  // Registered first, so they run last: after every service has stopped.
  const database = benchDatabase(process.env, `retrieval_${process.pid}`);
  onTeardown(() => database.drop());
  const bus = await connectBus(NATS_URL);
  const stream = await ledgerStream({ connection: bus, subjectPrefix: SUBJECT_PREFIX });
  onTeardown(async () => {
    try {
      await stream.deleteStream();
    } finally {
      await bus.close();
    }
  });
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'conduit-bench-retrieval-'));
  onTeardown(() => rm(dataDir, { recursive: true, force: true }));

  const ledger = startService({
    app: 'ledger',
    repoRoot,
    env: serviceEnv({ DATABASE_URL: database.url }),
  });
  onTeardown(() => ledger.stop());
  const embedding = startService({ app: 'embedding', repoRoot, env: serviceEnv({}) });
  onTeardown(() => embedding.stop());
  const retrieval = startService({
    app: 'retrieval',
    repoRoot,
    env: serviceEnv({ RETRIEVAL_DATA_DIR: dataDir }),
  });
  onTeardown(() => retrieval.stop());
  const port = await freePort();
  const adminKey = `sk-bench-admin-${randomBytes(16).toString('hex')}`;
  const gateway = startService({
    app: 'gateway',
    repoRoot,
    env: serviceEnv({
      GATEWAY_PORT: String(port),
      GATEWAY_HOST: '127.0.0.1',
      CONDUIT_ADMIN_KEY: adminKey,
      // Neither embeddings nor search is screened; the admin key is never rate limited, so
      // the gateway's in-memory limiter (no REDIS_URL) is never consulted either.
      GATEWAY_GUARDRAILS: 'disabled',
    }),
  });
  onTeardown(() => gateway.stop());
  const services = [ledger, embedding, retrieval, gateway];
  const gatewayUrl = `http://127.0.0.1:${port}`;

  // The gateway's /health/ready asks for llm (chat), which this bench does not start: the
  // gateway must serve HTTP, the others must answer their own health checks over NATS.
  await waitUntilReady(`${gatewayUrl}/health/live`, { services, timeoutMs: READY_TIMEOUT_MS });
  await waitForHealthy({
    connection: bus,
    subjectPrefix: SUBJECT_PREFIX,
    services: [ledger, embedding, retrieval],
    timeoutMs: READY_TIMEOUT_MS,
  });
  for (const service of services) service.markBooted();
  const bootedS = (performance.now() - began) / 1000;
  log(
    `ledger (pid ${ledger.pid}, schema ${database.schema}), embedding (pid ${embedding.pid}), retrieval (pid ${retrieval.pid}, ${dataDir}) and gateway (pid ${gateway.pid}, ${gatewayUrl}) ready after ${bootedS.toFixed(1)} s`,
  );

  const client = jsonClient({
    baseUrl: gatewayUrl,
    apiKey: adminKey,
    sockets: Math.max(params.connections, params.ingestConcurrency),
  });
  onTeardown(() => client.close());

  // CPU time per request (per chunk for ingest) of each process during each measured run.
  const isLoopback = ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(NATS_URL).hostname);
  const probes = [
    machineProbe(),
    benchProbe(),
    ...services.map((service) => processProbe(service.app, service.pid)),
    processProbe('nats-server', isLoopback ? findLocalProcess('nats-server') : undefined),
  ];
  const measure = async (run, unitsOf = (result) => result.ok) => {
    const stop = await startCpuMeter(probes);
    const result = await run();
    result.cpuMs = await stop(Math.max(1, unitsOf(result)));
    return result;
  };

  const embeddings = await benchEmbeddings({ client, params, log, measure });
  assertAlive(services);
  const ingest = await ingestCorpus({ client, collection: COLLECTION, params, log, measure });
  log(`ingest: ${ingest.chunks} chunks in ${ingest.elapsedS.toFixed(1)} s`);
  assertAlive(services);
  const search = await benchSearches({ client, collection: COLLECTION, params, log, measure });
  assertAlive(services);

  // What they logged under load, before shutdown adds its own lines.
  const serviceLogs = services.map(({ app, bootLineCount, runLineCount, bootLog }) => ({
    app,
    bootLineCount,
    runLineCount,
    bootLog,
  }));
  // The store alone runs in this process on a quiet machine: stop the services first.
  log('stopping the services');
  client.close();
  await Promise.all([gateway, retrieval, embedding, ledger].map((service) => service.stop()));
  let store;
  if (params.storeSearches > 0) {
    store = await benchEmbeddedStore({
      repoRoot,
      chunks: params.storeChunks,
      dimensions: embeddings.dimensions,
      searches: params.storeSearches,
      topK: params.topK,
      log,
    });
  }
  const elapsedS = (performance.now() - began) / 1000;

  const results = {
    startedAt,
    machine,
    params,
    embeddings,
    ingest,
    search,
    store,
    services: serviceLogs,
    elapsedS,
  };
  const markdown = renderMarkdown(results);
  const reportPath = await writeRetrievalReport(resultsDir, startedAt, markdown, {
    startedAt: startedAt.toISOString(),
    machine,
    params,
    embeddings,
    ingest,
    search,
    store,
    elapsedS,
  });

  console.log(`\n${resultTables(results)}\n`);
  const problems = problemsOf(results);
  const tooMany = failedBeyondTolerance(results);
  if (problems.length > 0) {
    const banner = '!'.repeat(78);
    console.log(
      `${banner}\n${tooMany ? 'BENCH FAILED' : 'WARNING'}: this run is not clean\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    if (tooMany) {
      console.log(
        `More than ${MAX_FAILURE_RATE * 100}% of a run failed: the numbers above are not trustworthy.`,
      );
    }
    console.log(banner);
  }
  console.log(
    `Whole run: ${elapsedS.toFixed(0)} s. Report: ${path.relative(repoRoot, reportPath)} (also bench/results/retrieval-latest.md)`,
  );
  return tooMany ? 1 : 0;
}

main()
  .then(async (code) => {
    await teardown();
    process.exit(code);
  })
  .catch(async (error) => {
    console.error(`bench/retrieval: FAILED — ${error instanceof Error ? error.message : error}`);
    await teardown();
    process.exit(1);
  });
