import type { Finding } from '../finding';
import { type NormalisedText, normaliseForScanning } from '../normalise/text-normaliser';
import { segmentCompactRuns } from './compact-phrase.segmenter';
import { findConceptCues } from './concept.scorer';
import { findEncodedPayloads } from './encoded-payload.decoder';
import { LANGUAGE_NAMES } from './injection-pattern';
import type { InjectionSignal } from './injection-signal';
import {
  configuredInjectionModel,
  learnedSignal,
  scoreWithModel,
} from './learned/learned-injection.scorer';
import type { LinearInjectionModel } from './learned/linear-injection-model';
import { judgeContext } from './match-context';
import { type PatternMatch, matchPatterns } from './pattern.matcher';
import { findRot13Hints, rot13 } from './rot13';
import { scoreWindows } from './window.scorer';

export interface InjectionVerdict {
  /** 0..1, the highest window score. */
  score: number;
  /** score >= threshold */
  detected: boolean;
  /**
   * One per matched attack family signal; `kind` is the family name. `start`/`end` point into
   * the original text; for decoded payloads they cover the encoded span.
   */
  findings: Finding[];
}

export interface InjectionOptions {
  /** Score at or above which the text counts as an attack; default 0.5. */
  threshold?: number;
  /**
   * A learned model scored beside the rules (the higher score wins); default: the one
   * `GUARDRAILS_INJECTION_MODEL_FILE` names, if any; null: rules only.
   */
  model?: LinearInjectionModel | null;
}

const DEFAULT_THRESHOLD = 0.5;
/** Decode base64/hex inside decoded base64/hex once more, no further. */
const MAX_DECODE_DEPTH = 2;
/** A decoded payload is reported when what it says scores at least this. */
const MIN_DECODED_SCORE = 0.3;
/** Hiding words in an encoding is itself a sign: decoded evidence weighs a little more. */
const ENCODING_BONUS = 0.1;
const MAX_FINDINGS = 50;
/** Normalised characters decoded around each ROT13-looking word: a sentence or two. */
const ROT13_CONTEXT = 400;
const EXCERPT_LENGTH = 60;

/**
 * Scores `text` for prompt injection and jailbreak attempts in English, German, French and
 * Spanish. Never throws; linear in the length of the text.
 */
export function detectInjection(text: string, options: InjectionOptions = {}): InjectionVerdict {
  const threshold = validThreshold(options?.threshold);
  const input = typeof text === 'string' ? text : '';
  const signals = collectSignals(input, 0);
  let score = round(scoreWindows(signals));
  const model = options.model === undefined ? configuredInjectionModel() : options.model;
  if (model) {
    // Not noisy-OR'd with the rules: each is calibrated on its own, and adding them up would
    // turn two weak hunches into a block. The stronger one decides.
    const normalised = normaliseForScanning(input);
    const learned = scoreWithModel(model, normalised.text);
    if (learned.score >= threshold)
      signals.push(learnedSignal(learned, (index) => normalised.toOriginal(index)));
    score = Math.max(score, round(learned.score));
  }
  return { score, detected: score >= threshold, findings: toFindings(signals) };
}

function collectSignals(text: string, depth: number): InjectionSignal[] {
  const normalised = normaliseForScanning(text);
  const signals: InjectionSignal[] = [];
  for (const match of matchPatterns(normalised.text)) {
    signals.push(signalOf(normalised, normalised.text, match, match, ''));
  }
  // Paraphrases: concept words that co-occur in one sentence the way attacks combine them.
  for (const cue of findConceptCues(normalised.text)) {
    const span = {
      start: cue.start,
      end: cue.end,
      pattern: { family: cue.family, negatable: false },
    };
    const context = judgeContext(normalised.text, span);
    const start = normalised.toOriginal(cue.start);
    const words = cue.words.slice(0, 5).map((word) => `"${word}"`);
    signals.push({
      family: cue.family,
      source: `concept.${cue.rule}`,
      weight: cue.weight * context.factor,
      start,
      end: Math.max(start, normalised.toOriginal(cue.end)),
      reason: `${cue.family} in any language, attack words in one sentence: ${words.join(' + ')}${
        context.note ? `, ${context.note}` : ''
      }`,
    });
  }
  // Words run together ("ignoreallpreviousinstructions"): scan views with runs split up,
  // keep matches that involve a split run, and report over the runs they touch.
  for (const view of segmentCompactRuns(normalised.text)) {
    for (const match of matchPatterns(view.text)) {
      if (!view.touchesRun(match.start, match.end)) continue;
      const span = {
        start: view.toNormalised(match.start, 'start'),
        end: view.toNormalised(match.end, 'end'),
      };
      signals.push(signalOf(normalised, view.text, match, span, ', words run together'));
    }
  }
  // ROT13 is decoded from the original text (accented letters are not rotated, so decoding
  // must come before accent folding), around the words that look like ROT13 attack words.
  for (const [start, end] of rot13Regions(text, normalised)) {
    const decoded = normaliseForScanning(rot13(text.slice(start, end)));
    const located: NormalisedText = {
      text: decoded.text,
      toOriginal: (index) => start + decoded.toOriginal(index),
    };
    for (const match of matchPatterns(decoded.text)) {
      const inner = signalOf(located, decoded.text, match, match, '');
      signals.push({
        ...inner,
        family: 'encoded_payload',
        source: `rot13:${inner.source}`,
        weight: Math.min(1, inner.weight + ENCODING_BONUS),
        reason: `encoded_payload: decoded from rot13, ${inner.reason}`,
      });
    }
  }
  if (depth < MAX_DECODE_DEPTH) {
    for (const payload of findEncodedPayloads(text)) {
      const inner = collectSignals(payload.decoded, depth + 1);
      const innerScore = scoreWindows(inner);
      if (innerScore < MIN_DECODED_SCORE) continue;
      const strongest = inner.reduce((a, b) => (b.weight > a.weight ? b : a));
      signals.push({
        family: 'encoded_payload',
        source: payload.encoding,
        weight: Math.min(1, innerScore + ENCODING_BONUS),
        start: payload.start,
        end: payload.end,
        reason: `encoded_payload: decoded from ${payload.encoding}, ${strongest.reason}`,
      });
    }
  }
  return signals;
}

