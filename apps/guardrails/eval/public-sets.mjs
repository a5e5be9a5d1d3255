// The injection detector on public, licensed sets nobody on the team wrote (the sources of
// apps/guardrails/training/public-sources.mjs), read from local git snapshots: an outside view
// beside eval/data, which was written alongside the scanners. Skipped when the snapshots are
// not on this machine (CONDUIT_TRAINING_MIRRORS, see apps/guardrails/training/README.md).
import { existsSync } from 'node:fs';
import { SOURCES, openRepository } from '../training/public-sources.mjs';

/**
 * How each source has been used so far, so a reader knows which numbers are out-of-sample:
 * a source used to find and fix false positives no longer measures them honestly.
 */
const USED_FOR = {
  'fabric-patterns': 'used to find false positives (2026-12-07): not out-of-sample',
};

export function publicSetsSection({ mirrors, detect, threshold }) {
  const title = 'Prompt injection on public sets (never used to write patterns)';
  if (!mirrors || !existsSync(mirrors)) {
    return { title, skip: `no source snapshots at ${mirrors ?? '(unset)'}`, notAScanner: true };
  }
  const rows = [];
  const errors = [];
  for (const source of SOURCES) {
    let texts;
    try {
      texts = source.read(openRepository(mirrors, source.repo, source.commit));
    } catch (error) {
      rows.push([source.name, '—', 'not readable', '', '', (error.message ?? '').split('\n')[0]]);
      continue;
    }
    let flagged = 0;
    for (const text of texts) {
      try {
        if (detect(text).score >= threshold) flagged++;
      } catch (error) {
        errors.push(`${source.name}: ${error.message}`);
      }
    }
    rows.push([
      source.name,
      source.label === 1 ? 'attack (recall)' : 'benign (false positives)',
      texts.length,
      flagged,
      `${((100 * flagged) / Math.max(1, texts.length)).toFixed(1)}%`,
      USED_FOR[source.name] ?? 'out-of-sample',
    ]);
  }
  return {
    title,
    errors,
    tables: [
      [
        `Default threshold ${threshold}; sources and licences in apps/guardrails/training/public-sources.mjs`,
        ['source', 'label', 'texts', 'flagged', 'rate', 'used for'],
        rows,
      ],
    ],
    notAScanner: true,
  };
}
