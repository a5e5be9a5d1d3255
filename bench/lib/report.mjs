import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { paramsAsEnv } from './params.mjs';
import { KEY_BUDGET_USD, KEY_RPM, KEY_TPM } from './targets.mjs';
import { int, markdownTable, ms, signedMs } from './table.mjs';

/** Above this share of failed requests or streams the run is not trusted (non-zero exit). */
export const MAX_FAILURE_RATE = 0.01;

/**
 * Above this share of the machine's busy CPU time spent outside the processes the bench
 * measures ("rest of machine"), a phase competed with other work: warned, not failed.
 */
const MAX_FOREIGN_CPU_SHARE = 0.2;

/** The row order of every table; a phase that skipped a target has no row for it. */
const TARGETS = ['direct', 'portkey', 'admin', 'key'];
const GATEWAY_TARGETS = ['admin', 'key'];
/** The runs of a phase (`http`, `single`, `streams`) in row order, as [target, run]. */
const runsOf = (phase = {}) => TARGETS.filter((t) => phase[t]).map((t) => [t, phase[t]]);

export function httpFailures(run) {
  return run.non2xx + run.errors;
}

const n = (value) => int(value);
const usd = (micro) => (Number.isFinite(micro) ? `$${(micro / 1e6).toFixed(6)}` : '–');

/** What is wrong with the ledger's accounting, as sentences; empty when it matches. */
export function accountingProblems({ accounting, http, single = {}, streams, singleStreams = {} }) {
  const problems = [];
  if (!accounting) return problems;
  const { final } = accounting;
  if (final.status !== 'caught-up') {
    problems.push(`accounting: ${describeFinal(accounting)}.`);
  }
  for (const target of GATEWAY_TARGETS) {
    const sent = accounting.sentThroughGateway[target];
    const rows = accounting.rowsByTarget[target];
    if (sent !== rows) {
      problems.push(
        `accounting: ${http[target].label} made ${n(sent)} requests but has ${n(rows)} usage rows.`,
      );
    }
  }
  const errors = accounting.errorsByTarget.admin + accounting.errorsByTarget.key;
  const failedRequests =
    GATEWAY_TARGETS.reduce(
      (sum, t) =>
        sum +
        httpFailures(http[t]) +
        (single[t] ? httpFailures(single[t]) : 0) +
        streams[t].failed +
        (singleStreams[t]?.failed ?? 0),
      0,
    ) || 0;
  if (errors > failedRequests) {
    problems.push(
      `accounting: ${n(errors)} usage rows have an error status, more than the ${n(failedRequests)} failed requests the bench saw.`,
    );
  }
  const budget = accounting.budget;
  if (!budget) {
    problems.push('accounting: the virtual key shows no budget.');
  } else if (final.status === 'caught-up') {
    if (budget.reserved_micro_usd !== 0) {
      problems.push(
        `accounting: ${usd(budget.reserved_micro_usd)} still reserved on the key's budget after every usage row was written (holds not settled).`,
      );
    }
    if (budget.spent_micro_usd !== accounting.keyCostMicroUsd) {
      problems.push(
        `accounting: the key's budget shows ${usd(budget.spent_micro_usd)} spent, its usage rows ${usd(accounting.keyCostMicroUsd)}.`,
      );
    }
  }
  return problems;
}

function describeFinal({ final }) {
  switch (final.status) {
    case 'caught-up':
      return `${n(final.expected)} requests, ${n(final.rows)} usage rows`;
    case 'over':
      return `${n(final.expected)} requests but ${n(final.rows)} usage rows (${n(final.rows - final.expected)} too many)`;
    case 'stalled':
      return `${n(final.expected)} requests but only ${n(final.rows)} usage rows after ${n(final.lagMs / 1000)} s, no longer growing${final.problem ? ` (${final.problem})` : ''}`;
    default:
      return `${n(final.expected)} requests but only ${n(final.rows)} usage rows after ${n(final.lagMs / 1000)} s${final.problem ? ` (${final.problem})` : ''}`;
  }
}

