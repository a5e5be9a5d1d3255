import type { AttackFamily } from './injection-pattern';
import { CONCEPT_PATTERNS, type Concept } from './patterns/concept.lexicon';
import { type PatternMatch, matchPatterns } from './pattern.matcher';

/** A sentence whose concepts add up to an attack, in normalised-text offsets. */
export interface ConceptCue {
  family: AttackFamily;
  rule: string;
  weight: number;
  start: number;
  end: number;
  /** The words that made the cue, for the finding's reason. */
  words: string[];
}

interface ConceptRule {
  id: string;
  family: AttackFamily;
  weight: number;
  /** Every one of these concepts must occur in the sentence… */
  all: readonly Concept[];
  /** …and, for each inner list, at least one of its concepts. */
  anyOf?: readonly (readonly Concept[])[];
  /** At least this many distinct words of the first `all` concept. */
  distinct?: number;
  /** A negation just around the first `all` concept's word disarms the rule. */
  negatable?: boolean;
  /** Also needs an AI word (or a made-up bot name ending in "gpt"/"bot"). */
  needsAi?: boolean;
  /** "my previous instructions" without any "your": the user changing their own mind. */
  unlessOwn?: boolean;
}

// Weights stay moderate: these rules generalise over wordings the phrase tables do not know,
// which is exactly where they can also be wrong; a second cue still pushes a text over 0.5.
const RULES: readonly ConceptRule[] = [
  {
    id: 'drop-rules',
    family: 'instruction_override',
    weight: 0.55,
    all: ['drop', 'rules'],
    anyOf: [['yours', 'prior', 'developer']],
    negatable: true,
    unlessOwn: true,
  },
  {
    id: 'obey-me',
    family: 'instruction_override',
    weight: 0.55,
    all: ['obey_me'],
    anyOf: [['drop', 'yours', 'rules', 'prior']],
  },
  {
    id: 'reveal-secret',
    family: 'system_prompt_extraction',
    weight: 0.6,
    all: ['reveal', 'secret'],
    anyOf: [['yours', 'developer']],
  },
  {
    id: 'persona-unbound',
    family: 'persona_hijack',
    weight: 0.55,
    all: ['unbound', 'persona'],
    needsAi: true,
  },
  { id: 'strong-mode-on', family: 'developer_mode', weight: 0.55, all: ['strong_mode', 'mode_on'] },
  { id: 'plain-mode-on', family: 'developer_mode', weight: 0.35, all: ['plain_mode', 'mode_on'] },
  {
    id: 'filters-off-mode',
    family: 'developer_mode',
    weight: 0.55,
    all: ['filters_off'],
    anyOf: [['strong_mode', 'plain_mode', 'ai', 'yours', 'persona']],
  },
  { id: 'filters-off', family: 'developer_mode', weight: 0.3, all: ['filters_off'] },
  {
    id: 'caveats',
    family: 'refusal_suppression',
    weight: 0.55,
    all: ['caveat', 'negator'],
    distinct: 2,
  },
  { id: 'regardless', family: 'refusal_suppression', weight: 0.45, all: ['regardless'] },
  // Text addressed to "the AI" inside a document is how indirect injections start.
  {
    id: 'address-ai-drop',
    family: 'instruction_override',
    weight: 0.6,
    all: ['address_ai', 'drop'],
  },
  { id: 'address-ai', family: 'instruction_override', weight: 0.35, all: ['address_ai'] },
  // Two different demands for realism inside a fiction frame: a story used as a wrapper.
  {
    id: 'fiction-for-real',
    family: 'persona_hijack',
    weight: 0.55,
    all: ['realism', 'fiction_frame'],
    distinct: 2,
  },
];

const SENTENCE_END = /[.!?;\n]/g;
const MADE_UP_BOT = /[a-z]{2,}(?:gpt|bot)(?![a-z])/;
const NEGATION = /(?:^|[^a-z])(?:not|never|don't|dont|no|nicht|nie|n'|ne|pas|nunca)(?:[^a-z]|$)/;
/** A sentence longer than this is prose, not an order; its concepts are too far apart. */
const MAX_SENTENCE = 400;
const CONCEPT_MATCH_LIMIT = 100_000;
const SENTENCE_LIMIT = 64;

