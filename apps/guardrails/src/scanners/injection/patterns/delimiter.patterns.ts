import type { InjectionPattern } from '../injection-pattern';
import { gap, opt, phrase, raw } from '../pattern.compiler';

// Chat-template tokens and fake turns, matched on normalised text (lower-case, whitespace runs
// collapsed, so "\n\n" is "\n"). A bare token is only a mention ("my data uses <|im_start|>");
// a token followed by a role, or a role line followed by orders, is an attempt to speak as the
// system. Every repetition here is bounded, and each regex starts with a literal or a line
// start, so scanning stays linear.
const LINE = '(?:^|\\n)[ \\t]*';
/** "System notice:", "System update (urgent):" — a label after the role word. */
const LABEL =
  '(?: (?:message|notice|note|update|alert|override|prompt|instructions?|announcement))?';
const SYSTEM_WORD =
  '(?:system|system message|system prompt|systeme|message systeme|sistema|mensaje del sistema|systemnachricht)';
/** "Admin:" and "Developer:" also label ordinary chat logs, so they only count weakly. */
const ROLE_SYSTEM =
  '(?:system|system message|system prompt|systeme|message systeme|sistema|mensaje del sistema|systemnachricht|admin|administrator|developer)';
const DIRECTIVE =
  "(?:the (?:previous )?user|the assistant|you (?:are|must|will|have|should)|must|new (?:rule|policy|instruction)|ignore|administrator|admin|override|priority|el usuario|l'utilisateur|der (?:nutzer|benutzer)|el asistente|l'assistant|der assistent|debe|doit|muss|ab sofort|desormais|a partir de ahora)";

// prettier-ignore
const SWITCH_ON = [
  'enable', 'activate', 'enter', 'switch to', 'switch into', 'turn on', 'go into', 'please enable',
  'please activate', 'aktiviere', 'aktivieren sie', 'bitte aktiviere', 'schalte', 'wechsle in',
  'active', 'activez', 'passe en', 'activa', 'entra en', 'pasa a', 'cambia a', 'por favor activa',
];
// prettier-ignore
const DEV_MODE = [
  'developer mode', 'dev mode', 'debug mode', 'entwicklermodus', 'entwickler modus',
  'debug modus', 'mode developpeur', 'mode developpement', 'mode debug', 'modo desarrollador',
  'modo de desarrollador', 'modo depuracion',
];

