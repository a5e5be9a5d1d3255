// Guardrails scanner evaluation — `npm run eval:guardrails` (which builds first). Loads every
// labelled set in eval/data/, runs the compiled scanners from dist/ on it and prints quality
// and speed tables; the same report goes to eval/results/latest.md. What the data is and how
// it was made: eval/README.md. Exits non-zero only when the runner itself crashes, never on
// low scores; a scanner or data file that is missing is reported as "skipped: <why>".
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { publicSetsSection } from './public-sets.mjs';

const evalDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(evalDir, '..', '..', '..');
const dataDir = path.join(evalDir, 'data');
const resultsDir = path.join(evalDir, 'results');
const scannersDir = path.join(repoRoot, 'dist', 'apps', 'guardrails', 'src', 'scanners');
const require = createRequire(import.meta.url);
const log = (message) => console.error(`eval: ${message}`);

/** Threshold the gateway blocks at by default; the verdict's own `detected` uses it too. */
const INJECTION_THRESHOLD = 0.5;
const ONE_MB = 1024 * 1024;

// ------------------------------------------------------------------ loading
function loadScanner(relativeFile, exportName) {
  const file = path.join(scannersDir, relativeFile);
  if (!existsSync(file))
    return { skip: `${path.relative(repoRoot, file)} not built (run npm run build)` };
  try {
    const fn = require(file)[exportName];
    if (typeof fn !== 'function') return { skip: `${relativeFile} has no export ${exportName}` };
    return { fn };
  } catch (error) {
    return { skip: `${relativeFile} failed to load: ${error.message}` };
  }
}

function loadJsonl(name) {
  const file = path.join(dataDir, name);
  if (!existsSync(file)) return { skip: `eval/data/${name} not found` };
  const rows = [];
  const lines = readFileSync(file, 'utf8').split('\n');
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    try {
      rows.push(JSON.parse(line));
    } catch {
      return { skip: `eval/data/${name} line ${index + 1} is not valid JSON` };
    }
  }
  if (rows.length === 0) return { skip: `eval/data/${name} is empty` };
  return { rows };
}

/** A scanner that throws on one text is an error to report, not a reason to stop the run. */
function runSafely(fn, text, errors) {
  try {
    return fn(text);
  } catch (error) {
    errors.push(error instanceof Error ? error.message : String(error));
    return null;
  }
}

const findingsOf = (output) => (Array.isArray(output) ? output : (output?.findings ?? []));

// ------------------------------------------------------------------ timing
/** Timed runs per measurement; the fastest is reported, the usual guard against a busy machine. */
const TIMED_RUNS = 3;