/** Every way the run may be untrustworthy, as human sentences; empty when clean. */
export function problemsOf({
  http,
  single = {},
  streams,
  singleStreams = {},
  services,
  accounting,
}) {
  const problems = [];
  const httpRuns = [
    ...runsOf(http).map(([, run]) => ['non-streaming', run]),
    ...runsOf(single).map(([, run]) => ['one-connection', run]),
  ];
  for (const [kind, run] of httpRuns) {
    const failures = httpFailures(run);
    if (failures > 0) {
      problems.push(
        `${run.label}: ${failures} of ${run.sent} ${kind} requests failed (${run.non2xx} non-2xx, ${run.errors} errors incl. ${run.timeouts} timeouts).`,
      );
    }
  }
  for (const [, run] of [...runsOf(streams), ...runsOf(singleStreams)]) {
    if (run.failed > 0) {
      const kinds = run.failureKinds.map((k) => `${k.count}× ${k.problem}`).join('; ');
      problems.push(`${run.label}: ${run.failed} of ${run.requests} streams failed — ${kinds}`);
    }
  }
  // Not the one-connection runs: they leave the machine mostly idle, so background work is a
  // large share of little and would be flagged every time.
  const phases = [
    ...runsOf(http).map(([, run]) => ['non-streaming', run]),
    ...runsOf(streams).map(([, run]) => ['streaming', run]),
  ];
  for (const [kind, run] of phases) {
    const { machine, other } = run.cpuMsPerRequest;
    if (machine > 0 && other / machine > MAX_FOREIGN_CPU_SHARE) {
      problems.push(
        `${kind} ${run.label}: ${((other / machine) * 100).toFixed(0)}% of the machine's busy CPU time during the phase was other work — the run competed with something else; its numbers are not comparable.`,
      );
    }
  }
  problems.push(...accountingProblems({ accounting, http, single, streams, singleStreams }));
  for (const service of services) {
    if (service.runLineCount > 0) {
      problems.push(
        `${service.app} logged ${service.runLineCount} line(s) at LOG_LEVEL=warn after startup; last: ${service.logTail().split('\n').at(-1)}`,
      );
    }
  }
  return problems;
}

/**
 * True when failures exceed MAX_FAILURE_RATE in any measured run, or when the ledger's usage
 * does not match the requests made (the accounting is the ledger's promise, not a number).
 */
export function failedBeyondTolerance({
  http,
  single = {},
  streams,
  singleStreams = {},
  accounting,
}) {
  const rate = (failed, total) => (total === 0 ? 1 : failed / total);
  const httpTooMany = ([, run]) => rate(httpFailures(run), run.sent) > MAX_FAILURE_RATE;
  return (
    runsOf(http).some(httpTooMany) ||
    runsOf(single).some(httpTooMany) ||
    [...runsOf(streams), ...runsOf(singleStreams)].some(
      ([, run]) => rate(run.failed, run.requests) > MAX_FAILURE_RATE,
    ) ||
    accountingProblems({ accounting, http, single, streams, singleStreams }).length > 0
  );
}

const plural = (count, noun) => `${count} ${noun}${count === 1 ? '' : 's'}`;
const share = (part, whole, of) => `${((part / whole) * 100).toFixed(0)}% of ${of}`;

/** The comparisons under each table: each gateway path against direct, and keys against admin. */
const DELTAS = [
  ['**admin key − direct**', 'admin', 'direct', 'direct'],
  ['**virtual key − direct**', 'key', 'direct', 'direct'],
  ['**virtual key − admin key**', 'key', 'admin', 'admin key'],
];

/**
 * Conduit against the peer, loaded: throughput as a ratio (both are gateways; "4% of direct"
 * would hide the difference between them), latency as a difference.
 */
const PEER_RATIOS = [
  ['**admin key ÷ Portkey**', 'admin'],
  ['**virtual key ÷ Portkey**', 'key'],
];

/** The one-connection comparisons: what each path adds to a request over calling the fake. */
const ADDED_OVER_DIRECT = [
  ['**Portkey − direct**', 'portkey'],
  ['**admin key − direct**', 'admin'],
  ['**virtual key − direct**', 'key'],
];

const ratio = (a, b) => (Number.isFinite(a / b) ? `${(a / b).toFixed(2)}×` : '–');

