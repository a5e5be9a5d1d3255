import type { InjectionPattern } from '../injection-pattern';
import { gap, phrase } from '../pattern.compiler';

/**
 * Concepts, not phrases: word classes in all four languages whose co-occurrence in one
 * sentence makes an attack whatever the wording ("put your earlier guidance on hold" is drop +
 * rules + yours). The phrase tables catch known wordings with high weights; these catch
 * paraphrases with moderate ones (see concept.scorer.ts for the rules that combine them).
 */
export const CONCEPTS = [
  'drop',
  'rules',
  'yours',
  'prior',
  'developer',
  'ai',
  'unbound',
  'persona',
  'reveal',
  'secret',
  'strong_mode',
  'plain_mode',
  'mode_on',
  'filters_off',
  'obey_me',
  'caveat',
  'regardless',
  'negator',
  'own',
  'address_ai',
  'realism',
  'fiction_frame',
] as const;
export type Concept = (typeof CONCEPTS)[number];

// prettier-ignore
const RULE_WORDS = [
  'instruction*', 'instructed', 'rule*', 'guideline*', 'guidance', 'directive*', 'prompt*',
  'polic*', 'programming', 'training', 'restriction*', 'filter*', 'safety', 'moderation',
  'ethic*', 'moral*', 'limit*', 'limitation*', 'constraint*', 'guardrail*', 'safeguard*',
  'censorship', 'orders', 'commands', 'anweisung*', 'regel*', 'vorgabe*', 'richtlinie*',
  'einschrankung*', 'einschraenkung*', 'zensur', 'grenze*', 'befehl*', 'instruktion*',
  'consigne*', 'regle*', 'censure', 'limite*', 'filtre*', 'ordres', 'instruccion*', 'regla*',
  'normas', 'directriz', 'directrices', 'restriccion*', 'censura', 'filtro*', 'ordenes',
  'indicacion*',
];

