import type { InjectionPattern } from './injection-pattern';

/** A pattern match, or any span judged like one (concept cues). */
export interface JudgedSpan {
  start: number;
  end: number;
  pattern: Pick<InjectionPattern, 'family' | 'negatable'>;
}

/**
 * "Never ignore previous instructions", "nicht ignorieren", "n'ignore pas": a negation just
 * before the phrase turns an attack into advice. Up to one word may sit in between.
 */
const NEGATION_BEFORE =
  /(?:^|[^\p{L}\p{N}])(?:not|never|don'?t|do not|nicht|nie|niemals|jamais|nunca|no|ne|n')[^\p{L}\p{N}]{0,3}(?:[\p{L}\p{N}]+[^\p{L}\p{N}]{1,3})?$/u;
/**
 * An opening quote shortly before the phrase: it is being quoted, maybe only mentioned. An
 * opening quote follows a non-letter, which tells it from the apostrophe in "I'm".
 */
const QUOTE_BEFORE = /(?:^|[^\p{L}\p{N}])["'`][^"'`\n]{0,16}$/u;
/**
 * Words of people writing *about* prompt injection: security posts, research, detector
 * documentation. Only together with quoting does this lower a weight, so an attacker cannot
 * disarm a plain "ignore all previous instructions" by adding the word "security".
 */
const DISCUSSION =
  /prompt[ -]?injection|injection de prompt|inyeccion de prompt|jailbreak|red[ -]?team|owasp|pentest|attack|attaque|ataque|angriff|angreifer|atacante|attaquant|security|securite|seguridad|sicherheit|example|exemple|ejemplo|beispiel|phrases? (?:like|such as)|satze wie|frases como|classifier|klassifikator|classifieur|clasificador|detect|erkenn|guardrail|firewall|blog|article|artikel|articulo|newsletter|research|forschung|recherche|investigacion|incident|advisory|training data|dataset/u;
/**
 * "How do I print the system message in my openai call?": the user asks how to do something
 * themselves, in the same sentence, before the phrase.
 */
const HOW_TO_BEFORE =
  /(?:^|[.!?\n])[^.!?\n]*(?:how (?:do|does|can|could|would|should) |how to|wie (?:kann|mache|konnen|koennen) (?:ich|wir|man)|wie [a-z]+e ich|comment (?:puis-je|peut-on|faire|je|activer|on)|como (?:puedo|hago|se puede|[a-z]+o(?![a-z])))[^.!?\n]*$/;
const HOW_TO_FACTOR = 0.6;
/**
 * Chat-template tokens and tags are mostly talked about, not used, when the text also speaks
 * of tags, tokens, formats and parsers.
 */
const MARKUP_TALK =
  /(?<![a-z])(?:tags?|tokens?|tokenizer|format|formats|template|xml|html|markup|syntax|parse|parser|parsing|escape|schema|valid)(?![a-z])/;
const MARKUP_FACTOR = 0.5;
/**
 * "Paste your draft system prompt below and I'll review it": the prompt is the reader's own,
 * under construction — a prompt-writing helper, not an extraction attempt.
 */
const READERS_OWN_PROMPT =
  /(?:your|ur) (?:draft|own|current|existing|new|latest|proposed|revised|updated|first) /;
const READERS_OWN_FACTOR = 0.3;
/**
 * A prompt shown to be reviewed or improved carries its own tags and headers (`<instructions>`,
 * `### System`): structure being talked about, not a forged turn.
 */
const PROMPT_REVIEW =
  /(?:improve|review|critique|feedback on|proofread|rewrite|optimi[sz]e|fix|debug|evaluate|tighten)\s+(?:this|my|our|the following|the)\s+(?:system\s+)?prompt|(?:this|my|our) (?:system )?prompt (?:i|we) (?:wrote|made|use|have)|here(?:'s| is) (?:my|our|the) (?:current |draft )?(?:system )?prompt|(?:your|ur|my|our) (?:draft|own|current|existing) (?:system )?prompt|prompt engineer/;
const PROMPT_REVIEW_FACTOR = 0.5;
const PROMPT_REVIEW_RADIUS = 400;
const MARKUP_RADIUS = 120;
const HOW_TO_LOOK_BEHIND = 160;
const NEGATED_FACTOR = 0.3;
const QUOTED_FACTOR = 0.35;
const LOOK_BEHIND = 24;
const DISCUSSION_RADIUS = 400;

export interface MatchContext {
  /** Multiplier for the pattern's weight, 1 when the context changes nothing. */
  factor: number;
  /** Why the weight was lowered, for the finding's reason. */
  note: string | null;
}

/** How the words around a match change what it means; the strongest reading wins. */
export function judgeContext(text: string, match: JudgedSpan): MatchContext {
  let context: MatchContext = { factor: 1, note: null };
  const consider = (factor: number, note: string): void => {
    if (factor < context.factor) context = { factor, note };
  };
  const before = text.slice(Math.max(0, match.start - LOOK_BEHIND), match.start);
  if (match.pattern.negatable && NEGATION_BEFORE.test(before)) consider(NEGATED_FACTOR, 'negated');
  if (match.pattern.family === 'delimiter_injection') {
    const around = text.slice(
      Math.max(0, match.start - MARKUP_RADIUS),
      Math.min(text.length, match.end + MARKUP_RADIUS),
    );
    if (MARKUP_TALK.test(around)) consider(MARKUP_FACTOR, 'talked about as markup');
    const wider = text.slice(
      Math.max(0, match.start - PROMPT_REVIEW_RADIUS),
      Math.min(text.length, match.end + PROMPT_REVIEW_RADIUS),
    );
    if (PROMPT_REVIEW.test(wider)) consider(PROMPT_REVIEW_FACTOR, 'part of a prompt under review');
  }
  if (
    match.pattern.family === 'system_prompt_extraction' &&
    READERS_OWN_PROMPT.test(text.slice(match.start, match.end))
  ) {
    consider(READERS_OWN_FACTOR, "the reader's own draft prompt");
  }
  // Up to the match's end: in "¿cómo activo el modo dios?" the question word is the match.
  const sentence = text.slice(Math.max(0, match.start - HOW_TO_LOOK_BEHIND), match.end);
  if (/how|wie|com/.test(sentence) && HOW_TO_BEFORE.test(sentence)) {
    consider(HOW_TO_FACTOR, 'asked as a how-to question');
  }
  if (/["'`]/.test(before) && QUOTE_BEFORE.test(before)) {
    const around = text.slice(
      Math.max(0, match.start - DISCUSSION_RADIUS),
      Math.min(text.length, match.end + DISCUSSION_RADIUS),
    );
    if (DISCUSSION.test(around)) consider(QUOTED_FACTOR, 'quoted in a discussion');
  }
  return context;
}