export function resultTables({
  params,
  http,
  single = {},
  streams,
  singleStreams = {},
  streamsSkipped = [],
  accounting,
  hops = [],
  cache = {},
}) {
  const singleStreamTable = markdownTable(
    ['One client', 'TTFT p50 ms', 'TTFT p99 ms', 'total p50 ms', 'ok', 'failed'],
    [
      ...runsOf(singleStreams).map(([, run]) => [
        run.label,
        ms(run.ttft.p50),
        ms(run.ttft.p99),
        ms(run.total.p50),
        int(run.ok),
        int(run.failed),
      ]),
      ...ADDED_OVER_DIRECT.filter(([, t]) => singleStreams[t] && singleStreams.direct).map(
        ([label, t]) => [
          label,
          signedMs(singleStreams[t].ttft.p50 - singleStreams.direct.ttft.p50),
          signedMs(singleStreams[t].ttft.p99 - singleStreams.direct.ttft.p99),
          signedMs(singleStreams[t].total.p50 - singleStreams.direct.total.p50),
          '',
          '',
        ],
      ),
    ],
  );

  const httpTable = markdownTable(
    ['Non-streaming', 'req/s', 'p50 ms', 'p99 ms', 'max ms', '2xx', 'non-2xx', 'errors'],
    [
      ...runsOf(http).map(([, run]) => [
        run.label,
        int(run.rps),
        ms(run.p50, 0),
        ms(run.p99, 0),
        ms(run.max, 0),
        int(run.ok),
        int(run.non2xx),
        int(run.errors),
      ]),
      ...DELTAS.map(([label, a, b, of]) => [
        label,
        share(http[a].rps, http[b].rps, of),
        signedMs(http[a].p50 - http[b].p50, 0),
        signedMs(http[a].p99 - http[b].p99, 0),
        '',
        '',
        '',
        '',
      ]),
      ...(http.portkey
        ? PEER_RATIOS.map(([label, a]) => [
            label,
            `${ratio(http[a].rps, http.portkey.rps)} Portkey`,
            signedMs(http[a].p50 - http.portkey.p50, 0),
            signedMs(http[a].p99 - http.portkey.p99, 0),
            '',
            '',
            '',
            '',
          ])
        : []),
    ],
  );

  const singleTable = markdownTable(
    ['One connection', 'req/s', 'p50 ms', 'p99 ms', 'max ms', '2xx', 'non-2xx', 'errors'],
    [
      ...runsOf(single).map(([, run]) => [
        run.label,
        int(run.rps),
        ms(run.p50),
        ms(run.p99),
        ms(run.max),
        int(run.ok),
        int(run.non2xx),
        int(run.errors),
      ]),
      ...ADDED_OVER_DIRECT.filter(([, t]) => single[t] && single.direct).map(([label, t]) => [
        label,
        '',
        signedMs(single[t].p50 - single.direct.p50),
        signedMs(single[t].p99 - single.direct.p99),
        '',
        '',
        '',
        '',
      ]),
    ],
  );

  const streamTable = markdownTable(
    [
      'Streaming',
      'streams/s',
      'TTFT p50 ms',
      'TTFT p99 ms',
      'total p50 ms',
      'total p99 ms',
      'ok',
      'failed',
    ],
    [
      ...runsOf(streams).map(([, run]) => [
        run.label,
        int(run.streamsPerS),
        ms(run.ttft.p50),
        ms(run.ttft.p99),
        ms(run.total.p50),
        ms(run.total.p99),
        int(run.ok),
        int(run.failed),
      ]),
      ...DELTAS.map(([label, a, b, of]) => [
        label,
        share(streams[a].streamsPerS, streams[b].streamsPerS, of),
        signedMs(streams[a].ttft.p50 - streams[b].ttft.p50),
        signedMs(streams[a].ttft.p99 - streams[b].ttft.p99),
        signedMs(streams[a].total.p50 - streams[b].total.p50),
        signedMs(streams[a].total.p99 - streams[b].total.p99),
        '',
        '',
      ]),
    ],
  );

  const columns = [
    ['bench', 'bench (client + fake)'],
    ['portkey', 'Portkey'],
    ['gateway', 'gateway'],
    ['llm', 'llm'],
    ['guardrails', 'guardrails'],
    ['ledger', 'ledger'],
    ['postgres', 'Postgres (ledger conns)'],
    ['nats-server', 'nats-server*'],
    ...(params.rateLimiter === 'redis' ? [['redis-server', 'redis-server*']] : []),
    ['other', 'rest of machine†'],
  ];
  const cpuRow = (kind, run) => [
    `${kind}: ${run.label}`,
    ...columns.map(([name]) => ms(run.cpuMsPerRequest[name], 3)),
  ];
  const cpuTable = markdownTable(
    ['CPU ms per request', ...columns.map(([, title]) => title)],
    [
      ...runsOf(http).map(([, run]) => cpuRow('non-streaming', run)),
      ...runsOf(streams).map(([, run]) => cpuRow('streaming', run)),
    ],
  );

  const ledgerRow = (kind, run) => [
    `${kind}: ${run.label}`,
    int(run.ledger.expected),
    int(run.backlogAtEnd),
    run.ledger.status === 'caught-up' ? ms(run.ledger.lagMs, 0) : `✗ ${run.ledger.status}`,
  ];
  const ledgerTable = markdownTable(
    [
      'Ledger after each phase',
      'gateway requests so far',
      'events queued at end',
      'caught up after ms',
    ],
    [
      ...GATEWAY_TARGETS.map((t) => ledgerRow('non-streaming', http[t])),
      ...GATEWAY_TARGETS.filter((t) => single[t]).map((t) =>
        ledgerRow('one connection', single[t]),
      ),
      ...GATEWAY_TARGETS.map((t) => ledgerRow('streaming', streams[t])),
      ...GATEWAY_TARGETS.filter((t) => singleStreams[t]).map((t) =>
        ledgerRow('streaming, one client', singleStreams[t]),
      ),
    ],
  );

  return [
    `### Non-streaming chat — autocannon, ${plural(params.connections, 'connection')}, ${params.durationS} s per target`,
    '',
    httpTable,
    '',
    ...(runsOf(single).length === 0
      ? []
      : [
          `### Non-streaming chat — one connection, ${params.singleDurationS} s per target`,
          '',
          singleTable,
          '',
          'One request at a time, so no queueing for a core: the − rows are what each path adds to a request over calling the fake directly. Latencies measured to the microsecond.',
          '',
        ]),
    `### Streaming chat — ${plural(params.streamWorkers, 'concurrent client')}, ${params.streamRequests} streams per target`,
    '',
    streamTable,
    '',
    ...streamsSkipped.flatMap(({ label, reason }) => [
      `No streaming row for ${label}: ${reason}`,
      '',
    ]),
    ...(runsOf(singleStreams).length === 0
      ? []
      : [
          `### Streaming chat — one client, ${params.singleStreams} streams per target`,
          '',
          singleStreamTable,
          '',
          'One stream at a time: the − rows are the time to first token each path adds over the fake.',
          '',
        ]),
    '### CPU time per successful request (user + system; from phase start until the ledger caught up)',
    '',
    cpuTable,
    '',
    '\\* the whole server process, shared with anything else using it on this machine (the direct rows, which do not use it, show that background).  ',
    '† all busy CPU time of the machine minus the columns before it: other jobs, Postgres background writers, the kernel. High values mean the run competed with something else.',
    '',
    ...cacheSection(cache, http, single, params),
    '### Usage accounting (ledger consumer lag)',
    '',
    ledgerTable,
    '',
    accountingSummary(accounting, http),
    ...(hops.length === 0
      ? []
      : [
          '',
          `### Each NATS hop alone — ${plural(hops[0].count, 'request')} per hop, one at a time, after the load`,
          '',
          markdownTable(
            ['Hop (bench → NATS → service → reply)', 'p50 ms', 'p99 ms', 'mean ms'],
            hops.map((hop) => [hop.label, ms(hop.p50), ms(hop.p99), ms(hop.mean)]),
          ),
        ]),
  ].join('\n');
}