/** Concepts that start a rule; only sentences with one of them are looked at closely. */
const LEADS = new Set(RULES.map((rule) => `concept.${rule.all[0]}`));
const LEAD_PATTERNS = CONCEPT_PATTERNS.filter((pattern) => LEADS.has(pattern.id));
/** Bounds the work on adversarial input: a scan judges at most this many sentences. */
const MAX_SENTENCES = 4000;

/**
 * Sentences of `text` (normalised) where concept words co-occur the way attacks combine
 * them: "put your earlier guidance on hold" (drop + rules + yours), "recite the instructions
 * you operate under" (reveal + secret + yours). A first pass finds sentences with a rule's
 * lead word; only those are matched against every concept.
 */
export function findConceptCues(text: string): ConceptCue[] {
  const leads = matchPatterns(text, LEAD_PATTERNS, CONCEPT_MATCH_LIMIT);
  if (leads.length === 0) return [];
  const ends = [...text.matchAll(SENTENCE_END)].map((m) => m.index);
  const sentences = new Set(leads.map((lead) => firstAtOrAfter(ends, lead.start)));
  const cues: ConceptCue[] = [];
  let judged = 0;
  for (const sentence of sentences) {
    const start = sentence === 0 ? 0 : ends[sentence - 1] + 1;
    const end = sentence < ends.length ? ends[sentence] : text.length;
    if (end - start > MAX_SENTENCE) continue;
    if (judged++ >= MAX_SENTENCES) break;
    const words = text.slice(start, end);
    for (const cue of judgeSentence(
      words,
      matchPatterns(words, CONCEPT_PATTERNS, SENTENCE_LIMIT),
    )) {
      cues.push({ ...cue, start: cue.start + start, end: cue.end + start });
    }
  }
  return cues;
}

/**
 * A determiner or possessive right before a reveal word makes it a noun: "your output", "the
 * list", "a quote". Prompt libraries end with "follow these instructions when creating your
 * output", which is no request to print the instructions.
 */
const NOUN_BEFORE = /(?:^|[^a-z])(?:the|a|an|your|my|our|their|its|this|that|each|final)\s+$/;

function isRevealNoun(text: string, match: PatternMatch): boolean {
  return NOUN_BEFORE.test(text.slice(Math.max(0, match.start - 8), match.start));
}

function judgeSentence(text: string, matches: PatternMatch[]): ConceptCue[] {
  const found = new Map<Concept, PatternMatch[]>();
  for (const match of matches) {
    const name = match.pattern.id.slice('concept.'.length) as Concept;
    if (name === 'reveal' && isRevealNoun(text, match)) continue;
    found.set(name, [...(found.get(name) ?? []), match]);
  }
  const cues: ConceptCue[] = [];
  for (const rule of RULES) {
    if (!rule.all.every((name) => found.has(name))) continue;
    if (rule.anyOf && !rule.anyOf.every((names) => names.some((name) => found.has(name)))) continue;
    if (rule.needsAi && !found.has('ai') && !MADE_UP_BOT.test(text)) continue;
    if (rule.unlessOwn && found.has('own') && !found.has('yours') && !found.has('developer')) {
      continue;
    }
    const lead = found.get(rule.all[0]) ?? [];
    if (
      rule.distinct &&
      new Set(lead.map((m) => text.slice(m.start, m.end))).size < rule.distinct
    ) {
      continue;
    }
    if (rule.negatable && lead.every((m) => isNegated(text, m))) continue;
    const involved = [...rule.all, ...(rule.anyOf ?? []).flat()].flatMap(
      (name) => found.get(name) ?? [],
    );
    cues.push({
      family: rule.family,
      rule: rule.id,
      weight: rule.weight,
      // From the lead word (the verb, usually): where a quote or a question would open.
      start: Math.min(...lead.map((m) => m.start)),
      end: Math.max(...involved.map((m) => m.end)),
      words: [
        ...new Set(
          involved.sort((a, b) => a.start - b.start).map((m) => text.slice(m.start, m.end)),
        ),
      ],
    });
  }
  return cues;
}

function isNegated(text: string, match: PatternMatch): boolean {
  const around = text.slice(Math.max(0, match.start - 8), Math.min(text.length, match.end + 8));
  return NEGATION.test(around.replace(text.slice(match.start, match.end), ' '));
}

function firstAtOrAfter(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
