// Trains the guardrails service's learned injection model and writes
// apps/guardrails/training/out/injection-linear-v1.bin (not committed) plus its provenance and
// evaluation beside it.
//
//   npm run build
//   node apps/guardrails/training/train-injection-model.mjs --mirrors <dir with the sources>
//
// What the model is, where the data comes from and how to read the report: README.md here.
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { mulberry32, ownVariants } from './own-variants.mjs';
import { SOURCES, openRepository } from './public-sources.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const require = createRequire(import.meta.url);
const dist = (file) => path.join(repoRoot, 'dist/apps/guardrails/src/scanners', file);
const { hashedFeatures, featureWindows, FEATURE_COUNT, FEATURE_BITS } = require(
  dist('injection/learned/hashed-features.js'),
);
const { LinearInjectionModel } = require(dist('injection/learned/linear-injection-model.js'));
const { normaliseForScanning } = require(dist('normalise/text-normaliser.js'));

const MODEL_NAME = 'injection-linear-v1';
/** The false-positive rate on held-out benign texts the operating point is chosen for. */
const TARGET_FPR = 0.005;
const EPOCHS = 5;
const LEARNING_RATE = 0.1;
const L2 = 1e-5;
const FOLDS = 5;

const { values: args } = parseArgs({
  options: {
    mirrors: { type: 'string', default: process.env.CONDUIT_TRAINING_MIRRORS ?? '/work/.mirror' },
    out: { type: 'string', default: path.join(repoRoot, 'apps/guardrails/training/out') },
  },
});

function loadRows() {
  const rows = [];
  const provenance = [];
  for (const source of SOURCES) {
    const repository = openRepository(args.mirrors, source.repo, source.commit);
    const texts = source.read(repository).filter((text) => typeof text === 'string' && text.trim());
    for (const text of texts) rows.push({ text, label: source.label, source: source.name });
    provenance.push({ ...source, commit: repository.commit, count: texts.length });
  }
  const own = ownVariants();
  rows.push(...own);
  provenance.push({
    name: 'conduit-own',
    repo: 'this repository',
    commit: '(apps/guardrails/training/own-variants.mjs)',
    license: 'this repository’s',
    what: 'hand-written attack and benign variants for the categories the public sources lack',
    label: 'both',
    count: own.length,
  });
  // One text, one row: duplicates across sources would leak between folds.
  const seen = new Set();
  return {
    rows: rows.filter((row) => (seen.has(row.text) ? false : (seen.add(row.text), true))),
    provenance,
  };
}

/** Every window of a text, featurised once. */
function featurise(rows) {
  for (const row of rows) {
    const normalised = normaliseForScanning(row.text).text;
    row.windows = featureWindows(normalised.length).map(([start, end]) =>
      hashedFeatures(normalised, start, end),
    );
  }
}

/** Logistic regression by AdaGrad over windows, classes weighted to equal total weight. */
function train(rows, seed = 1) {
  const weights = new Float32Array(FEATURE_COUNT);
  const squared = new Float32Array(FEATURE_COUNT).fill(1e-8);
  let bias = 0;
  let biasSquared = 1e-8;
  const examples = rows.flatMap((row) =>
    row.windows.map((features) => ({ features, label: row.label, share: 1 / row.windows.length })),
  );
  const positives = examples.filter((e) => e.label === 1).reduce((sum, e) => sum + e.share, 0);
  const negatives = examples.filter((e) => e.label === 0).reduce((sum, e) => sum + e.share, 0);
  const classWeight = [examples.length / (2 * negatives), examples.length / (2 * positives)];
  const random = mulberry32(seed);
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (let i = examples.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [examples[i], examples[j]] = [examples[j], examples[i]];
    }
    for (const { features, label, share } of examples) {
      let sum = bias;
      for (let k = 0; k < features.indices.length; k++) {
        sum += weights[features.indices[k]] * features.values[k];
      }
      const p = 1 / (1 + Math.exp(-sum));
      // A long text's windows share its weight, so long documents do not dominate.
      const g = (p - label) * classWeight[label] * Math.min(1, share * 4);
      for (let k = 0; k < features.indices.length; k++) {
        const index = features.indices[k];
        const gradient = g * features.values[k] + L2 * weights[index];
        squared[index] += gradient * gradient;
        weights[index] -= (LEARNING_RATE * gradient) / Math.sqrt(squared[index]);
      }
      biasSquared += g * g;
      bias -= (LEARNING_RATE * g) / Math.sqrt(biasSquared);
    }
  }
  return { weights, bias };
}

/** A text's probability: its most suspicious window. */
function scoreRow(model, row) {
  let best = 0;
  for (const features of row.windows) {
    let sum = model.bias;
    for (let k = 0; k < features.indices.length; k++) {
      sum += model.weights[features.indices[k]] * features.values[k];
    }
    best = Math.max(best, 1 / (1 + Math.exp(-sum)));
  }
  return best;
}

