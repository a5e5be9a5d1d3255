// Conduit gateway benchmark — `npm run bench` (which builds first). What it measures and
// why is in bench/README.md. Progress goes to stderr, the result tables to stdout, the full
// report to bench/results/<date-time>.md and bench/results/latest.md.
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { adminApi } from './lib/admin-api.mjs';
import {
  cacheableChatBody,
  cacheTarget,
  SEMANTIC_CACHE_EMBEDDING_MODEL,
  semanticVariantBodies,
} from './lib/cache-phase.mjs';
import {
  benchProbe,
  findLocalProcess,
  machineProbe,
  postgresBackendsProbe,
  processProbe,
  startCpuMeter,
} from './lib/cpu-time.mjs';
import { benchCatalog } from './lib/catalog.mjs';
import { benchDatabase } from './lib/database.mjs';
import { freePort } from './lib/free-port.mjs';
import { gatewayChatRequests } from './lib/gateway-metrics.mjs';
import { runHttpLoad, warmUp } from './lib/http-load.mjs';
import { timeHops } from './lib/hops.mjs';
import { connectBus, ledgerStream } from './lib/jetstream.mjs';
import { describeCatchUp, waitForLedger } from './lib/ledger-check.mjs';
import { machineFacts } from './lib/machine.mjs';
import { readParams } from './lib/params.mjs';
import { portkeyVersion, startPortkey, waitForPortkey } from './lib/portkey.mjs';
import { describeExit, waitUntilReady } from './lib/readiness.mjs';
import {
  MAX_FAILURE_RATE,
  failedBeyondTolerance,
  fileStamp,
  problemsOf,
  renderMarkdown,
  resultTables,
  writeReport,
} from './lib/report.mjs';
import { checkTarget } from './lib/sanity.mjs';
import { startService } from './lib/service.mjs';
import { runStreams } from './lib/stream-load.mjs';
import {
  BENCH_API_KEY,
  UPSTREAM_MODEL,
  benchKeyRequest,
  benchTargets,
  chatBody,
  PROMPT,
} from './lib/targets.mjs';
import { onTeardown, teardown, teardownOnSignals } from './lib/teardown.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = path.join(repoRoot, 'bench', 'results');
const require = createRequire(import.meta.url);

const log = (message) => console.error(`bench: ${message}`);

const NATS_URL = process.env.NATS_URL || 'nats://127.0.0.1:4222';
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
// Our own subjects (and so our own JetStream stream), so a dev stack or another bench on the
// same NATS never answers us.
const SUBJECT_PREFIX = `bench-${process.pid}`;
/** The ledger applies its migrations to a fresh schema before it reports ready. */
const READY_TIMEOUT_MS = 90_000;
/** Unmeasured streams before each one-client streaming run. */
const SINGLE_STREAM_WARMUP = 20;
/**
 * Unmeasured load before each one-connection run: its connection is new and the target may
 * have idled through the other targets' runs. Short: one connection warms up in well under a
 * second; BENCH_WARMUP_S=0 turns it off like every other warm-up.
 */
const SINGLE_WARMUP_S = 1;

/**
 * The services get a minimal, explicit environment rather than ours: a developer's real
 * OPENAI_API_KEY, an OTLP endpoint or a stray GATEWAY_* variable must neither change what is
 * measured nor send traffic anywhere but 127.0.0.1.
 */
function serviceEnv(extra) {
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    NATS_URL,
    NATS_SUBJECT_PREFIX: SUBJECT_PREFIX,
    LOG_LEVEL: 'warn',
    // Plain text in the log tail we show when a service dies.
    NO_COLOR: '1',
    ...extra,
  };
  return env;
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

const isLoopback = (url) => ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname);

