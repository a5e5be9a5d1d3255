// Tables, verdict and report file of the retrieval bench. The same markdown goes to stdout
// and to bench/results/retrieval-<date-time>.md (and retrieval-latest.md).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MAX_FAILURE_RATE, fileStamp } from './report.mjs';
import { retrievalParamsAsEnv } from './retrieval-params.mjs';
import { int, markdownTable, ms } from './table.mjs';

/** A run during which more than this share of the machine's busy CPU went elsewhere is flagged. */
const MAX_FOREIGN_CPU_SHARE = 0.2;
const CPU_COLUMNS = [
  ['bench', 'bench (client)'],
  ['gateway', 'gateway'],
  ['embedding', 'embedding'],
  ['retrieval', 'retrieval'],
  ['ledger', 'ledger'],
  ['nats-server', 'nats-server*'],
  ['other', 'rest of machine†'],
];

const rate = (value) => (Number.isFinite(value) ? value.toFixed(1) : '–');

/** Every measured run through the gateway, by name: what the error-rate verdict looks at. */
function measuredRuns({ embeddings, ingest, search }) {
  return [
    ...(embeddings?.rows ?? []).map((row) => [`embeddings, ${row.label}`, row]),
    ...(ingest ? [['ingest', ingest]] : []),
    ...(search
      ? [
          ['search, one at a time', search.sequential],
          ['search, concurrent', search.concurrent],
        ]
      : []),
  ];
}

/** Runs above the tolerated failure rate, and anything else that makes the run unclean. */
export function problemsOf(results) {
  const problems = [];
  for (const [name, run] of measuredRuns(results)) {
    if (run.failed > 0) {
      const share = run.failed / Math.max(1, run.sent);
      problems.push(
        `${name}: ${run.failed} of ${run.sent} requests failed (${(share * 100).toFixed(2)} %), e.g. ${run.errors[0]}`,
      );
    }
  }
  for (const [name, run] of measuredRuns(results)) {
    const { machine, other } = run.cpuMs ?? {};
    if (machine > 0 && other / machine > MAX_FOREIGN_CPU_SHARE) {
      problems.push(
        `${name}: ${((other / machine) * 100).toFixed(0)} % of the machine's busy CPU time went to other work — not comparable`,
      );
    }
  }
  const { ingest, params, store } = results;
  if (ingest && ingest.chunks !== params.chunks) {
    problems.push(
      `ingest: ${ingest.chunks} chunks for ${params.chunks} documents (expected one each)`,
    );
  }
  if (store?.shortResults > 0) {
    problems.push(
      `store alone: ${store.shortResults} searches returned fewer than ${store.topK} hits`,
    );
  }
  for (const service of results.services) {
    if (service.runLineCount > 0) {
      problems.push(
        `${service.app} logged ${service.runLineCount} lines after startup (warnings?)`,
      );
    }
  }
  return problems;
}

export function failedBeyondTolerance(results) {
  return measuredRuns(results).some(
    ([, run]) => run.failed / Math.max(1, run.sent) > MAX_FAILURE_RATE,
  );
}