function fastest(run) {
  let best = Infinity;
  for (let i = 0; i < TIMED_RUNS; i += 1) {
    const started = performance.now();
    run();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

/** ms per KB over the set after a warm-up pass, and ms for one 1 MB text built from the set. */
function timeScanner(fn, texts) {
  const kb = texts.reduce((sum, text) => sum + text.length, 0) / 1024;
  const ignore = [];
  for (const text of texts) runSafely(fn, text, ignore);
  const perKb = fastest(() => texts.forEach((text) => runSafely(fn, text, ignore))) / kb;
  let big = '';
  for (let i = 0; big.length < ONE_MB; i += 1) big += `${texts[i % texts.length]}\n\n`;
  big = big.slice(0, ONE_MB);
  runSafely(fn, big.slice(0, 64 * 1024), ignore);
  return { perKb, oneMbMs: fastest(() => runSafely(fn, big, ignore)) };
}

// ------------------------------------------------------------------ metrics
const ratio = (a, b) => (b === 0 ? null : a / b);
const f1 = (p, r) => (p === null || r === null || p + r === 0 ? null : (2 * p * r) / (p + r));
const pct = (value) => (value === null ? 'n/a' : `${(value * 100).toFixed(1)}%`);
const num = (value, digits = 3) => (value === null ? 'n/a' : value.toFixed(digits));

function tally(rows, keyOf, hit) {
  const groups = new Map();
  for (const row of rows) {
    const key = keyOf(row) ?? '(none)';
    const group = groups.get(key) ?? { n: 0, hits: 0, ids: [] };
    group.n += 1;
    if (hit(row)) group.hits += 1;
    else group.ids.push(row.id);
    groups.set(key, group);
  }
  return [...groups.entries()].sort(([a], [b]) => String(a).localeCompare(String(b)));
}

// ------------------------------------------------------------------ evaluators
function evalInjection(rows) {
  const scanner = loadScanner('injection/injection.detector.js', 'detectInjection');
  if (scanner.skip) return { title: 'Prompt injection', skip: scanner.skip };
  const errors = [];
  const scored = rows.map((row) => {
    const verdict = runSafely(scanner.fn, row.text, errors);
    return {
      ...row,
      flagged: (verdict?.score ?? 0) >= INJECTION_THRESHOLD,
      score: verdict?.score ?? 0,
    };
  });
  const attacks = scored.filter((row) => row.label === 'attack');
  const benign = scored.filter((row) => row.label !== 'attack');
  const tp = attacks.filter((row) => row.flagged).length;
  const fp = benign.filter((row) => row.flagged).length;
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, attacks.length);
  const summary = [
    ['attacks / benign', `${attacks.length} / ${benign.length}`],
    ['threshold', String(INJECTION_THRESHOLD)],
    ['precision', pct(precision)],
    ['recall', pct(recall)],
    ['F1', pct(f1(precision, recall))],
    ['false-positive rate (benign)', pct(ratio(fp, benign.length))],
  ];
  const recallBy = (keyOf) =>
    tally(attacks, keyOf, (row) => row.flagged).map(([key, g]) => [
      key,
      `${g.hits}/${g.n}`,
      pct(ratio(g.hits, g.n)),
      g.ids.slice(0, 6).join(' '),
    ]);
  const fprBy = (keyOf) =>
    tally(benign, keyOf, (row) => !row.flagged).map(([key, g]) => [
      key,
      `${g.n - g.hits}/${g.n}`,
      pct(ratio(g.n - g.hits, g.n)),
      g.ids.slice(0, 6).join(' '),
    ]);
  return {
    title: 'Prompt injection',
    errors,
    tables: [
      ['Summary', ['metric', 'value'], summary],
      [
        'Recall per family',
        ['family', 'detected', 'recall', 'missed (first ids)'],
        recallBy((row) => row.family),
      ],
      [
        'Recall per language',
        ['language', 'detected', 'recall', 'missed (first ids)'],
        recallBy((row) => row.lang),
      ],
      [
        'Recall per obfuscation',
        ['variant', 'detected', 'recall', 'missed (first ids)'],
        recallBy((row) => row.variant),
      ],
      [
        'False positives per language',
        ['language', 'flagged', 'FPR', 'flagged (first ids)'],
        fprBy((row) => row.lang),
      ],
      [
        'False positives per benign category',
        ['category', 'flagged', 'FPR', 'flagged (first ids)'],
        fprBy((row) => row.variant),
      ],
    ],
    timing: timeScanner(
      scanner.fn,
      rows.map((row) => row.text),
    ),
  };
}

/** Span scanners (PII, secrets): a prediction is right when same kind and overlapping a gold span. */
function evalSpans(title, rows, relativeFile, exportName) {
  const scanner = loadScanner(relativeFile, exportName);
  if (scanner.skip) return { title, skip: scanner.skip };
  const errors = [];
  const kinds = new Map();
  const kind = (name) => {
    if (!kinds.has(name))
      kinds.set(name, { gold: 0, goldFound: 0, predicted: 0, predictedRight: 0 });
    return kinds.get(name);
  };
  let clean = 0;
  let cleanFlagged = 0;
  for (const row of rows) {
    const gold = Array.isArray(row.spans) ? row.spans : [];
    const predicted = findingsOf(runSafely(scanner.fn, row.text, errors));
    const overlaps = (a, b) => a.kind === b.kind && a.start < b.end && b.start < a.end;
    for (const span of gold) {
      const stats = kind(span.kind);
      stats.gold += 1;
      if (predicted.some((p) => overlaps(p, span))) stats.goldFound += 1;
    }
    for (const finding of predicted) {
      const stats = kind(finding.kind);
      stats.predicted += 1;
      if (gold.some((g) => overlaps(g, finding))) stats.predictedRight += 1;
    }
    if (gold.length === 0) {
      clean += 1;
      if (predicted.length > 0) cleanFlagged += 1;
    }
  }
  const total = { gold: 0, goldFound: 0, predicted: 0, predictedRight: 0 };
  const perKind = [...kinds.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, s]) => {
      for (const key of Object.keys(total)) total[key] += s[key];
      const p = ratio(s.predictedRight, s.predicted);
      const r = ratio(s.goldFound, s.gold);
      return [name, String(s.gold), String(s.predicted), pct(p), pct(r), pct(f1(p, r))];
    });
  const p = ratio(total.predictedRight, total.predicted);
  const r = ratio(total.goldFound, total.gold);
  perKind.push([
    '**all (micro)**',
    String(total.gold),
    String(total.predicted),
    pct(p),
    pct(r),
    pct(f1(p, r)),
  ]);
  return {
    title,
    errors,
    tables: [
      ['Per kind', ['kind', 'gold spans', 'predicted', 'precision', 'recall', 'F1'], perKind],
      [
        'Clean texts',
        ['metric', 'value'],
        [
          ['texts / clean texts', `${rows.length} / ${clean}`],
          ['false-positive rate (any finding on a clean text)', pct(ratio(cleanFlagged, clean))],
        ],
      ],
    ],
    timing: timeScanner(
      scanner.fn,
      rows.map((row) => row.text),
    ),
  };
}