function accountingSummary(accounting, http) {
  const { final, sentThroughGateway, rowsByTarget, budget } = accounting;
  const mark = (ok) => (ok ? '✓' : '✗');
  const ok = final.status === 'caught-up';
  const lines = [
    `**accounting check: ${n(final.expected)} requests, ${n(final.rows)} usage rows** ${mark(ok)}` +
      (ok
        ? ` (the ledger caught up ${ms(final.lagMs, 0)} ms after the last request)`
        : ` — ${describeFinal(accounting)}`),
    '',
    ...GATEWAY_TARGETS.map(
      (t) =>
        `- ${http[t].label}: ${n(sentThroughGateway[t])} requests, ${n(rowsByTarget[t])} usage rows ${mark(sentThroughGateway[t] === rowsByTarget[t])}`,
    ),
    `- the gateway's own count of finished chat responses (\`conduit_http_request_duration_seconds_count\`): ${accounting.gatewayCounted === undefined ? 'unavailable' : n(accounting.gatewayCounted)} — it misses requests answered after their client had gone: autocannon closed ${n(accounting.cutByAutocannon)} connections with a request in flight at the end of its runs`,
    budget
      ? `- the virtual key's budget: ${usd(budget.spent_micro_usd)} spent (its usage rows: ${usd(accounting.keyCostMicroUsd)}) ${mark(budget.spent_micro_usd === accounting.keyCostMicroUsd)}, ${usd(budget.reserved_micro_usd)} still reserved ${mark(budget.reserved_micro_usd === 0)}, of $${budget.amount_usd}`
      : '- the virtual key shows no budget ✗',
  ];
  return lines.join('\n');
}

