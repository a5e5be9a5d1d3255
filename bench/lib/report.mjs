import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { paramsAsEnv } from './params.mjs';
import { int, markdownTable, ms, signedMs } from './table.mjs';

/** Above this share of failed requests or streams the run is not trusted (non-zero exit). */
export const MAX_FAILURE_RATE = 0.01;

export function httpFailures(run) {
  return run.non2xx + run.errors;
}

/** Every way the run may be untrustworthy, as human sentences; empty when clean. */
export function problemsOf({ http, streams, services }) {
  const problems = [];
  for (const run of [http.direct, http.gateway]) {
    const failures = httpFailures(run);
    if (failures > 0) {
      problems.push(
        `${run.label}: ${failures} of ${run.sent} non-streaming requests failed (${run.non2xx} non-2xx, ${run.errors} errors incl. ${run.timeouts} timeouts).`,
      );
    }
  }
  for (const run of [streams.direct, streams.gateway]) {
    if (run.failed > 0) {
      const kinds = run.failureKinds.map((k) => `${k.count}× ${k.problem}`).join('; ');
      problems.push(`${run.label}: ${run.failed} of ${run.requests} streams failed — ${kinds}`);
    }
  }
  for (const service of services) {
    if (service.logLineCount > 0) {
      problems.push(
        `${service.app} logged ${service.logLineCount} line(s) at LOG_LEVEL=warn; last: ${service.logTail().split('\n').at(-1)}`,
      );
    }
  }
  return problems;
}

/** True when failures exceed MAX_FAILURE_RATE in any measured run. */
export function failedBeyondTolerance({ http, streams }) {
  const rate = (failed, total) => (total === 0 ? 1 : failed / total);
  return (
    [http.direct, http.gateway].some(
      (run) => rate(httpFailures(run), run.sent) > MAX_FAILURE_RATE,
    ) ||
    [streams.direct, streams.gateway].some(
      (run) => rate(run.failed, run.requests) > MAX_FAILURE_RATE,
    )
  );
}

const plural = (n, noun) => `${n} ${noun}${n === 1 ? '' : 's'}`;

export function resultTables({ params, http, streams }) {
  const { direct, gateway } = http;
  const httpTable = markdownTable(
    ['Non-streaming', 'req/s', 'p50 ms', 'p99 ms', 'max ms', '2xx', 'non-2xx', 'errors'],
    [
      ...[direct, gateway].map((run) => [
        run.label,
        int(run.rps),
        ms(run.p50, 0),
        ms(run.p99, 0),
        ms(run.max, 0),
        int(run.ok),
        int(run.non2xx),
        int(run.errors),
      ]),
      [
        '**gateway − direct**',
        `${((gateway.rps / direct.rps) * 100).toFixed(0)}% of direct`,
        signedMs(gateway.p50 - direct.p50, 0),
        signedMs(gateway.p99 - direct.p99, 0),
        '',
        '',
        '',
        '',
      ],
    ],
  );

  const s = streams;
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
      ...[s.direct, s.gateway].map((run) => [
        run.label,
        int(run.streamsPerS),
        ms(run.ttft.p50),
        ms(run.ttft.p99),
        ms(run.total.p50),
        ms(run.total.p99),
        int(run.ok),
        int(run.failed),
      ]),
      [
        '**gateway − direct**',
        `${((s.gateway.streamsPerS / s.direct.streamsPerS) * 100).toFixed(0)}% of direct`,
        signedMs(s.gateway.ttft.p50 - s.direct.ttft.p50),
        signedMs(s.gateway.ttft.p99 - s.direct.ttft.p99),
        signedMs(s.gateway.total.p50 - s.direct.total.p50),
        signedMs(s.gateway.total.p99 - s.direct.total.p99),
        '',
        '',
      ],
    ],
  );

  const cpuRow = (kind, run) => [
    `${kind}: ${run.label}`,
    ms(run.cpuMsPerRequest.bench, 3),
    ms(run.cpuMsPerRequest.gateway, 3),
    ms(run.cpuMsPerRequest.llm, 3),
  ];
  const cpuTable = markdownTable(
    ['CPU ms per request', 'bench (client + fake)', 'gateway', 'llm'],
    [
      cpuRow('non-streaming', direct),
      cpuRow('non-streaming', gateway),
      cpuRow('streaming', s.direct),
      cpuRow('streaming', s.gateway),
    ],
  );

  return [
    `### Non-streaming chat — autocannon, ${plural(params.connections, 'connection')}, ${params.durationS} s per target`,
    '',
    httpTable,
    '',
    `### Streaming chat — ${plural(params.streamWorkers, 'concurrent client')}, ${params.streamRequests} streams per target`,
    '',
    streamTable,
    '',
    '### CPU time per successful request (user + system, all processes but NATS)',
    '',
    cpuTable,
  ].join('\n');
}

export function renderMarkdown({
  startedAt,
  machine,
  params,
  http,
  streams,
  services,
  elapsedS,
  framesPerStream,
}) {
  const problems = problemsOf({ http, streams, services });
  const verdict =
    problems.length === 0
      ? 'Clean run: every request returned 2xx and every stream ended with `data: [DONE]`.'
      : `**⚠ NOT A CLEAN RUN** — ${problems.length} problem(s):\n\n${problems.map((p) => `- ${p}`).join('\n')}`;
  return `# Conduit gateway benchmark — ${startedAt.toISOString()}

Gateway overhead against a zero-latency fake OpenAI provider, side by side with calling the
fake directly. See [bench/README.md](../README.md) for what is measured and the caveats
(everything shares one machine, so the numbers are relative, not capacity figures).

## Machine

${markdownTable(
  ['Machine', ''],
  [
    ['CPU', machine.cpu],
    ['Cores', machine.cores],
    ['Memory', `${machine.memoryGiB} GiB`],
    ['OS', machine.os],
    ['Node', machine.node],
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
    ['Streaming clients (concurrent)', params.streamWorkers],
    ['Streams per target (measured)', params.streamRequests],
    ['Warm-up streams per target', params.streamWarmupRequests],
    [
      'Request',
      `one short user message (same for both targets); each stream is ${framesPerStream} SSE frames incl. \`[DONE]\``,
    ],
    ['Bench time (fake started → last measurement)', `${elapsedS.toFixed(0)} s`],
  ],
  ['l', 'l'],
)}

## Results

${resultTables({ params, http, streams })}

TTFT = request sent → first SSE frame with non-empty \`delta.content\`; the fake writes a
whole stream at once, so TTFT ≈ total. autocannon latencies have 1 ms resolution; streaming
times are measured to the microsecond. Gateway numbers can vary a lot between identical runs
on a small shared machine (see bench/README.md): compare several runs, not two reports.

${verdict}

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