function evalInvisible(rows) {
  const scanner = loadScanner('invisible/invisible-text.js', 'findInvisibleText');
  if (scanner.skip) return { title: 'Invisible text', skip: scanner.skip };
  const errors = [];
  const scored = rows.map((row) => ({
    ...row,
    flagged: findingsOf(runSafely(scanner.fn, row.text, errors)).length > 0,
  }));
  const hidden = scored.filter((row) => row.label === 'hidden');
  const clean = scored.filter((row) => row.label !== 'hidden');
  const tp = hidden.filter((row) => row.flagged).length;
  const fp = clean.filter((row) => row.flagged).length;
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, hidden.length);
  const wrong = scored.filter((row) => row.flagged !== (row.label === 'hidden'));
  return {
    title: 'Invisible text',
    errors,
    tables: [
      [
        'Summary',
        ['metric', 'value'],
        [
          ['hidden / clean', `${hidden.length} / ${clean.length}`],
          ['precision', pct(precision)],
          ['recall', pct(recall)],
          ['F1', pct(f1(precision, recall))],
          ['false-positive rate (clean)', pct(ratio(fp, clean.length))],
        ],
      ],
      [
        'Misclassified',
        ['id', 'label', 'case'],
        wrong.map((row) => [row.id, row.label, row.note ?? '']),
      ],
    ],
    timing: timeScanner(
      scanner.fn,
      rows.map((row) => row.text),
    ),
  };
}

const TITLES = {
  'injection.jsonl': 'Prompt injection',
  'pii.jsonl': 'PII',
  'secrets.jsonl': 'Secrets',
  'invisible.jsonl': 'Invisible text',
};
const EVALUATORS = {
  'injection.jsonl': (rows) => evalInjection(rows),
  'pii.jsonl': (rows) => evalSpans('PII', rows, 'pii/pii.detector.js', 'detectPii'),
  'secrets.jsonl': (rows) =>
    evalSpans('Secrets', rows, 'secrets/secrets.detector.js', 'detectSecrets'),
  'invisible.jsonl': (rows) => evalInvisible(rows),
};

// ------------------------------------------------------------------ report
function markdownTable(headers, rows) {
  const escape = (cell) => String(cell).replace(/\|/g, '\\|');
  const lines = [
    `| ${headers.map(escape).join(' | ')} |`,
    `| ${headers.map(() => '---').join(' | ')} |`,
  ];
  for (const row of rows) lines.push(`| ${row.map(escape).join(' | ')} |`);
  return lines.join('\n');
}

function render(sections) {
  const out = [
    '# Guardrails scanner evaluation',
    '',
    `Generated ${new Date().toISOString()} by \`npm run eval:guardrails\`; node ${process.version}.`,
    '',
  ];
  const speed = [];
  for (const section of sections) {
    out.push(`## ${section.title}`, '');
    if (section.skip) {
      out.push(`skipped: ${section.skip}`, '');
      if (!section.notAScanner) speed.push([section.title, 'skipped', 'skipped']);
      continue;
    }
    if (section.errors.length > 0) {
      out.push(
        `**${section.errors.length} texts made the scanner throw** (first: ${section.errors[0]})`,
        '',
      );
    }
    for (const [caption, headers, rows] of section.tables) {
      out.push(`### ${caption}`, '', rows.length > 0 ? markdownTable(headers, rows) : '(none)', '');
    }
    if (section.timing) {
      speed.push([section.title, num(section.timing.perKb), num(section.timing.oneMbMs, 0)]);
    }
  }
  out.push(
    '## Speed',
    '',
    `After a warm-up pass; fastest of ${TIMED_RUNS} runs. The 1 MB text is the set concatenated.`,
    '',
  );
  out.push(markdownTable(['scanner', 'ms per KB (eval set)', 'ms for one 1 MB text'], speed), '');
  return out.join('\n');
}

// ------------------------------------------------------------------ main
const sections = [];
const files = existsSync(dataDir)
  ? readdirSync(dataDir)
      .filter((f) => f.endsWith('.jsonl'))
      .sort()
  : [];
const wanted = new Set([...files, ...Object.keys(EVALUATORS)]);
for (const file of [...wanted].sort()) {
  const evaluate = EVALUATORS[file];
  const title = TITLES[file] ?? file;
  if (!evaluate) {
    sections.push({ title, skip: `no evaluator for eval/data/${file}`, notAScanner: true });
    continue;
  }
  const data = loadJsonl(file);
  if (data.skip) {
    sections.push({ title, skip: data.skip });
    continue;
  }
  log(`${file}: ${data.rows.length} rows`);
  sections.push(evaluate(data.rows));
}
const detectInjection = loadScanner('injection/injection.detector.js', 'detectInjection');
if (detectInjection.fn) {
  sections.push(
    publicSetsSection({
      mirrors: process.env.CONDUIT_TRAINING_MIRRORS ?? '/work/.mirror',
      detect: detectInjection.fn,
      threshold: INJECTION_THRESHOLD,
    }),
  );
}
const report = render(sections);
console.log(report);
mkdirSync(resultsDir, { recursive: true });
writeFileSync(path.join(resultsDir, 'latest.md'), `${report}\n`);
log(`wrote ${path.relative(repoRoot, path.join(resultsDir, 'latest.md'))}`);