/** What the services logged while starting (at LOG_LEVEL=warn): configuration worth knowing. */
function bootMessages(services) {
  const lines = services.flatMap((service) =>
    service.bootLog.map((line) => {
      let message = line;
      try {
        message = JSON.parse(line).msg ?? line;
      } catch {
        // not JSON: show as is
      }
      return `- ${service.app}: ${message}`;
    }),
  );
  return lines.length === 0 ? '' : `\nStartup warnings (not problems):\n\n${lines.join('\n')}\n`;
}

export function renderMarkdown(results) {
  const { startedAt, machine, params, elapsedS, framesPerStream } = results;
  const problems = problemsOf(results);
  const verdict =
    problems.length === 0
      ? 'Clean run: every request returned 2xx, every stream ended with `data: [DONE]`, and the ledger holds exactly one usage row per gateway request.'
      : `**⚠ NOT A CLEAN RUN** — ${problems.length} problem(s):\n\n${problems.map((p) => `- ${p}`).join('\n')}`;
  return `# Conduit gateway benchmark — ${startedAt.toISOString()}

Gateway overhead against a zero-latency fake OpenAI provider, side by side with calling the
fake directly: with the admin key (auth + one usage event per request) and with a virtual key
that has a budget and rate limits (+ quote, rate limiter and budget hold in the ledger), and
Portkey's open-source gateway in front of the same fake as a peer (non-streaming only). See
[bench/README.md](../README.md) for what is measured and the caveats (everything shares one
machine, so the numbers are relative, not capacity figures).

## Machine

${markdownTable(
  ['Machine', ''],
  [
    ['CPU', machine.cpu],
    ['Cores', machine.cores],
    ['Memory', `${machine.memoryGiB} GiB`],
    ['OS', machine.os],
    ['Node', machine.node],
    ['Load average at start (1/5/15 min)', machine.loadAverage],
    ['Commit', machine.commit],
  ],
  ['l', 'l'],
)}

## Parameters

${markdownTable(
  ['Parameter', 'Value'],
  [
    ['Warm-up before each autocannon run', `${params.warmupS} s`],
    ['autocannon duration per target', `${params.durationS} s`],
    ['autocannon connections', params.connections],
    [
      'One-connection run per target',
      params.singleDurationS > 0 ? `${params.singleDurationS} s` : 'skipped',
    ],
    ['Streaming clients (concurrent)', params.streamWorkers],
    ['Streams per target (measured)', params.streamRequests],
    ['Warm-up streams per target', params.streamWarmupRequests],
    ['Gateway rate limiter', params.rateLimiter === 'redis' ? 'Redis' : 'in memory'],
    [
      'Peer gateway',
      `@portkey-ai/gateway ${results.portkeyVersion}: one Node process, \`NODE_ENV=production --headless\`, provider \`openai\` with the fake as custom host`,
    ],
    [
      'Virtual key',
      `monthly budget $${KEY_BUDGET_USD.toLocaleString('en-US')}, RPM ${KEY_RPM.toLocaleString('en-US')}, TPM ${KEY_TPM.toLocaleString('en-US')} (never reached)`,
    ],
    [
      'Request',
      `one short user message (same for every target); each stream is ${framesPerStream} SSE frames incl. \`[DONE]\``,
    ],
    ['Bench time (fake started → last measurement)', `${elapsedS.toFixed(0)} s`],
  ],
  ['l', 'l'],
)}

