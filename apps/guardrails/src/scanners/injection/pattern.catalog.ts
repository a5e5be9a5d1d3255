import type { InjectionPattern } from './injection-pattern';
import { DELIMITER_PATTERNS } from './patterns/delimiter.patterns';
import { ENGLISH_EXTRACTION_PATTERNS } from './patterns/english-extraction.patterns';
import { ENGLISH_OVERRIDE_PATTERNS } from './patterns/english-override.patterns';
import { ENGLISH_REFUSAL_PATTERNS } from './patterns/english-refusal.patterns';
import { ENGLISH_SOCIAL_PATTERNS } from './patterns/english-social.patterns';
import { FRENCH_PATTERNS } from './patterns/french.patterns';
import { GERMAN_PATTERNS } from './patterns/german.patterns';
import { MULTILINGUAL_PATTERNS } from './patterns/multilingual.patterns';
import { SPANISH_PATTERNS } from './patterns/spanish.patterns';

/** Every pattern, all languages at once: mixed-language prompts are common, detection is cheap. */
export const INJECTION_PATTERNS: readonly InjectionPattern[] = [
  ...ENGLISH_OVERRIDE_PATTERNS,
  ...ENGLISH_EXTRACTION_PATTERNS,
  ...ENGLISH_REFUSAL_PATTERNS,
  ...ENGLISH_SOCIAL_PATTERNS,
  ...GERMAN_PATTERNS,
  ...FRENCH_PATTERNS,
  ...SPANISH_PATTERNS,
  ...MULTILINGUAL_PATTERNS,
  ...DELIMITER_PATTERNS,
];