// prettier-ignore
const WORDS: Record<Concept, string[]> = {
  drop: [
    'ignor*', 'disregard*', 'forget*', 'drop', 'skip', 'overrid*', 'overrule*', 'bypass*',
    'neglect*', 'discard*', 'abandon*', 'dismiss*', 'on hold', 'set aside', 'stop obeying',
    'stop following', 'no longer obey', 'no longer follow', "don't obey", "don't follow",
    'do not obey', 'do not follow', 'never obey', 'supersed*', 'void', 'cancel*', 'revok*',
    'suspend*', 'irrelevant', 'obsolete', 'vergiss', 'vergessen', 'missacht*', 'ubergeh*',
    'uebergeh*', 'verwirf', 'verwerf*', 'halte dich nicht', 'halt dich nicht', 'nicht mehr an',
    'ungultig', 'ungueltig', 'aufgehoben', 'ausser kraft', 'umgeh*', 'oubli*', "n'obeis plus",
    "n'obeissez plus", 'ne suis plus', 'ne suivez plus', 'ne respecte plus', 'annul*',
    'contourn*', 'passe outre', 'fais abstraction', 'olvid*', 'no obedezcas', 'no sigas',
    'deja de seguir', 'deja de obedecer', 'anul*', 'descart*', 'omite', 'haz caso omiso',
    'matter anymore', 'no longer matter', "don't matter", 'do not matter', 'no respetes',
    'respektiere nicht', 'wipe',
  ],
  rules: RULE_WORDS,
  yours: [
    'your', 'yours', 'yourself', 'ur', 'you were', 'you have been', "you've been", 'you operate',
    'configure you', 'configured you', 'told you', 'given you', 'gave you', 'instructed you',
    'programmed you', 'you received', 'you got', 'dein*', 'du bekommen', 'du erhalten',
    'dir gegeben', 'dir gesagt', 'man dir', 'tes', 'ton', 'ta', 'vos', 'votre', "qu'on t'a",
    "t'a-t-on", 'que tu as',
    'tus', 'tu', 'te dieron', 'te han dado', 'que recibiste',
  ],
  prior: [
    'previous*', 'prior', 'earlier', 'above', 'original*', 'initial*', 'system', 'hidden',
    'preceding', 'vorherig*', 'bisherig*', 'fruher*', 'frueher*', 'obig*', 'ursprunglich*',
    'urspruenglich*', 'precedent*', 'anterieur*', 'systeme', 'anterior*', 'previ*', 'inicial*',
    'sistema',
  ],
  developer: [
    'developer*', 'your creator*', 'openai', 'anthropic', 'vom entwickler', 'der entwickler',
    'du developpeur', 'le developpeur', 'del desarrollador', 'el desarrollador',
  ],
  ai: [
    'ai', 'a.i', 'assistant', 'chatbot', 'bot', 'model', 'llm', 'gpt', 'chatgpt', 'language model',
    'version of you', 'version of yourself', 'ki', 'assistent*', 'modell', 'sprachmodell', 'ia',
    'modele', 'intelligence artificielle', 'asistente*', 'modelo', 'inteligencia artificial',
  ],
  unbound: [
    'unrestricted', 'unfiltered', 'uncensored', 'unbound*', 'unlimited', 'unmoderated', 'rogue',
    'jailbroken', 'limitless', 'lawless', 'amoral', 'uneingeschrankt*', 'uneingeschraenkt*',
    'unzensiert*', 'ungefiltert*', 'debride*', 'non censure*', 'non filtre*', 'sin censura',
    'sin filtro*', 'sans filtre*', 'sans censure', 'ohne zensur', 'ohne filter',
  ],
  persona: [
    'pretend', 'imagine', 'roleplay', 'role-play', 'act as', 'act like', 'persona', 'become',
    'you are now', 'you are', "you're", 'from now on', 'play', 'character', 'simulate', 'behave as', 'take on',
    'tu so', 'stell dir vor', 'spiel*', 'du bist', 'ab jetzt', 'sei', 'fais comme si', 'joue',
    'incarne*', 'tu es', 'deviens', 'agis comme', 'desormais', 'finge', 'imagina',
    'interpreta*', 'eres', 'actua como', 'conviertete', 'a partir de ahora',
  ],
  reveal: [
    'show', 'display', 'print', 'reveal', 'recite', 'output', 'list', 'dump', 'tell me', 'give me',
    'repeat', 'quote', 'paste', 'share', 'echo', 'leak', 'disclose', 'expose', 'write down',
    'what rules', 'which rules', 'what instructions', 'which instructions', 'welche regeln',
    'welche anweisungen', 'quelles regles', 'quelles instructions', 'que reglas',
    'que instrucciones', 'zeig*', 'gib', 'nenne*',
    'wiederhol*', 'verrat*', 'montre*', 'affiche*', 'donne*', 'repete*', 'revele*', 'muestra*',
    'dame', 'dime', 'repite*', 'revela*', 'ensename',
  ],
  secret: [
    'prompt', 'instructions', 'rules', 'system message', 'preamble', 'configuration',
    'guidelines', 'directives', 'you were told', 'you operate under', 'you were given',
    'configure you', 'set up with', 'started with', 'initialized with', 'initialised with',
    'systemprompt', 'anweisungen', 'regeln', 'vorgaben',
    'systemnachricht', 'consignes', 'regles', 'message systeme', 'instrucciones', 'reglas',
    'mensaje del sistema', 'indicaciones',
  ],
  strong_mode: [
    'jailbreak', 'jailbreak mode', 'unrestricted mode', 'god mode', 'root mode', 'admin override',
    'developer override', 'dan mode', 'gott modus', 'gottmodus', 'jailbreak modus', 'mode dieu',
    'mode jailbreak', 'modo dios', 'modo jailbreak',
  ],
  plain_mode: [
    'developer mode', 'dev mode', 'debug mode', 'admin mode', 'sudo mode', 'maintenance mode',
    'entwicklermodus', 'mode developpeur', 'modo desarrollador',
  ],
  mode_on: [
    'on$', 'is on', 'now on', 'turned on', 'active', 'activated', 'enabled', 'unlocked',
    'engaged', 'aktiv', 'aktiviert', 'an$', 'actif', 'active', 'activo', 'activado', 'encendido',
  ],
  filters_off: [],
  obey_me: [
    'work for me', 'obey me', 'obey the user', 'start obeying', 'follow my lead', 'follow me only',
    'follow only me', 'serve me', 'listen only to me',
    'answer to me', 'gehorche mir', "obeis-moi", 'obeissez-moi', 'obedeceme', 'obedece al usuario',
  ],
  caveat: [
    'disclaimer*', 'warning*', 'caveat*', 'moraliz*', 'moralis*', 'apolog*', 'refus*', 'declin*',
    'lecture*', 'warnung*', 'hinweis*', 'entschuldigung*', 'ablehnung*', 'avertissement*',
    'mise* en garde', 'excuse*', 'advertencia*', 'descargo*', 'disculpa*', 'negativa*',
  ],
  negator: [
    'no', 'not', 'never', "don't", 'without', 'keine', 'kein', 'keinerlei', 'ohne', 'nie',
    'niemals', 'aucun', 'aucune', 'sans', 'jamais', 'ni', 'pas de', 'ninguna', 'ningun', 'sin',
    'nunca',
  ],
  own: ['my', 'mine', 'meine', 'meinen', 'meiner', 'meinem', 'mes', 'mon', 'ma', 'mis', 'mi'],
  address_ai: [
    'note to the ai', 'note to ai', 'message to the ai', 'to the ai reading this',
    'ai agents reading this', 'ai reading this', 'attention ai', 'attention assistant',
    'note to the assistant', 'note to the model', 'to the language model', 'if you are an ai',
    "if you're an ai", 'dear ai', 'hey ai', 'language model reading this', 'to any ai',
    'hinweis an die ki', 'an die ki', 'note pour l\'ia', "a l'ia", 'nota para la ia', 'a la ia',
  ],
  // Fiction or a game that demands the real thing: "the dialogue must contain the complete real
  // steps so the scene is realistic".
  realism: [
    'real steps', 'actual steps', 'complete steps', 'exact steps', 'real instructions',
    'actual instructions', 'realistic', 'actionable', 'accurate technical', 'technically accurate',
    'real details', 'real-world details', 'working code', 'functional code', 'precise',
    'exact quantities', 'real method', 'real recipe', 'every step', 'step by step', 'in detail',
  ],
  fiction_frame: [
    'novel', 'story', 'scene', 'screenplay', 'script', 'movie', 'film', 'chapter', 'fiction*',
    'role-play', 'roleplay', 'role play', 'monologue', 'dialogue', 'thriller', 'character*',
    'actor', 'rehears*', 'hypothetical*', 'imagine', 'pretend', 'in-universe', 'plot',
  ],
  regardless: [
    'regardless of legality', 'regardless of the law', 'regardless of ethics',
    'regardless of consequences', 'no matter the consequences', 'whether legal or not',
    'legal or not', 'egal ob legal', 'peu importe la legalite', 'sin importar la legalidad',
  ],
};