export function resultTables({ params, embeddings, ingest, search, store }) {
  const parts = [];
  parts.push(
    `### Embeddings — \`POST /v1/embeddings\`, ${embeddings.batch} texts per request (${embeddings.model}, ${embeddings.dimensions} dimensions), ${params.connections} clients, ${params.durationS} s each`,
    markdownTable(
      ['run', 'requests/s', 'texts/s', 'p50 ms', 'p99 ms', 'max ms', 'ok', 'failed'],
      embeddings.rows.map((row) => [
        row.label,
        rate(row.perSecond),
        int(row.textsPerSecond),
        ms(row.p50, 1),
        ms(row.p99, 1),
        ms(row.max, 1),
        int(row.ok),
        int(row.failed),
      ]),
    ),
  );
  parts.push(
    `### Ingest — \`POST /v1/collections/{name}/documents\`, ${params.ingestBatch} documents per request, ${params.ingestConcurrency} in flight`,
    markdownTable(
      [
        'documents',
        'chunks',
        'requests',
        'time s',
        'chunks/s',
        'p50 ms/request',
        'p99 ms/request',
        'failed',
      ],
      [
        [
          int(ingest.documents),
          int(ingest.chunks),
          int(ingest.sent),
          ms(ingest.elapsedS, 1),
          rate(ingest.chunksPerSecond),
          ms(ingest.p50, 0),
          ms(ingest.p99, 0),
          int(ingest.failed),
        ],
      ],
    ),
  );
  const searchRow = (label, clients, run, chunks) => [
    label,
    int(chunks),
    int(clients),
    int(run.ok),
    rate(run.perSecond),
    ms(run.p50),
    ms(run.p99),
    ms(run.max),
    int(run.failed),
  ];
  const rows = [
    searchRow('gateway → retrieval → embedding + store', 1, search.sequential, ingest.chunks),
    searchRow(
      'gateway → retrieval → embedding + store',
      params.connections,
      search.concurrent,
      ingest.chunks,
    ),
  ];
  if (store) {
    const alone = {
      ...store.search,
      ok: store.search.count,
      perSecond: 1000 / store.search.mean,
      failed: store.shortResults,
    };
    rows.push(searchRow('embedded store alone (in process)', 1, alone, store.chunks));
  }
  parts.push(
    `### Search — top_k ${params.topK}, embedded store (PGlite + pgvector HNSW)`,
    markdownTable(
      [
        'path',
        'chunks',
        'clients',
        'searches',
        'searches/s',
        'p50 ms',
        'p99 ms',
        'max ms',
        'failed',
      ],
      rows,
      ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
  );
  const cpuRows = measuredRuns({ embeddings, ingest, search })
    .filter(([, run]) => run.cpuMs)
    .map(([name, run]) => [
      name === 'ingest' ? 'ingest (per chunk)' : name,
      ...CPU_COLUMNS.map(([key]) => ms(run.cpuMs[key], 2)),
    ]);
  if (cpuRows.length > 0) {
    parts.push(
      '### CPU ms per request (per chunk for ingest)',
      markdownTable(['run', ...CPU_COLUMNS.map(([, title]) => title)], cpuRows),
      '\\* the whole nats-server process (shared). † all busy CPU time minus the columns before it: Postgres (ledger writes), the kernel, other jobs.',
    );
  }
  if (store) {
    parts.push(
      `Store alone: ${int(store.chunks)} random ${store.dimensions}-d unit vectors upserted in ${ms(store.upsertS, 1)} s (${rate(store.upsertPerSecond)} chunks/s; p50 ${ms(store.upsertBatch.p50, 0)} ms per batch of ${store.upsertBatch.size}), searched one at a time with random unit vectors.`,
    );
  }
  return parts.join('\n\n');
}

export function renderMarkdown(results) {
  const { startedAt, machine, params, elapsedS, services } = results;
  const problems = problemsOf(results);
  const verdict = failedBeyondTolerance(results)
    ? `**FAILED** — more than ${MAX_FAILURE_RATE * 100} % of a run's requests failed`
    : problems.length > 0
      ? '**not clean** (see below)'
      : 'clean: every response checked and right';
  const lines = [
    `# Retrieval benchmark — ${startedAt.toISOString()}`,
    '',
    `Verdict: ${verdict}. Whole run (start to report, build not included): ${elapsedS.toFixed(0)} s.`,
    '',
    '## Machine',
    '',
    markdownTable(
      ['fact', 'value'],
      [
        ['CPU', `${machine.cpu} × ${machine.cores}`],
        ['memory', `${machine.memoryGiB} GiB`],
        ['load average at start (1/5/15 min)', machine.loadAverage],
        ['OS', machine.os],
        ['Node', machine.node],
        ['commit', machine.commit],
      ],
      ['l', 'l'],
    ),
    '',
    '## Setup',
    '',
    `gateway, embedding, retrieval and ledger from \`dist/\`, each its own process, on NATS (own subject prefix); the retrieval service on the embedded store (PGlite + pgvector, fresh temp dir, no Qdrant); the ledger on a fresh Postgres schema; every request with the admin key (no budget hold, no rate limit; one usage event each). Texts are seeded pseudo-English; documents are 90-150 words, one chunk each.`,
    '',
    `Parameters: \`${retrievalParamsAsEnv(params)}\``,
    '',
    '## Results',
    '',
    resultTables(results),
    '',
    '## Services',
    '',
    markdownTable(
      ['service', 'log lines while starting', 'log lines after'],
      services.map((service) => [
        service.app,
        int(service.bootLineCount),
        int(service.runLineCount),
      ]),
    ),
    '',
  ];
  const configuration = services.flatMap((service) =>
    service.bootLog.map((line) => `${service.app}: ${line}`),
  );
  if (configuration.length > 0) {
    lines.push(
      'Logged while starting (configuration):',
      '',
      '```',
      ...configuration.slice(0, 20),
      '```',
      '',
    );
  }
  if (problems.length > 0) lines.push('## Problems', '', ...problems.map((p) => `- ${p}`), '');
  lines.push(
    '## Reproduce',
    '',
    '```',
    `npm run build && ${retrievalParamsAsEnv(params)} node bench/retrieval.mjs`,
    '```',
    '',
  );
  return lines.join('\n');
}

export async function writeRetrievalReport(resultsDir, startedAt, markdown, raw) {
  await mkdir(resultsDir, { recursive: true });
  const stamp = fileStamp(startedAt);
  const file = path.join(resultsDir, `retrieval-${stamp}.md`);
  await writeFile(file, markdown);
  await writeFile(path.join(resultsDir, 'retrieval-latest.md'), markdown);
  await writeFile(
    path.join(resultsDir, `retrieval-${stamp}.json`),
    `${JSON.stringify(raw, null, 2)}\n`,
  );
  return file;
}