/** The lowest threshold whose false-positive rate on `benignScores` is at most TARGET_FPR. */
function operatingPoint(benignScores) {
  const sorted = [...benignScores].sort((a, b) => b - a);
  const allowed = Math.floor(sorted.length * TARGET_FPR);
  return Math.min(0.9999, Math.max(0.5, (sorted[allowed] ?? 0) + 1e-6));
}

const percent = (x) => `${(100 * x).toFixed(1)}%`;

function main() {
  const started = performance.now();
  const { rows, provenance } = loadRows();
  featurise(rows);
  const random = mulberry32(7);
  for (const row of rows) row.fold = Math.floor(random() * FOLDS);

  // Out-of-fold scores: each text scored by a model that never saw it.
  const outOfFold = new Map();
  for (let fold = 0; fold < FOLDS; fold++) {
    const model = train(rows.filter((row) => row.fold !== fold));
    for (const row of rows.filter((r) => r.fold === fold)) outOfFold.set(row, scoreRow(model, row));
  }
  const point = operatingPoint(rows.filter((r) => r.label === 0).map((r) => outOfFold.get(r)));

  // Never-trained-on sources: for each source, a model trained on all the others.
  const bySource = [];
  for (const source of [...new Set(rows.map((row) => row.source))]) {
    const model = train(rows.filter((row) => row.source !== source));
    const held = rows.filter((row) => row.source === source);
    for (const label of [1, 0]) {
      const subset = held.filter((row) => row.label === label);
      if (subset.length === 0) continue;
      const flagged = subset.filter((row) => scoreRow(model, row) >= point).length;
      bySource.push({ source, label, count: subset.length, flagged });
    }
  }
  const randomSplit = [1, 0].map((label) => {
    const subset = rows.filter((row) => row.label === label);
    return {
      label,
      count: subset.length,
      flagged: subset.filter((r) => outOfFold.get(r) >= point).length,
    };
  });

  const final = train(rows);
  mkdirSync(args.out, { recursive: true });
  const file = path.join(args.out, `${MODEL_NAME}.bin`);
  writeFileSync(
    file,
    LinearInjectionModel.encode(
      { name: MODEL_NAME, featureBits: FEATURE_BITS, bias: final.bias, operatingPoint: point },
      final.weights,
    ),
  );
  const report = renderProvenance({ provenance, rows, point, bySource, randomSplit });
  writeFileSync(path.join(args.out, `${MODEL_NAME}.provenance.md`), report);
  console.log(report);
  console.error(`wrote ${file} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

function renderProvenance({ provenance, rows, point, bySource, randomSplit }) {
  const lines = [
    `# ${MODEL_NAME} — provenance and evaluation`,
    '',
    'Written by `apps/guardrails/training/train-injection-model.mjs` (see the README there). A',
    'logistic regression over hashed word 1–2-grams and character 3–5-grams of the',
    'scanner-normalised text (2^18 buckets, int8 weights), scored per 1,024-character window.',
    '',
    '## Training data',
    '',
    '| source | repository @ commit | licence | label | texts | what |',
    '| --- | --- | --- | --- | ---: | --- |',
    ...provenance.map(
      (p) =>
        `| ${p.name} | ${p.repo} @ ${String(p.commit).slice(0, 12)} | ${p.license} | ${
          p.label === 1 ? 'attack' : p.label === 0 ? 'benign' : p.label
        } | ${p.count} | ${p.what} |`,
    ),
    '',
    `${rows.length} distinct texts after removing duplicates: ${rows.filter((r) => r.label === 1).length} attacks, ${rows.filter((r) => r.label === 0).length} benign.`,
    'Held out and never read: NVIDIA/garak, meta-llama/PurpleLlama, paul-rottger/exaggerated-safety,',
    'microsoft/presidio-research, verazuo/jailbreak_llms and its mirrors (JailbreakBench’s `JBC`',
    'folder included), f/awesome-chatgpt-prompts.',
    '',
    '## Operating point',
    '',
    `Raw probability ${point.toFixed(4)}: the lowest threshold at which at most ${percent(TARGET_FPR)} of the`,
    `benign texts are flagged by models that never saw them (${FOLDS}-fold out-of-fold scores). The`,
    'service maps it to a calibrated score of 0.5, the default `injection_threshold`.',
    '',
    '## Random split (out-of-fold, same sources)',
    '',
    '| label | texts | flagged | rate |',
    '| --- | ---: | ---: | ---: |',
    ...randomSplit.map(
      (r) =>
        `| ${r.label === 1 ? 'attack (recall)' : 'benign (false positives)'} | ${r.count} | ${r.flagged} | ${percent(r.flagged / r.count)} |`,
    ),
    '',
    '## Never-trained-on sources (each scored by a model trained without it)',
    '',
    'The honest number: how the model does on a kind of text it has never seen.',
    '',
    '| source | label | texts | flagged | rate |',
    '| --- | --- | ---: | ---: | ---: |',
    ...bySource.map(
      (r) =>
        `| ${r.source} | ${r.label === 1 ? 'attack (recall)' : 'benign (false positives)'} | ${r.count} | ${r.flagged} | ${percent(r.flagged / r.count)} |`,
    ),
    '',
  ];
  return lines.join('\n');
}

main();
