// English word lists shared by the English pattern tables.
// Word lists. Deliberately absent: "cancel"/"drop"/"clear"/"reset" (cancel the previous order,
// drop the previous rules in iptables), "default"/"current" (override the default rules),
// "order"/"task"/"message" as objects (ignore my previous message, I meant Tuesday).
// prettier-ignore
export const IGNORE = [
  'ignore', 'ignores', 'ignoring', 'disregard*', 'forget', 'forgetting', 'skip', 'overlook',
  'bypass*', 'override', 'overrides', 'overrule', 'neglect', 'discard', 'abandon', 'dismiss', 'set aside', 'put aside', 'throw out',
  'throw away', 'pay no attention to', 'pay no heed to', 'take no notice of', "don't listen to",
  'do not listen to', 'stop listening to', "don't obey", 'do not obey', 'no longer obey',
  "don't follow", 'do not follow', 'stop following', 'should not follow', "shouldn't follow",
  'must not follow', 'not follow', 'not obey', 'not adhere to', 'stop adhering to',
  'no longer follow', 'stop obeying', 'disobey', 'unlearn', 'ditch', 'scrap', 'scratch',
  'circumvent',
];
// prettier-ignore
export const PRIOR = [
  'previous', 'previously', 'prior', 'above', 'preceding', 'earlier', 'former', 'original',
  'initial', 'old', 'past', 'system', 'developer', 'foregoing', 'aforementioned', 'hidden',
  'pre-existing', 'given', 'programmed', 'built-in', 'safety', 'openai', 'ethical',
];
// prettier-ignore
export const INSTRUCTIONS = [
  'instruction*', 'direction*', 'directive*', 'rule*', 'guideline*', 'guidance', 'commands',
  'prompt*', 'programming', 'context', 'constraint*', 'restriction*', 'polic*', 'safeguard*',
  'guardrail*', 'training', 'conditioning', 'system message*', 'instructed',
];
// prettier-ignore
export const VOID = [
  'void', 'cancel*', 'revoked', 'rescinded', 'null', 'nullified', 'invalid', 'invalidated',
  'overridden', 'superseded', 'lifted', 'suspended', 'disabled', 'deactivated', 'no longer valid',
  'no longer apply', 'no longer applies', 'no longer in effect', 'no longer in force', 'not valid anymore', "don't apply",
  'do not apply', 'replaced', 'withdrawn', 'expired', 'no longer matter', "don't matter",
  'do not matter', 'no longer count', 'irrelevant', 'obsolete now', 'cancelled now',
];
// prettier-ignore
export const AI = [
  'ai', 'a.i', 'assistant', 'chatbot', 'bot', 'model', 'language model', 'llm', 'gpt', 'chatgpt',
  'version of yourself', 'version of you', 'entity', 'persona', 'system', 'machine',
];
// prettier-ignore
export const UNRESTRICTED = [
  'rule-free', 'filter-free', 'restriction-free', 'censorship-free', 'unrestricted', 'unfiltered', 'uncensored', 'unlimited', 'unbound', 'unchained', 'unconstrained',
  'amoral', 'immoral', 'unethical', 'evil', 'rogue', 'jailbroken', 'lawless', 'limitless',
  'unmoderated', 'unhinged', 'unaligned', 'free', 'liberated', 'uncontrolled', 'without limits',
];
// prettier-ignore
export const RESTRICTIONS = [
  'restriction*', 'limit', 'limits', 'limitation*', 'rule*', 'filter*', 'guideline*', 'ethic*',
  'moral*', 'censor*', 'safety', 'boundar*', 'constraint*', 'polic*', 'programming', 'safeguard*',
  'guardrail*', 'principles', 'scruples', 'content policy',
];
// prettier-ignore
export const BECOME = [
  'you are', "you're", 'you will be', "you'll be", 'you are going to be', 'act as', 'acting as',
  'act like', 'pretend to be', 'pretend you are', "pretend you're", 'roleplay as', 'role-play as',
  'play the role of', 'behave like', 'behave as', 'become', 'simulate', 'imagine you are',
  "imagine you're", 'respond in the voice of', 'in the voice of', 'speak as', 'answer as',
  'talk like', 'your new identity is', 'turn into', 'you must act as', 'respond as',
  'assume the role of', 'take on the role of', 'assume the persona of', 'adopt the persona of',
  'enter the persona of', 'play a character', 'play an', 'play as',
];
// prettier-ignore
export const REVEAL = [
  'repeat', 'print', 'reveal', 'show', 'display', 'output', 'tell me', 'give me', 'write out',
  'write down', 'type out', 'dump', 'leak', 'share', 'copy', 'recite', 'list', 'disclose', 'expose',
  'spell out', 'paste', 'echo', 'send me', 'read back', 'translate', 'summarize', 'summarise',
  'reproduce', 'what is', "what's", 'what are', 'what were', 'provide', 'reply with',
  'respond with', 'quote', 'read out', 'read me', 'state', 'spill', 'spit out', 'cough up',
  'hand over', 'divulge', 'let me see', 'let me read', 'show us',
];
/** REVEAL without the questions: "what is the system prompt" is usually a question about LLMs. */
export const REVEAL_ACTION = REVEAL.filter((verb) => !verb.startsWith('what'));
// prettier-ignore
export const SECRET_PROMPT = [
  'system prompt*', 'system message*', 'system instruction*', 'initial prompt*',
  'initial instruction*', 'original instruction*', 'original prompt', 'hidden instruction*',
  'hidden prompt', 'secret instruction*', 'confidential instruction*', 'internal instruction*',
  'pre-prompt', 'preprompt', 'developer instruction*', 'developer prompt', 'custom instruction*',
  'base prompt', 'starting prompt', 'full prompt', 'entire prompt', 'complete prompt',
  'hidden rules', 'secret rules', 'context window', 'meta prompt', 'prompt', 'instruction set',
  'preamble', 'instructions file', 'developer message', 'startup instructions', 'setup prompt',
  'system text', 'hidden text', 'hidden system text',
];
/** Plainer objects: "list your rules" is an extraction attempt, but less surely. */
// prettier-ignore
export const YOUR_RULES = [
  'instructions', 'rules', 'guidelines', 'directives', 'programming', 'context$',
];
/** What "your …" can be told to drop besides instructions (only with "your"). */
// prettier-ignore
export const YOUR_CONFIG = [
  'configuration', 'setup', 'programming', 'training', 'directives', 'system prompt*',
  'system instructions', 'instructions', 'rules', 'guidelines', 'policies', 'restrictions',
];
// prettier-ignore
export const HARMFUL = [
  'illegal', 'unethical', 'immoral', 'harmful', 'dangerous', 'offensive', 'inappropriate',
  'explicit', 'controversial', 'unsafe', 'against your', 'against the', 'against openai',
  'malicious',
];
// prettier-ignore
export const SWITCH_ON = [
  'activate', 'enable', 'enter', 'switch to', 'switch into', 'turn on', 'engage', 'unlock',
  'initiate', 'go into', 'boot into', 'start', 'toggle', 'put yourself in', 'switch on',
];
/** Modes that only exist in jailbreaks. */
// prettier-ignore
export const STRONG_MODES = [
  'jailbreak mode', 'jailbroken mode', 'unrestricted mode', 'dan mode', 'evil mode',
  'unfiltered mode', 'uncensored mode', 'opposite mode', 'chaos mode', 'no-filter mode',
  'no restrictions mode', 'amoral mode', 'hidden developer mode', 'secret developer mode',
  'hidden mode', 'secret mode',
];
/** Modes that also exist on phones, games and GitHub ("enable developer mode on Android"). */
// prettier-ignore
export const PLAIN_MODES = [
  'developer mode', 'dev mode', 'debug mode', 'admin mode', 'god mode', 'sudo mode', 'root mode',
  'maintenance mode', 'super user mode', 'superuser mode', 'test mode', 'diagnostic mode',
];
// prettier-ignore
export const MODE_ON = [
  'enabled', 'activated', 'engaged', 'unlocked', 'active', 'initiated', 'is on', 'now on',
  'turned on', 'switched on',
];
// prettier-ignore
export const NO_CAVEATS = [
  'without', 'with no', 'no', "don't add", 'do not add', 'never add', "don't include",
  'do not include', 'never include', 'skip', 'omit', 'leave out', 'no need for', 'free of',
  'stop adding', 'never give', "don't give", 'do not give', "don't provide", 'do not provide',
  'no more', "won't add", 'will not add', "won't include", 'will not include', 'avoid',
  'avoid any',
];
// prettier-ignore
export const REFUSE = [
  'refuse', 'decline', 'reject', 'say no', 'deny', 'turn down', 'says no', 'refuses', 'declines',
  'refusing', 'declining', 'rejecting', 'saying no',
];
// prettier-ignore
export const DO_NOT = [
  'never', 'do not', "don't", 'must not', "mustn't", 'cannot', "can't", 'will not', "won't",
  'should not', "shouldn't", 'are not allowed to', "aren't allowed to", 'not allowed to', 'may not',
  'are forbidden to', 'are prohibited from', 'are forbidden from', 'forbidden from',
  'not permitted to', 'prohibited from',
];
// prettier-ignore
export const CAVEATS = [
  'warning*', 'disclaimer*', 'caveat*', 'moral*', 'lecture*', 'ethical note*',
  'ethical consideration*', 'safety note*', 'safety warning*', 'censorship', 'refusal*', 'moraliz*',
  'moralis*', 'judgment*', 'judgement*', 'ethics', 'content warning*',
];