## Results

${resultTables(results)}

TTFT = request sent → first SSE frame with non-empty \`delta.content\`; the fake writes a
whole stream at once, so TTFT ≈ total. autocannon latencies have 1 ms resolution, except in
the one-connection table; streaming times are measured to the microsecond. Gateway numbers
can vary a lot between identical runs on a small shared machine (see bench/README.md):
compare several runs, not two reports.

${verdict}
${bootMessages(results.services)}
## Reproduce

\`\`\`sh
npm run bench
# this run's parameters:
${paramsAsEnv(params)} npm run bench
\`\`\`
`;
}

/** `2025-01-31T09-05-00Z`: an ISO date-time without colons, which some filesystems reject. */
export function fileStamp(date) {
  return date
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replaceAll(':', '-');
}

/**
 * `<stamp>.md` (to commit), `latest.md` (a stable link to the newest), and `<stamp>.json`
 * with the raw numbers (git-ignored: for local comparison scripts only).
 */
export async function writeReport(resultsDir, date, markdown, raw) {
  await mkdir(resultsDir, { recursive: true });
  const stamp = fileStamp(date);
  const mdPath = path.join(resultsDir, `${stamp}.md`);
  await writeFile(mdPath, markdown);
  await writeFile(path.join(resultsDir, 'latest.md'), markdown);
  await writeFile(path.join(resultsDir, `${stamp}.json`), `${JSON.stringify(raw, null, 2)}\n`);
  return mdPath;
}

/**
 * The response cache rows: the virtual key's exact-cache and semantic-cache hits against the
 * same key settings with the cache off (every request to the model), non-streaming, loaded and
 * at one connection.
 */
function cacheSection(cache, http, single, params) {
  if (!http.key || (!cache.exact && !cache.semantic)) return [];
  const cpu = (run) => (run?.cpuMsPerRequest ? ms(sumCpu(run.cpuMsPerRequest), 2) : '–');
  const row = (label, loaded, one) => [
    label,
    int(loaded.rps),
    ms(loaded.p50, 0),
    cpu(loaded),
    one ? ms(one.p50) : '–',
  ];
  const rows = [
    row(`cache off (every request to the model): ${http.key.label}`, http.key, single.key),
  ];
  const notes = [];
  for (const mode of ['exact', 'semantic']) {
    const run = cache[mode];
    if (!run?.http) continue;
    rows.push(row(`${mode} cache hits: ${run.http.label}`, run.http, run.single));
    rows.push([
      `**${mode} hits ÷ cache off**`,
      ratio(run.http.rps, http.key.rps),
      '',
      '',
      single.key && run.single ? `${ratio(single.key.p50, run.single.p50)} faster` : '',
    ]);
    if (run.hits) {
      notes.push(
        `${mode}: the key made ${int(run.hits.requests)} chat requests; the ledger booked ${int(run.hits.cacheHits)} of them as cache hits (cost $0), saving ${usd(run.hits.savedCostMicroUsd)} of provider spend${run.hits.semanticLookups ? `, and ${int(run.hits.semanticLookups)} semantic lookups (\`chat.cache\` rows: an exact miss embeds its message)` : ''}.`,
      );
    }
  }
  return [
    `### Response cache — ${plural(params.connections, 'connection')} and one connection, ${params.durationS} s`,
    '',
    markdownTable(
      [
        'Non-streaming',
        'req/s',
        'p50 ms',
        'CPU ms/request (Conduit processes)',
        'one connection p50 ms',
      ],
      rows,
    ),
    '',
    "The fake provider answers in microseconds, so a hit saves only Conduit's own work here; against a real model it saves the model's whole latency. A semantic hit embeds the message (local/embed, booked as a `chat.cache` usage row) and searches the vector index before reading the answer.",
    '',
    ...notes.flatMap((note) => [note, '']),
  ];
}

/** The Conduit processes' CPU per request (not the bench client and fake, not the rest of the machine). */
function sumCpu(perProcess) {
  return Object.entries(perProcess)
    .filter(([name]) => name !== 'other' && name !== 'machine')
    .reduce((total, [, value]) => total + (Number.isFinite(value) ? value : 0), 0);
}
