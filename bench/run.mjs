// Conduit gateway benchmark — `npm run bench` (which builds first). What it measures and
// why is in bench/README.md. Progress goes to stderr, the result tables to stdout, the full
// report to bench/results/<date-time>.md and bench/results/latest.md.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCpuMeter } from './lib/cpu-time.mjs';
import { freePort } from './lib/free-port.mjs';
import { runHttpLoad, warmUp } from './lib/http-load.mjs';
import { machineFacts } from './lib/machine.mjs';
import { readParams } from './lib/params.mjs';
import { describeExit, waitUntilReady } from './lib/readiness.mjs';
import {
  MAX_FAILURE_RATE,
  failedBeyondTolerance,
  problemsOf,
  renderMarkdown,
  resultTables,
  writeReport,
} from './lib/report.mjs';
import { checkTarget } from './lib/sanity.mjs';
import { startService } from './lib/service.mjs';
import { runStreams } from './lib/stream-load.mjs';
import { BENCH_API_KEY, UPSTREAM_MODEL, benchTargets, chatBody } from './lib/targets.mjs';
import { onTeardown, teardown, teardownOnSignals } from './lib/teardown.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = path.join(repoRoot, 'bench', 'results');
const require = createRequire(import.meta.url);

const log = (message) => console.error(`bench: ${message}`);

/**
 * The services get a minimal, explicit environment rather than ours: a developer's real
 * OPENAI_API_KEY, an OTLP endpoint or a stray GATEWAY_* variable must neither change what is
 * measured nor send traffic anywhere but 127.0.0.1.
 */
function serviceEnv(extra) {
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    NATS_URL: process.env.NATS_URL || 'nats://127.0.0.1:4222',
    // Our own subjects, so a dev stack or another bench on the same NATS never answers us.
    NATS_SUBJECT_PREFIX: `bench-${process.pid}`,
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

async function main() {
  const params = readParams();
  teardownOnSignals();
  const startedAt = new Date();
  const began = performance.now();

  // In this process: the fake is plain node:http and the zero-latency baseline.
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

  const llm = startService({
    app: 'llm',
    repoRoot,
    env: serviceEnv({
      OPENAI_BASE_URL: fake.baseUrl,
      OPENAI_API_KEY: BENCH_API_KEY,
      OPENAI_MODELS: UPSTREAM_MODEL,
    }),
  });
  onTeardown(() => llm.stop());
  const port = await freePort();
  const gateway = startService({
    app: 'gateway',
    repoRoot,
    env: serviceEnv({ GATEWAY_PORT: String(port), GATEWAY_HOST: '127.0.0.1' }),
  });
  onTeardown(() => gateway.stop());
  const services = [llm, gateway];
  const gatewayUrl = `http://127.0.0.1:${port}`;
  await waitUntilReady(`${gatewayUrl}/health/ready`, { services });
  log(`llm (pid ${llm.pid}) and gateway (pid ${gateway.pid}, ${gatewayUrl}) ready`);

  const targets = benchTargets({ fakeBaseUrl: fake.baseUrl, gatewayUrl });
  let framesPerStream;
  for (const target of Object.values(targets)) ({ framesPerStream } = await checkTarget(target));

  // Direct first, then gateway, each right after its own warm-up: the gateway run then
  // also profits from a warm fake, which is what production would look like.
  const http = {};
  for (const [key, target] of Object.entries(targets)) {
    const body = chatBody(target.model, false);
    log(
      `non-streaming ${target.label}: warm-up ${params.warmupS} s, then ${params.durationS} s × ${params.connections} connections`,
    );
    await warmUp({ target, body, connections: params.connections, durationS: params.warmupS });
    const cpu = startCpuMeter(services);
    http[key] = await runHttpLoad({
      target,
      body,
      connections: params.connections,
      durationS: params.durationS,
    });
    http[key].cpuMsPerRequest = cpu(Math.max(1, http[key].ok));
    assertAlive(services);
  }

  const streams = {};
  for (const [key, target] of Object.entries(targets)) {
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
    }
    const cpu = startCpuMeter(services);
    streams[key] = await runStreams({
      target,
      body,
      workers: params.streamWorkers,
      requests: params.streamRequests,
    });
    streams[key].cpuMsPerRequest = cpu(Math.max(1, streams[key].ok));
    assertAlive(services);
  }
  const elapsedS = (performance.now() - began) / 1000;

  const results = {
    startedAt,
    machine: machineFacts(repoRoot),
    params,
    http,
    streams,
    services,
    elapsedS,
    framesPerStream,
  };
  const markdown = renderMarkdown(results);
  const reportPath = await writeReport(resultsDir, startedAt, markdown, {
    startedAt: startedAt.toISOString(),
    machine: results.machine,
    params,
    http,
    streams,
    serviceLogLines: Object.fromEntries(services.map((s) => [s.app, s.logLineCount])),
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
        `More than ${MAX_FAILURE_RATE * 100}% of a run failed: the numbers above are not trustworthy.`,
      );
    console.log(banner);
  }
  console.log(`Report: ${path.relative(repoRoot, reportPath)} (also bench/results/latest.md)`);
  return tooMany ? 1 : 0;
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
