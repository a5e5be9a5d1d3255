// Bench parameters. Defaults keep a whole run (build included) well under three minutes on
// two cores; the environment overrides them so a quick smoke run (BENCH_DURATION_S=2) and a
// longer, steadier run use the very same script.

function readInt(env, name, fallback, min) {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name}=${JSON.stringify(raw)}: expected an integer >= ${min}`);
  }
  return value;
}

/** Every knob of the bench, validated up front so a typo fails before anything starts. */
export function readParams(env = process.env) {
  return {
    /**
     * Load before each measured autocannon run, so JIT and connection pools are warm. 5 s,
     * not 2: freshly started gateway + llm ran at about half their steady throughput for
     * their first ~5 s under load (JIT, the tokenizer's lazy load, heap growth).
     */
    warmupS: readInt(env, 'BENCH_WARMUP_S', 5, 0),
    /** Length of each measured autocannon run (direct, then each gateway target). */
    durationS: readInt(env, 'BENCH_DURATION_S', 10, 1),
    /** Concurrent keep-alive connections autocannon holds open. */
    connections: readInt(env, 'BENCH_CONNECTIONS', 32, 1),
    /**
     * The one-connection run per non-streaming target, after the loaded one (0 = skip): one
     * request at a time, so its latency is each path's own cost with no queueing for a core.
     */
    singleDurationS: readInt(env, 'BENCH_SINGLE_DURATION_S', 5, 0),
    /**
     * Streams per target read by one client after the concurrent streaming run (0 = skip): the
     * time to first token each path adds when nothing queues.
     */
    singleStreams: readInt(env, 'BENCH_SINGLE_STREAMS', 200, 0),
    /** Concurrent streaming clients. */
    streamWorkers: readInt(env, 'BENCH_STREAM_WORKERS', 16, 1),
    /** Measured streams per target, shared by the workers. */
    streamRequests: readInt(env, 'BENCH_STREAM_REQUESTS', 2000, 1),
    /** Unmeasured streams per target before the measured ones. */
    streamWarmupRequests: readInt(env, 'BENCH_STREAM_WARMUP_REQUESTS', 500, 0),
    /**
     * The gateway's rate limiter: `redis` (REDIS_URL, default redis://127.0.0.1:6379: what
     * compose and k8s deploy, and what several replicas need) or `memory` (the gateway's own
     * default without REDIS_URL; one replica only).
     */
    rateLimiter: readChoice(env, 'BENCH_RATE_LIMITER', ['redis', 'memory']),
    /**
     * How long the ledger may take to write the usage of the requests made so far, after each
     * gateway phase, before the bench reports it as behind and goes on.
     */
    ledgerTimeoutS: readInt(env, 'BENCH_LEDGER_TIMEOUT_S', 120, 1),
    /** Requests per NATS hop timed one at a time after the load (0 = skip). */
    hopSamples: readInt(env, 'BENCH_HOP_SAMPLES', 200, 0),
    /**
     * Services to run under V8's CPU profiler (`gateway,llm,guardrails,ledger,portkey`); their .cpuprofile files
     * land in bench/results/profiles/<date-time>/ (git-ignored; open them in Chrome DevTools).
     * Profiling slows a service down: numbers of such a run are not comparable.
     */
    cpuProfile: readList(env, 'BENCH_CPU_PROFILE', [
      'gateway',
      'llm',
      'guardrails',
      'ledger',
      'portkey',
    ]),
  };
}

function readList(env, name, allowed) {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return [];
  const items = raw.split(',').map((item) => item.trim());
  const unknown = items.find((item) => !allowed.includes(item));
  if (unknown !== undefined) {
    throw new Error(
      `${name}: unknown service ${JSON.stringify(unknown)}; expected some of ${allowed.join(', ')}`,
    );
  }
  return items;
}

function readChoice(env, name, choices) {
  const raw = env[name];
  if (raw === undefined || raw === '') return choices[0];
  if (!choices.includes(raw)) {
    throw new Error(`${name}=${JSON.stringify(raw)}: expected one of ${choices.join(', ')}`);
  }
  return raw;
}

/** The overrides a reader needs to reproduce this exact run. */
export function paramsAsEnv(params) {
  return [
    `BENCH_WARMUP_S=${params.warmupS}`,
    `BENCH_DURATION_S=${params.durationS}`,
    `BENCH_CONNECTIONS=${params.connections}`,
    `BENCH_SINGLE_DURATION_S=${params.singleDurationS}`,
    `BENCH_SINGLE_STREAMS=${params.singleStreams}`,
    `BENCH_STREAM_WORKERS=${params.streamWorkers}`,
    `BENCH_STREAM_REQUESTS=${params.streamRequests}`,
    `BENCH_STREAM_WARMUP_REQUESTS=${params.streamWarmupRequests}`,
    `BENCH_RATE_LIMITER=${params.rateLimiter}`,
    `BENCH_HOP_SAMPLES=${params.hopSamples}`,
    ...(params.cpuProfile.length > 0 ? [`BENCH_CPU_PROFILE=${params.cpuProfile.join(',')}`] : []),
  ].join(' ');
}