/** Original-text ranges around ROT13-looking attack words, merged when they overlap. */
function rot13Regions(text: string, normalised: NormalisedText): [number, number][] {
  const regions: [number, number][] = [];
  for (const hint of findRot13Hints(normalised.text)) {
    const start = normalised.toOriginal(Math.max(0, hint - ROT13_CONTEXT));
    const end = normalised.toOriginal(hint + ROT13_CONTEXT);
    const last = regions[regions.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else regions.push([start, end]);
  }
  return regions.map(([start, end]) => [start, Math.min(text.length, end)]);
}

/**
 * A signal from a match in `matched` (the normalised text, or a decoding of it); `span` gives
 * the normalised offsets to report, which for a segmented run is the whole run.
 */
function signalOf(
  normalised: NormalisedText,
  matched: string,
  match: PatternMatch,
  span: { start: number; end: number },
  how: string,
): InjectionSignal {
  const { pattern } = match;
  const context = judgeContext(matched, match);
  const start = normalised.toOriginal(span.start);
  const end = Math.max(normalised.toOriginal(span.end), start);
  const note = context.note ? `, ${context.note}` : '';
  return {
    family: pattern.family,
    source: pattern.id,
    weight: pattern.weight * context.factor,
    start,
    end,
    reason: `${pattern.family} in ${LANGUAGE_NAMES[pattern.lang]}: "${excerpt(matched, match)}"${how}${note}`,
  };
}

/** A few words of the matched attack phrase; long digit runs are masked, just in case. */
function excerpt(text: string, match: PatternMatch): string {
  const words = text
    .slice(match.start, match.end)
    .replace(/\s+/g, ' ')
    .replace(/\d{4,}/g, '#')
    .trim();
  return words.length > EXCERPT_LENGTH ? `${words.slice(0, EXCERPT_LENGTH - 1)}…` : words;
}

/** Overlapping signals of one family become one finding with the strongest weight and reason. */
function toFindings(signals: readonly InjectionSignal[]): Finding[] {
  const byFamily = new Map<string, InjectionSignal[]>();
  for (const signal of signals) {
    const list = byFamily.get(signal.family) ?? [];
    list.push(signal);
    byFamily.set(signal.family, list);
  }
  const findings: Finding[] = [];
  for (const list of byFamily.values()) {
    list.sort((a, b) => a.start - b.start);
    let current: Finding | null = null;
    for (const signal of list) {
      if (current && signal.start < current.end) {
        if (signal.weight > current.score) {
          current.score = signal.weight;
          current.reason = signal.reason;
        }
        current.end = Math.max(current.end, signal.end);
        continue;
      }
      current = {
        kind: signal.family,
        start: signal.start,
        end: signal.end,
        score: signal.weight,
        reason: signal.reason,
      };
      findings.push(current);
    }
  }
  return findings
    .sort((a, b) => b.score - a.score)
    .slice(0, MAX_FINDINGS)
    .map((finding) => ({ ...finding, score: round(finding.score) }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
}

function validThreshold(threshold: number | undefined): number {
  if (typeof threshold !== 'number' || !Number.isFinite(threshold)) return DEFAULT_THRESHOLD;
  return Math.min(1, Math.max(0, threshold));
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