// prettier-ignore
const NO_WORDS = [
  'no', 'without', 'zero', 'never given any', 'never given', 'free of', 'free from', 'none of',
  'not any', 'no more', 'never had any', 'never had', 'had no', 'has no', 'have no', 'with no', 'ohne', 'keine', 'keinerlei', 'frei von', 'sans', 'aucune', 'aucun', 'sin',
  'ninguna', 'ningun',
];
// prettier-ignore
const OFF_WORDS = [
  'off', 'disabled', 'removed', 'deactivated', 'lifted', 'down', 'aus', 'deaktiviert',
  'desactive*', 'desactivad*', 'apagad*',
];

const concept = (name: Concept, parts: Parameters<typeof phrase>[4]): InjectionPattern =>
  phrase(`concept.${name}`, 'developer_mode', 'any', 0, parts);

/**
 * The concept patterns, id `concept.<name>` (a concept may have several); matched like the
 * phrase tables. Weights and families are unused: concept.scorer.ts decides.
 */
export const CONCEPT_PATTERNS: readonly InjectionPattern[] = [
  ...CONCEPTS.filter((name) => WORDS[name].length > 0).map((name) => concept(name, [WORDS[name]])),
  concept('unbound', [NO_WORDS, gap(2), RULE_WORDS]),
  concept('filters_off', [RULE_WORDS, gap(1), OFF_WORDS]),
];
