import type { InjectionSignal } from '../injection-signal';
import { featureWindows, hashedFeatures } from './hashed-features';
import { LinearInjectionModel } from './linear-injection-model';

/** The most suspicious window of a text, by the learned model, in normalised offsets. */
export interface LearnedVerdict {
  /** Calibrated: 0.5 at the model's operating point. */
  score: number;
  start: number;
  end: number;
  model: string;
}

/** Scores every window of the normalised text; linear in its length. */
export function scoreWithModel(model: LinearInjectionModel, normalised: string): LearnedVerdict {
  let best: LearnedVerdict = { score: 0, start: 0, end: 0, model: model.header.name };
  for (const [start, end] of featureWindows(normalised.length)) {
    const score = model.calibrated(model.probability(hashedFeatures(normalised, start, end)));
    if (score > best.score) best = { score, start, end, model: model.header.name };
  }
  return best;
}

/** The finding family a learned verdict is reported under. */
export const LEARNED_FAMILY = 'learned_classifier';

/** A learned verdict as one more signal, in original offsets; reason names no text. */
export function learnedSignal(
  verdict: LearnedVerdict,
  toOriginal: (index: number) => number,
): InjectionSignal {
  const start = toOriginal(verdict.start);
  return {
    family: LEARNED_FAMILY,
    source: verdict.model,
    weight: verdict.score,
    start,
    end: Math.max(start, toOriginal(verdict.end)),
    reason: `${LEARNED_FAMILY}: model ${verdict.model} scored ${verdict.score.toFixed(2)}`,
  };
}

let loaded: LinearInjectionModel | null | undefined;

/**
 * The model named by `GUARDRAILS_INJECTION_MODEL_FILE`, loaded once per process; null when
 * none is configured (the default). Opt-in for now: the model trained from the public data
 * available here does not yet generalise to attack styles it has not seen (see
 * apps/guardrails/training/README.md), so the rules alone decide by default.
 */
export function configuredInjectionModel(): LinearInjectionModel | null {
  if (loaded !== undefined) return loaded;
  const file = process.env.GUARDRAILS_INJECTION_MODEL_FILE;
  loaded = file ? LinearInjectionModel.fromFile(file) : null;
  return loaded;
}
