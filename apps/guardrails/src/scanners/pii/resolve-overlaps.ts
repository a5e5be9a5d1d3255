import { appendAll } from '../../scan/append-all';

/** The fields overlap resolution looks at; findings of every scanner have them. */
export interface ScoredSpan {
  start: number;
  end: number;
  score: number;
}

/**
 * Sorted by start and non-overlapping: within each group of (transitively) overlapping spans the
 * higher score wins, then the longer span, then the earlier one. Detectors disagree only
 * locally, so the groups stay small and a 1 MB text with thousands of findings stays cheap.
 */
export function resolveOverlaps<T extends ScoredSpan>(spans: readonly T[]): T[] {
  const ordered = [...spans]
    .filter((span) => span.end > span.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: T[] = [];
  let group: T[] = [];
  let groupEnd = -1;
  for (const span of ordered) {
    if (span.start >= groupEnd && group.length > 0) {
      appendAll(kept, pickWithinGroup(group));
      group = [];
    }
    group.push(span);
    groupEnd = Math.max(groupEnd, span.end);
  }
  appendAll(kept, pickWithinGroup(group));
  return kept.sort((a, b) => a.start - b.start);
}

function pickWithinGroup<T extends ScoredSpan>(group: readonly T[]): T[] {
  if (group.length <= 1) return [...group];
  const byPreference = [...group].sort(
    (a, b) => b.score - a.score || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  // An occupancy map of the group's range keeps long chains of overlaps linear in their
  // total length, where comparing every pair would be quadratic.
  const offset = group[0].start;
  const end = group.reduce((max, span) => Math.max(max, span.end), offset);
  const taken = new Uint8Array(end - offset);
  const picked: T[] = [];
  for (const candidate of byPreference) {
    let free = true;
    for (let i = candidate.start - offset; i < candidate.end - offset && free; i++) {
      free = taken[i] === 0;
    }
    if (!free) continue;
    taken.fill(1, candidate.start - offset, candidate.end - offset);
    picked.push(candidate);
  }
  return picked;
}