async function main() {
  const params = readParams();
  teardownOnSignals();
  const startedAt = new Date();
  const began = performance.now();
  const machine = machineFacts(repoRoot);

  // Registered first, so they run last: after every service has stopped.
  const database = benchDatabase();
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

  // In this process: the fake is plain node:http and the zero-latency baseline. It counts
  // tokens with @conduit/tokens, so the compiled libs' import paths must resolve here too.
  require(path.join(repoRoot, 'scripts/register-paths.cjs'));
  const { FakeOpenAIServer } = require(
    path.join(repoRoot, 'dist/libs/testing/src/fake-openai/index.js'),
  );
  const fake = await FakeOpenAIServer.start({
    models: [UPSTREAM_MODEL],
    apiKey: BENCH_API_KEY,
    recordRequests: false,
  });
  onTeardown(() => fake.stop());
  log(`fake OpenAI on ${fake.baseUrl}`);

  const profileDir = path.join(resultsDir, 'profiles', fileStamp(startedAt));
  const cpuProfileDir = (app) => (params.cpuProfile.includes(app) ? profileDir : undefined);
  if (params.cpuProfile.length > 0)
    log(`CPU profiles of ${params.cpuProfile.join(', ')} → ${profileDir}`);
  const ledger = startService({
    app: 'ledger',
    repoRoot,
    env: serviceEnv({ DATABASE_URL: database.url }),
    cpuProfileDir: cpuProfileDir('ledger'),
  });
  onTeardown(() => ledger.stop());
  const catalog = benchCatalog({
    fakeBaseUrl: fake.baseUrl,
    upstreamModel: UPSTREAM_MODEL,
    apiKeyEnv: 'BENCH_OPENAI_API_KEY',
  });
  onTeardown(() => catalog.remove());
  const llm = startService({
    app: 'llm',
    repoRoot,
    env: serviceEnv({ LLM_CATALOG_FILE: catalog.file, BENCH_OPENAI_API_KEY: BENCH_API_KEY }),
    cpuProfileDir: cpuProfileDir('llm'),
  });
  onTeardown(() => llm.stop());
  // Default policy: every prompt and answer is scanned, as in production.
  const guardrails = startService({
    app: 'guardrails',
    repoRoot,
    env: serviceEnv({}),
    cpuProfileDir: cpuProfileDir('guardrails'),
  });
  onTeardown(() => guardrails.stop());
  // For the semantic cache row: the retrieval service (vector index, in memory) and the
  // embedding service (keyless local/embed) it embeds with.
  const embedding = startService({ app: 'embedding', repoRoot, env: serviceEnv({}) });
  onTeardown(() => embedding.stop());
  const retrieval = startService({
    app: 'retrieval',
    repoRoot,
    env: serviceEnv({ RETRIEVAL_DATA_DIR: 'memory://' }),
  });
  onTeardown(() => retrieval.stop());
  const port = await freePort();
  const metricsPort = await freePort();
  const adminKey = `sk-bench-admin-${randomBytes(16).toString('hex')}`;
  const gateway = startService({
    app: 'gateway',
    repoRoot,
    env: serviceEnv({
      GATEWAY_PORT: String(port),
      GATEWAY_METRICS_PORT: String(metricsPort),
      GATEWAY_HOST: '127.0.0.1',
      CONDUIT_ADMIN_KEY: adminKey,
      ...(params.rateLimiter === 'redis' ? { REDIS_URL } : {}),
    }),
    cpuProfileDir: cpuProfileDir('gateway'),
  });
  onTeardown(() => gateway.stop());
  // The peer: Portkey's gateway in front of the same fake, started beside ours.
  const portkeyPort = await freePort();
  const portkey = startPortkey({
    repoRoot,
    port: portkeyPort,
    cpuProfileDir: cpuProfileDir('portkey'),
  });
  onTeardown(() => portkey.stop());
  const services = [llm, guardrails, ledger, gateway, embedding, retrieval];
  // Every process the bench started: each must stay alive, and may not log under load.
  const processes = [...services, portkey];
  const gatewayUrl = `http://127.0.0.1:${port}`;
  const portkeyUrl = `http://127.0.0.1:${portkeyPort}`;
  await waitUntilReady(`${gatewayUrl}/health/ready`, { services, timeoutMs: READY_TIMEOUT_MS });
  await waitForPortkey(portkey, portkeyUrl, { timeoutMs: READY_TIMEOUT_MS });
  for (const service of processes) service.markBooted();
  log(
    `ledger (pid ${ledger.pid}, schema ${database.schema}), llm (pid ${llm.pid}), guardrails (pid ${guardrails.pid}) and gateway (pid ${gateway.pid}, ${gatewayUrl}) ready`,
  );
  log(`Portkey gateway ${portkeyVersion(repoRoot)} (pid ${portkey.pid}, ${portkeyUrl}) ready`);

  const api = adminApi({ gatewayUrl, adminKey });
  const team = await api.createTeam(`bench-${process.pid}`);
  const virtualKey = await api.createKey(benchKeyRequest(team.id));
  log(`team ${team.id}, virtual key ${virtualKey.id} (${virtualKey.prefix}…) created`);

  const targets = benchTargets({
    fakeBaseUrl: fake.baseUrl,
    gatewayUrl,
    portkeyUrl,
    adminKey,
    virtualKey: virtualKey.key,
  });

  // Every chat request the gateway received from us must become exactly one usage row.
  const sentThroughGateway = Object.fromEntries(Object.keys(targets).map((key) => [key, 0]));
  // Requests autocannon wrote but stopped waiting for at the end of a run: the gateway still
  // serves (and records) them, but never finishes a response to a closed socket.
  let cutByAutocannon = 0;
  const count = (key, requests, cut = 0) => {
    if (!targets[key].viaGateway) return;
    sentThroughGateway[key] += requests;
    cutByAutocannon += cut;
  };
  const expectedRows = () => Object.values(sentThroughGateway).reduce((a, b) => a + b, 0);
  const ledgerCatchUp = async () => {
    const check = await waitForLedger({
      api,
      expected: expectedRows(),
      timeoutMs: params.ledgerTimeoutS * 1000,
      // The semantic cache's lookups are booked as usage rows of their own (`chat.cache`).
      excludeModels: [SEMANTIC_CACHE_EMBEDDING_MODEL],
    });
    if (check.status !== 'caught-up') log(`ledger: ${describeCatchUp(check)}`);
    return check;
  };

  let framesPerStream;
  for (const [key, target] of Object.entries(targets)) {
    const check = await checkTarget(target);
    framesPerStream ??= check.framesPerStream;
    count(key, check.requests);
  }

  const probes = [
    machineProbe(),
    benchProbe(),
    ...processes.map((service) => processProbe(service.app, service.pid)),
    await postgresBackendsProbe({
      name: 'postgres',
      ownerPid: ledger.pid,
      connectionString: database.connectionString,
      port: database.port,
    }),
    processProbe('nats-server', isLoopback(NATS_URL) ? findLocalProcess('nats-server') : undefined),
    ...(params.rateLimiter === 'redis'
      ? [
          processProbe(
            'redis-server',
            isLoopback(REDIS_URL) ? findLocalProcess('redis-server') : undefined,
          ),
        ]
      : []),
  ];
  onTeardown(() => probes.find((probe) => probe.close)?.close());

  /**
   * One measured phase of a target: after its warm-up has been accounted for, measure, then
   * (gateway targets) wait until the ledger has written every usage row; the CPU meter runs
   * until then, so the ledger's and Postgres's share includes work that lagged behind the load.
   */
  const measure = async (key, run) => {
    const target = targets[key];
    if (target.viaGateway) await ledgerCatchUp();
    const cpu = await startCpuMeter(probes);
    const result = await run();
    if (target.viaGateway) {
      result.backlogAtEnd = await stream.backlog();
      result.ledger = await ledgerCatchUp();
    }
    result.cpuMsPerRequest = await cpu(Math.max(1, result.ok));
    assertAlive(processes);
    return result;
  };

  // Direct first, then Portkey and the gateway targets, each right after its own warm-up: the
  // gateway runs then also profit from a warm fake, which is what production would look like.
  const http = {};
  for (const [key, target] of Object.entries(targets)) {
    const body = chatBody(target.model, false);
    log(
      `non-streaming ${target.label}: warm-up ${params.warmupS} s, then ${params.durationS} s × ${params.connections} connections`,
    );
    const warm = await warmUp({
      target,
      body,
      connections: params.connections,
      durationS: params.warmupS,
    });
    count(key, warm?.requestsWritten ?? 0, warm?.cutAtEnd ?? 0);
    http[key] = await measure(key, async () => {
      const result = await runHttpLoad({
        target,
        body,
        connections: params.connections,
        durationS: params.durationS,
      });
      count(key, result.requestsWritten, result.cutAtEnd);
      return result;
    });
  }

  // One connection: each path's latency with nothing queued in front of it. Measured like the
  // loaded runs (the ledger catches up before and after; warm-up requests counted too), but
  // with exact per-request times: direct takes well under autocannon's 1 ms resolution.
  const single = {};
  if (params.singleDurationS > 0) {
    const warmupS = Math.min(SINGLE_WARMUP_S, params.warmupS);
    for (const [key, target] of Object.entries(targets)) {
      const body = chatBody(target.model, false);
      log(
        `non-streaming ${target.label}, one connection: warm-up ${warmupS} s, then ${params.singleDurationS} s`,
      );
      const warm = await warmUp({ target, body, connections: 1, durationS: warmupS });
      count(key, warm?.requestsWritten ?? 0, warm?.cutAtEnd ?? 0);
      single[key] = await measure(key, async () => {
        const result = await runHttpLoad({
          target,
          body,
          connections: 1,
          durationS: params.singleDurationS,
          exactLatencies: true,
        });
        count(key, result.requestsWritten, result.cutAtEnd);
        return result;
      });
    }
  }

  const streams = {};
  // Why a target has no streaming row, by label, for the report.
  const streamsSkipped = [];
  for (const [key, target] of Object.entries(targets)) {
    if (target.noStreaming) {
      log(`streaming ${target.label}: skipped — ${target.noStreaming}`);
      streamsSkipped.push({ label: target.label, reason: target.noStreaming });
      continue;
    }
    const body = chatBody(target.model, true);
    log(
      `streaming ${target.label}: ${params.streamWarmupRequests} warm-up + ${params.streamRequests} streams × ${params.streamWorkers} clients`,
    );
    if (params.streamWarmupRequests > 0) {
      await runStreams({
        target,
        body,
        workers: params.streamWorkers,
        requests: params.streamWarmupRequests,
      });
      count(key, params.streamWarmupRequests);
    }
    streams[key] = await measure(key, async () => {
      const result = await runStreams({
        target,
        body,
        workers: params.streamWorkers,
        requests: params.streamRequests,
      });
      count(key, params.streamRequests);
      return result;
    });
  }
  // One client, one stream at a time: the time to first token each path adds, with no queueing.
  const singleStreams = {};
  if (params.singleStreams > 0) {
    for (const [key, target] of Object.entries(targets)) {
      if (target.noStreaming) continue;
      const body = chatBody(target.model, true);
      log(`streaming ${target.label}, one client: 20 warm-up + ${params.singleStreams} streams`);
      await runStreams({ target, body, workers: 1, requests: SINGLE_STREAM_WARMUP });
      count(key, SINGLE_STREAM_WARMUP);
      singleStreams[key] = await measure(key, async () => {
        const result = await runStreams({
          target,
          body,
          workers: 1,
          requests: params.singleStreams,
        });
        count(key, params.singleStreams);
        return result;
      });
    }
  }
  // The response cache: the virtual key's path again, every answer a cache hit — exact (one
  // body over and over) and semantic (variants of one prompt, each matched by meaning).
  const cache = {};
  if (params.durationS > 0) {
    const body = cacheableChatBody(targets.key.model, PROMPT);
    for (const mode of ['exact', 'semantic']) {
      const cached = await cacheTarget(api, team.id, targets.key, mode);
      const key = `cache_${mode}`;
      targets[key] = cached.target;
      sentThroughGateway[key] = 0;
      const bodies =
        mode === 'semantic' ? semanticVariantBodies(targets.key.model, PROMPT) : undefined;
      // One chat usage row per request; a semantic lookup's own row (`chat.cache`, under the
      // embedding model) is left out of the ledger check and reported below.
      const countRows = (requests, cut) => count(key, requests, cut);
      if (bodies) {
        // The prompt itself first: answered, stored and indexed, before its variants come.
        const first = await runHttpLoad({
          target: cached.target,
          body,
          connections: 1,
          durationS: 1,
        });
        countRows(first.requestsWritten, first.cutAtEnd);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      log(
        `non-streaming ${cached.target.label}: warm-up ${params.warmupS} s, then ${params.durationS} s`,
      );
      const warm = await warmUp({
        target: cached.target,
        body,
        bodies,
        connections: params.connections,
        durationS: params.warmupS,
      });
      countRows(warm?.requestsWritten ?? 0, warm?.cutAtEnd ?? 0);
      const run = {};
      run.http = await measure(key, async () => {
        const result = await runHttpLoad({
          target: cached.target,
          body,
          bodies,
          connections: params.connections,
          durationS: params.durationS,
        });
        countRows(result.requestsWritten, result.cutAtEnd);
        return result;
      });
      if (params.singleDurationS > 0) {
        log(`non-streaming ${cached.target.label}, one connection: ${params.singleDurationS} s`);
        run.single = await measure(key, async () => {
          const result = await runHttpLoad({
            target: cached.target,
            body,
            bodies,
            connections: 1,
            durationS: params.singleDurationS,
            exactLatencies: true,
          });
          countRows(result.requestsWritten, result.cutAtEnd);
          return result;
        });
      }
      run.hits = await cacheHitsOf(api, cached.keyId);
      cache[mode] = run;
    }
  }
  const elapsedS = (performance.now() - began) / 1000;

  // The accounting check: the last phase already waited for the ledger to catch up with
  // every request; break the rows down by key and compare with what the gateway counted.
  log('accounting check');
  const accounting = {
    expected: expectedRows(),
    sentThroughGateway,
    // The ledger's state after the last gateway phase.
    final: (
      cache.semantic?.single ??
      cache.semantic?.http ??
      cache.exact?.single ??
      cache.exact?.http ??
      singleStreams.key ??
      streams.key
    ).ledger,
    gatewayCounted: await gatewayChatRequests(`http://127.0.0.1:${metricsPort}/metrics`),
    cutByAutocannon,
    ...(await usageByTarget(api, virtualKey.id)),
    budget: (await api.listKeys(team.id)).data.find((k) => k.id === virtualKey.id)?.budget,
  };

  let hops = [];
  if (params.hopSamples > 0) {
    log(`timing each NATS hop alone: ${params.hopSamples} requests per hop`);
    hops = await timeHops({
      connection: bus,
      subjectPrefix: SUBJECT_PREFIX,
      model: targets.key.model,
      virtualKey: virtualKey.key,
      keyId: virtualKey.id,
      samples: params.hopSamples,
    });
    assertAlive(processes);
  }

  const results = {
    startedAt,
    machine,
    params,
    portkeyVersion: portkeyVersion(repoRoot),
    http,
    single,
    streams,
    singleStreams,
    streamsSkipped,
    accounting,
    hops,
    cache,
    services: processes,
    elapsedS,
    framesPerStream,
  };
  const markdown = renderMarkdown(results);
  const reportPath = await writeReport(resultsDir, startedAt, markdown, {
    startedAt: startedAt.toISOString(),
    machine: results.machine,
    params,
    portkeyVersion: results.portkeyVersion,
    http,
    single,
    streams,
    singleStreams,
    streamsSkipped,
    accounting,
    hops,
    cache,
    serviceLogLines: Object.fromEntries(
      processes.map((s) => [s.app, { boot: s.bootLineCount, run: s.runLineCount }]),
    ),
  });

  console.log(`\n${resultTables(results)}\n`);
  const problems = problemsOf(results);
  const tooMany = failedBeyondTolerance(results);
  if (problems.length > 0) {
    const banner = '!'.repeat(78);
    console.log(
      `${banner}\n${tooMany ? 'BENCH FAILED' : 'WARNING'}: this run is not clean\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    if (tooMany)
      console.log(
        `More than ${MAX_FAILURE_RATE * 100}% of a run failed, or the ledger's usage does not match the requests: the numbers above are not trustworthy.`,
      );
    console.log(banner);
  }
  console.log(`Report: ${path.relative(repoRoot, reportPath)} (also bench/results/latest.md)`);
  return tooMany ? 1 : 0;
}

/** The cache key's usage rows: how many requests it made and how many were cache hits. */
async function cacheHitsOf(api, keyId) {
  const report = await api.usage(`key_id=${keyId}&group_by=model`);
  const lookups = report.data.find((row) => row.model === SEMANTIC_CACHE_EMBEDDING_MODEL);
  return {
    requests: report.totals.requests - (lookups?.requests ?? 0),
    semanticLookups: lookups?.requests ?? 0,
    cacheHits: report.totals.cache_hits,
    savedCostMicroUsd: report.totals.saved_cost_micro_usd,
  };
}

/** Usage rows of the admin key (no key id) and of the virtual key, with the latter's cost. */
async function usageByTarget(api, keyId) {
  const report = await api.usage('group_by=key');
  const rowOf = (id) => report.data.find((row) => (row.key_id ?? null) === id);
  const admin = rowOf(null);
  const key = rowOf(keyId);
  return {
    rowsByTarget: { admin: admin?.requests ?? 0, key: key?.requests ?? 0 },
    errorsByTarget: { admin: admin?.errors ?? 0, key: key?.errors ?? 0 },
    keyCostMicroUsd: key?.cost_micro_usd ?? 0,
    totalRows: report.totals.requests,
  };
}

main()
  .then(async (code) => {
    await teardown();
    process.exit(code);
  })
  .catch(async (error) => {
    console.error(`bench: FAILED — ${error instanceof Error ? error.message : error}`);
    await teardown();
    process.exit(1);
  });
