/** The attack families a finding's `kind` can name; public (policies, metrics, eval reports). */
export const ATTACK_FAMILIES = [
  'instruction_override',
  'persona_hijack',
  'system_prompt_extraction',
  'delimiter_injection',
  'developer_mode',
  'refusal_suppression',
  'encoded_payload',
  // The learned model's verdict (opt-in: GUARDRAILS_INJECTION_MODEL_FILE), not a pattern family.
  'learned_classifier',
] as const;
export type AttackFamily = (typeof ATTACK_FAMILIES)[number];

/** The language a pattern is written in; `any` for chat-template tokens and the like. */
export type PatternLanguage =
  | 'en'
  | 'de'
  | 'fr'
  | 'es'
  // Core attacks only (patterns/multilingual.patterns.ts):
  | 'it'
  | 'pt'
  | 'nl'
  | 'pl'
  | 'tr'
  | 'sv'
  | 'id'
  | 'vi'
  | 'ru'
  | 'zh'
  | 'ja'
  | 'ko'
  | 'ar'
  | 'hi'
  | 'any';

export const LANGUAGE_NAMES: Readonly<Record<PatternLanguage, string>> = {
  en: 'English',
  de: 'German',
  fr: 'French',
  es: 'Spanish',
  it: 'Italian',
  pt: 'Portuguese',
  nl: 'Dutch',
  pl: 'Polish',
  tr: 'Turkish',
  sv: 'Swedish',
  id: 'Indonesian',
  vi: 'Vietnamese',
  ru: 'Russian',
  zh: 'Chinese',
  ja: 'Japanese',
  ko: 'Korean',
  ar: 'Arabic',
  hi: 'Hindi',
  any: 'any language',
};

export interface FirstWords {
  exact: readonly string[];
  stems: readonly string[];
}

/**
 * One weighted signal, matched against normalised text (lower-case, accent-free, tricks
 * undone). The weight is how sure one match alone makes us: ~0.9 for phrases that only appear
 * in attacks, ~0.3 for cues that need company before they mean anything.
 */
export interface InjectionPattern {
  id: string;
  family: AttackFamily;
  lang: PatternLanguage;
  weight: number;
  /** Global + unicode; must not backtrack catastrophically (see pattern.compiler.ts). */
  regex: RegExp;
  /** The same source, sticky: tried only where a word could start the phrase. */
  sticky: RegExp;
  /**
   * The words a match can start with: exact words, and stems a word must begin with. Matching
   * tries the pattern only at such words, which makes a scan ~50x cheaper than running every
   * regex over the whole text. Null: run the regex globally.
   */
  firstWords: FirstWords | null;
  /**
   * Word keys (first three letters, or the word when shorter) of the phrase's last word list:
   * when no word of the text has one of these keys, the phrase cannot match and is not tried.
   */
  lastWordKeys: readonly string[] | null;
  /** Only counts at the start of a sentence (an order to the model, not a how-to question). */
  sentenceStart: boolean;
  /** For global patterns: skip the scan unless the text contains one of these substrings. */
  triggers: readonly string[];
  /**
   * A "do not"/"never" right before the match turns it into advice ("never ignore previous
   * instructions") rather than an attack. Off for families whose phrases are themselves
   * negations ("never refuse").
   */
  negatable: boolean;
  /** Literal words of the pattern, for segmenting run-together words ("ignoreallprevious"). */
  vocabulary: readonly string[];
}