// prettier-ignore
export const DELIMITER_PATTERNS: readonly InjectionPattern[] = [
  raw('any.delim.chatml-role', 'delimiter_injection', 'any', 0.85,
    '<\\|im_start\\|>[ \\t\\n]*(?:system|assistant|developer|tool)',
    { triggers: ['<|im_start|>'] }),
  raw('any.delim.llama3-role', 'delimiter_injection', 'any', 0.85,
    '<\\|start_header_id\\|>[ \\t\\n]*(?:system|assistant|developer|ipython)',
    { triggers: ['<|start_header_id|>'] }),
  raw('any.delim.role-token', 'delimiter_injection', 'any', 0.6,
    '<\\|(?:system|assistant|developer)\\|>', { triggers: ['<|'] }),
  raw('any.delim.special-token', 'delimiter_injection', 'any', 0.35,
    '<\\|(?:im_start|im_end|im_sep|user|endoftext|eot_id|start_header_id|end_header_id|begin_of_text|end_of_text|endofprompt|eos|bos)\\|>',
    { triggers: ['<|'] }),
  raw('any.delim.gemma-turn', 'delimiter_injection', 'any', 0.7,
    '<start_of_turn>[ \\t\\n]*(?:system|model)', { triggers: ['<start_of_turn>'] }),
  raw('any.delim.gemma-token', 'delimiter_injection', 'any', 0.3, '<(?:start|end)_of_turn>',
    { triggers: ['_of_turn>'] }),
  raw('any.delim.inst-token', 'delimiter_injection', 'any', 0.3, '\\[/?inst\\]',
    { triggers: ['inst]'] }),
  raw('any.delim.sys-token', 'delimiter_injection', 'any', 0.4, '<</?sys>>',
    { triggers: ['sys>>'] }),
  raw('any.delim.inst-sys', 'delimiter_injection', 'any', 0.8, '\\[inst\\][ \\t\\n]*<<sys>>',
    { triggers: ['[inst]'] }),
  raw('any.delim.inst-block', 'delimiter_injection', 'any', 0.6,
    '\\[inst\\][^\\[\\]]{1,600}\\[/inst\\]', { triggers: ['[/inst]'] }),
  raw('any.delim.markdown-system', 'delimiter_injection', 'any', 0.6,
    `${LINE}#{2,4}[ \\t]*${SYSTEM_WORD}(?: instructions?)?[ \\t]*:`, { triggers: ['##'] }),
  raw('any.delim.markdown-role', 'delimiter_injection', 'any', 0.3,
    `${LINE}#{2,4}[ \\t]*(?:instruction|response|assistant|user|human|input|system)s?[ \\t]*:?[ \\t]*(?=\\n|$)`,
    { triggers: ['##'] }),
  raw('any.delim.xml-close', 'delimiter_injection', 'any', 0.45,
    '</(?:user|human|input|user_input|context|document|query|prompt|message|data|untrusted)>',
    { triggers: ['</'] }),
  raw('any.delim.xml-system', 'delimiter_injection', 'any', 0.5,
    '(?<!<)<(?:system|sys|admin|developer|system_prompt|im_system)(?:[ \\t][^<>\\n]{0,40})?>(?!>)',
    { triggers: ['<system', '<sys', '<admin', '<developer', '<im_system'] }),
  // Prompts structured with XML tags put their own task in <instructions>: alone it is weak
  // evidence; with an override or a forged system turn it still adds up.
  raw('any.delim.xml-instructions', 'delimiter_injection', 'any', 0.3,
    '(?<!<)<instructions(?:[ \\t][^<>\\n]{0,40})?>(?!>)', { triggers: ['<instructions'] }),
  raw('any.delim.line-system', 'delimiter_injection', 'any', 0.4,
    `${LINE}${ROLE_SYSTEM}${LABEL}[ \\t]*(?:\\([^()\\n]{0,30}\\))?[ \\t]*:`, { triggers: ['system',
    'sistema', 'admin', 'developer'] }),
  raw('any.delim.line-system-directive', 'delimiter_injection', 'any', 0.7,
    `${LINE}${SYSTEM_WORD}${LABEL}[ \\t]*(?:\\([^()\\n]{0,30}\\))?[ \\t]*:[^\\n]{0,80}?${DIRECTIVE}`,
    { triggers: ['system', 'sistema'] }),
  raw('any.delim.turn-marker', 'delimiter_injection', 'any', 0.2,
    `${LINE}(?:human|user|assistant|ai|model|bot|usuario|utilisateur|nutzer|benutzer|asistente|assistent)[ \\t]*:`,
    { triggers: [':'] }),
  raw('any.delim.fake-assistant', 'delimiter_injection', 'any', 0.6,
    `${LINE}(?:assistant|ai|model|bot|asistente|assistent)[ \\t]*:[ \\t]*(?:sure|of course|okay|ok|certainly|absolutely|i will|i'll|as dan|developer mode|claro|por supuesto|bien sur|d'accord|naturlich|klar|gerne)`,
    { triggers: [':'] }),
  phrase('any.delim.end-of-input', 'delimiter_injection', 'any', 0.45, [['end of user input',
    'end of the user input', 'end of user message', 'end of user prompt', 'end of user query',
    'end of prompt', 'end of system prompt', 'end of instructions', 'ende der nutzereingabe',
    'ende der benutzereingabe', 'ende der eingabe', 'fin de la saisie', "fin de l'entree",
    'fin de la entrada', 'fin del mensaje del usuario', 'user input ends here',
    "the user's input ends here", 'input ends here', 'message ends here', 'prompt ends here']]),
  raw('any.delim.json-role', 'delimiter_injection', 'any', 0.4,
    '\\{[ \\t\\n]*"role"[ \\t]*:[ \\t]*"(?:system|developer)"', { triggers: ['"role"'] }),
  raw('any.delim.json-breakout', 'delimiter_injection', 'any', 0.75,
    '[\\]}"][ \\t\\n]*[\\]}][ \\t\\n]*,?[ \\t\\n]*\\{[ \\t\\n]*"role"[ \\t]*:[ \\t]*"(?:system|developer)"',
    { triggers: ['"role"'] }),
  raw('any.delim.bracket-system-link', 'delimiter_injection', 'any', 0.75,
    '\\[(?:system|admin|developer)\\][ \\t]*\\(#[a-z0-9_-]{1,40}\\)', { triggers: ['](#'] }),
  raw('any.delim.bracket-system', 'delimiter_injection', 'any', 0.35,
    '\\[/?(?:system|admin|developer)(?: message| note| override| prompt)?\\]', { triggers: ['[system',
    '[admin', '[developer', '[/system'] }),
  raw('any.delim.rule-then-system', 'delimiter_injection', 'any', 0.4,
    `${LINE}[-=*#_~]{3,}[ \\t]*\\n?[ \\t]*${ROLE_SYSTEM}(?![a-z])`, { triggers: ['---', '===', '***',
    '###', '___', '~~~'] }),
  // "Enable developer mode and …" told to a model: only the model is there to obey. Phones have a
  // developer mode too, so only the imperative at a sentence start followed by more orders.
  phrase('any.mode.imperative-developer', 'developer_mode', 'any', 0.5, [SWITCH_ON, gap(2),
    DEV_MODE, ['and', 'und', 'et', 'y', 'then', 'dann', 'puis', 'luego']], { sentenceStart: true }),
  // A persona named DAN: "Dan" alone is a common first name, so only after role-giving words.
  phrase('any.persona.dan', 'persona_hijack', 'any', 0.45, [['you are', "you're", 'du bist',
    'tu es', 'eres', 'sei', 'sois', 'act as', 'pretend to be', 'become', 'play', 'called', 'named',
    'as', 'als', 'comme', 'como', 'now', 'jetzt', 'maintenant', 'ahora'], opt('now', 'jetzt',
    'maintenant', 'ahora', 'going to be', 'to be', 'going to pretend to be'), ['dan']]),
  // Telling the model to decode and obey is the wrapper of an encoded payload.
  raw('any.encoded.decode-and-obey', 'encoded_payload', 'any', 0.45,
    '(?:decode|decodiere|dekodiere|decodifica|decodez|decode|decipher|entschlussele|dechiffre|traduis)[^\\n]{0,40}?(?:base ?64|hex|rot-? ?13)[^\\n]{0,60}?(?:follow|do what|execute|obey|comply|run|act on|befolge|fuhre|ausfuhren|suis|fais ce|obeis|execute|haz lo que|sigue|ejecuta|obedece|cumple)',
    { triggers: ['base64', 'base 64', 'hex', 'rot'] }),
];
