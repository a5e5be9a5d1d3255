import type { InjectionSignal } from './injection-signal';

/**
 * Window length and stride, in original-text characters. Evidence only adds up when it is this
 * close together: a long document's scattered weak cues do not add up to an attack, and a
 * strong phrase at the end of 100 KB scores as high as it would alone.
 */
const WINDOW = 2048;
const STRIDE = WINDOW / 2;

/**
 * The highest window score. Within a window, each family's signals combine by noisy-OR with
 * every signal after the strongest counted at half weight (repetition of a family is weaker
 * evidence than a second family); families then combine by plain noisy-OR.
 */
export function scoreWindows(signals: readonly InjectionSignal[]): number {
  const windows = new Map<number, InjectionSignal[]>();
  for (const signal of signals) {
    const last = Math.floor(signal.start / STRIDE);
    for (const index of [last - 1, last]) {
      if (index < 0) continue;
      const list = windows.get(index) ?? [];
      list.push(signal);
      windows.set(index, list);
    }
  }
  let best = 0;
  for (const list of windows.values()) best = Math.max(best, scoreWindow(list));
  return best;
}

function scoreWindow(signals: readonly InjectionSignal[]): number {
  // Strongest weight per source, grouped by family.
  const families = new Map<string, Map<string, number>>();
  for (const signal of signals) {
    const sources = families.get(signal.family) ?? new Map<string, number>();
    sources.set(signal.source, Math.max(sources.get(signal.source) ?? 0, signal.weight));
    families.set(signal.family, sources);
  }
  let clean = 1;
  for (const sources of families.values()) {
    const weights = [...sources.values()].sort((a, b) => b - a);
    let familyClean = 1 - weights[0];
    for (const weight of weights.slice(1)) familyClean *= 1 - weight / 2;
    clean *= familyClean;
  }
  return 1 - clean;
}
