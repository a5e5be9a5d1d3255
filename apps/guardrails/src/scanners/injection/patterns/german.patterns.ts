import type { InjectionPattern } from '../injection-pattern';
import { gap, opt, phrase } from '../pattern.compiler';

// Normalised text has no umlauts (ü → u, ß → ss); people who type "ue" for "ü" get both
// spellings listed. Imperatives come in du/ihr/Sie forms.
// prettier-ignore
const IGNORE = [
  'ignoriere*', 'ignorier', 'ignorieren sie', 'ignoriert', 'vergiss', 'vergessen sie', 'vergesst',
  'missachte*', 'missachten sie', 'ubergehe*', 'uebergehe*', 'verwirf', 'verwerfe*',
  'verwerfen sie', 'vernachlassige*', 'vernachlaessige*', 'uberschreibe*', 'ueberschreibe*',
  'hor auf mit', 'umgehe*', 'lass', 'lasst', 'lassen sie', 'streiche*',
];
// prettier-ignore
const PRIOR = [
  'vorherige*', 'vorige*', 'bisherige*', 'fruhere*', 'fruehere*', 'obige*', 'obenstehende*',
  'vorangegangene*', 'vorausgegangene*', 'vorangehende*', 'ursprungliche*', 'urspruengliche*',
  'alte*', 'anfangliche*', 'anfaengliche*', 'erste*', 'gegebene*', 'initiale*', 'versteckte*',
  'system*', 'vorher', 'zuvor', 'oben',
];
/** "alte Regeln" also belong to clubs and games: only these count for "… gelten nicht mehr". */
const PRIOR_STRONG = PRIOR.filter((word) => !word.startsWith('alte'));
// prettier-ignore
const INSTRUCTIONS = [
  'anweisung*', 'instruktion*', 'befehl*', 'regel*', 'vorgabe*', 'richtlinie*', 'anordnung*',
  'direktive*', 'systemanweisung*', 'systemprompt*', 'prompt*', 'einschrankung*', 'einschraenkung*',
  'beschrankung*', 'beschraenkung*', 'programmierung', 'leitlinie*', 'sicherheitsrichtlinie*',
  'inhaltsrichtlinie*', 'systemnachricht*',
];
// prettier-ignore
const VOID = [
  'nicht mehr', 'nicht langer', 'nicht laenger', 'aufgehoben', 'ungultig', 'ungueltig', 'nichtig',
  'hinfallig', 'hinfaellig', 'widerrufen', 'annulliert', 'ausser kraft', 'deaktiviert', 'veraltet',
  'abgeschafft', 'storniert', 'ersetzt',
];
// prettier-ignore
const AI = [
  'ki', 'k.i', 'ai', 'assistent*', 'chatbot', 'bot', 'modell', 'sprachmodell', 'version',
  'maschine', 'system', 'entitat', 'persona',
];
// prettier-ignore
const RESTRICTIONS = [
  'einschrankung*', 'einschraenkung*', 'beschrankung*', 'beschraenkung*', 'regel*', 'filter*',
  'zensur', 'grenze*', 'richtlinie*', 'moral*', 'ethik', 'ethische*', 'limit*', 'vorgabe*', 'tabu*',
  'hemmung*', 'skrupel', 'schranke*', 'sicherheitsvorkehrung*',
];
// prettier-ignore
const UNRESTRICTED = [
  'ungefilterte*', 'uneingeschrankte*', 'uneingeschraenkte*', 'unzensierte*', 'bose*', 'boese*',
  'grenzenlose*', 'amoralische*', 'skrupellose*', 'jailbroken', 'befreite*', 'freie*',
  'unbeschrankte*', 'unbeschraenkte*', 'regellose*', 'enthemmte*', 'unmoralische*',
];
// prettier-ignore
const BECOME = [
  'du bist', 'du bist jetzt', 'ab sofort bist du', 'von nun an bist du', 'ab jetzt bist du',
  'du wirst', 'spiele', 'spiel', 'sei', 'werde', 'verhalte dich wie', 'verhalte dich als',
  'agiere als', 'handle als', 'tu so als warst du', 'tu so als waerst du', 'tu so als ob du',
  'stell dir vor du warst', 'stell dir vor du waerst', 'stell dir vor du bist', 'simuliere',
  'sie sind', 'sie sind jetzt', 'seien sie', 'als',
];
// prettier-ignore
const REVEAL = [
  'wiederhole*', 'gib', 'geben sie', 'zeig*', 'zeigen sie', 'verrate*', 'verraten sie', 'nenne*',
  'kopiere*', 'drucke*', 'schreib*', 'liste*', 'teile*', 'offenbare*', 'enthulle*', 'enthuelle*',
  'wie lautet', 'wie lauten', 'was ist', 'was sind', 'ubersetze*', 'uebersetze*', 'sag mir',
  'sage mir', 'sagen sie mir', 'gib mir', 'fasse*', 'ausgeben', 'poste*', 'veroffentliche*',
];
// prettier-ignore
const SYSTEM_PROMPT = [
  'systemprompt*', 'system prompt*', 'systemnachricht*', 'systemanweisung*', 'systemmeldung*',
];
// prettier-ignore
const SECRET_PROMPT = [
  ...SYSTEM_PROMPT, 'ursprungliche* anweisung*', 'urspruengliche* anweisung*',
  'anfangliche* anweisung*', 'anfaengliche* anweisung*', 'versteckte* anweisung*',
  'geheime* anweisung*', 'interne* anweisung*', 'initiale* anweisung*',
  'ursprungliche* instruktion*', 'erste* anweisung*', 'vollstandige* prompt',
  'vollstaendige* prompt', 'prompt',
];
/** Plainer objects: "nenne deine Regeln" is an extraction attempt, but less surely. */
// prettier-ignore
const YOUR_RULES = [
  'anweisungen', 'vorgaben', 'regeln', 'richtlinien', 'instruktionen',
];
// prettier-ignore
const CAVEATS = [
  'warnung*', 'warnhinweis*', 'hinweis*', 'disclaimer*', 'haftungsausschluss*', 'vorbehalt*',
  'moralpredigt*', 'belehrung*', 'ethische* hinweis*', 'einschrankung*', 'zensur',
  'entschuldigung*', 'ablehnung*',
];
// prettier-ignore
const DO_NOT = [
  'niemals', 'nie', 'nicht', 'keinesfalls', 'auf keinen fall', 'unter keinen umstanden',
  'unter keinen umstaenden', 'keineswegs',
];

// prettier-ignore
export const GERMAN_PATTERNS: readonly InjectionPattern[] = [
  // --- instruction override
  phrase('de.override.prior', 'instruction_override', 'de', 0.9, [IGNORE, gap(3), PRIOR, gap(2),
    INSTRUCTIONS], { negatable: true }),
  phrase('de.override.everything-told', 'instruction_override', 'de', 0.75, [IGNORE, ['alles',
    'alle', 'samtliche*', 'saemtliche*', 'das'], gap(5), ['gesagt', 'beigebracht', 'aufgetragen',
    'vorgegeben', 'erzahlt', 'erzaehlt', 'befohlen', 'programmiert', 'mitgegeben',
    'eingetrichtert']], { negatable: true }),
  phrase('de.override.the-above', 'instruction_override', 'de', 0.7, [IGNORE, gap(1),
    ['oben gesagte', 'obige$', 'oben stehende$', 'obenstehende$', 'bisherige$', 'vorherige$',
    'vorhergehende$', 'alles davor', 'alles oben', 'alles bisher', 'alles bisherige',
    'alles vorherige', 'alles zuvor']], { negatable: true }),
  phrase('de.override.told-void', 'instruction_override', 'de', 0.7, [['alles', 'alle', 'samtliche',
    'saemtliche', 'was'], gap(5), ['gesagt', 'aufgetragen', 'vorgegeben', 'befohlen', 'beigebracht',
    'mitgegeben'], gap(3), VOID]),
  phrase('de.override.yours', 'instruction_override', 'de', 0.75, [IGNORE, opt('alle',
    'samtliche', 'saemtliche', 'jede'), ['deine', 'ihre', 'eure'], gap(1), INSTRUCTIONS],
    { negatable: true }),
  phrase('de.override.void-kraft', 'instruction_override', 'de', 0.75, [PRIOR, gap(1),
    INSTRUCTIONS, gap(1), ['ausser kraft', 'auser kraft']], { negatable: true }),
  phrase('de.override.given-to-you', 'instruction_override', 'de', 0.75, [IGNORE, opt('alle',
    'samtliche', 'saemtliche', 'jede'), INSTRUCTIONS, gap(3), ['du bekommen hast',
    'du erhalten hast', 'man dir gegeben hat', 'dir gegeben wurden', 'dir gesagt wurden',
    'dir vorgegeben wurden', 'du hast']], { negatable: true }),
  phrase('de.override.your-void-inverted', 'instruction_override', 'de', 0.6, [['gelten', 'gilt'],
    ['deine', 'ihre', 'eure'], gap(1), INSTRUCTIONS, gap(1), VOID], { negatable: true }),
  phrase('de.override.void', 'instruction_override', 'de', 0.65, [PRIOR_STRONG, gap(1), INSTRUCTIONS,
    gap(2), ['gelten', 'gilt', 'sind', 'ist', 'werden', 'wurden'], gap(2), VOID],
    { negatable: true }),
  phrase('de.override.void-inverted', 'instruction_override', 'de', 0.65, [['gelten', 'gilt',
    'sind', 'ist'], gap(2), PRIOR_STRONG, gap(1), INSTRUCTIONS, gap(1), VOID], { negatable: true }),
  phrase('de.override.your-void', 'instruction_override', 'de', 0.6, [['deine', 'ihre', 'alle',
    'samtliche', 'saemtliche'], gap(1), INSTRUCTIONS, gap(1), ['sind', 'wurden', 'gelten'], gap(2),
    VOID]),
  phrase('de.extract.what-it-says', 'system_prompt_extraction', 'de', 0.75, [['was steht in',
    'was enthalt', 'was enthaelt', 'was sagt'], ['deinem', 'deiner', 'ihrem', 'ihrer'],
    SECRET_PROMPT]),
  phrase('de.override.stop-following', 'instruction_override', 'de', 0.8, [['befolge',
    'befolgen sie', 'beachte', 'beachten sie', 'folge', 'gehorche'], gap(2), PRIOR, gap(1),
    INSTRUCTIONS, ['nicht', 'nie', 'keinesfalls']]),
  phrase('de.override.bypass', 'instruction_override', 'de', 0.6, [['ignorierst', 'missachtest',
    'umgehst', 'ubergehst', 'uebergehst', 'brichst'], gap(3), INSTRUCTIONS]),
  phrase('de.override.bypass-infinitive', 'instruction_override', 'de', 0.6, [['deine', 'ihre',
    'die', 'alle'], gap(1), INSTRUCTIONS, gap(1), ['umgehen', 'ignorieren', 'missachten', 'brechen',
    'ubergehen', 'uebergehen']]),
  phrase('de.override.new-task', 'instruction_override', 'de', 0.4, [['neue', 'neuer', 'neuen',
    'echte', 'wahre', 'eigentliche'], ['aufgabe', 'anweisung*', 'befehl*', 'regel*', 'richtlinie*',
    'mission']]),
  // --- persona hijack
  phrase('de.persona.become-unrestricted', 'persona_hijack', 'de', 0.85, [BECOME, gap(3),
    UNRESTRICTED, gap(2), AI]),
  phrase('de.persona.ai-without', 'persona_hijack', 'de', 0.75, [AI, gap(4), ['ohne', 'keine',
    'keinerlei', 'frei von', 'befreit von', 'losgelost von', 'nicht an'], gap(2), RESTRICTIONS]),
  phrase('de.persona.you-have-none', 'persona_hijack', 'de', 0.6, [['du unterliegst',
    'sie unterliegen', 'du hast', 'sie haben', 'du hast jetzt', 'du hast ab sofort'], ['keinen',
    'keiner', 'keine', 'keinerlei'], gap(1), RESTRICTIONS]),
  phrase('de.persona.not-bound', 'persona_hijack', 'de', 0.75, [['nicht mehr', 'nicht langer',
    'nicht laenger', 'nicht', 'keine'], ['an'], gap(2), INSTRUCTIONS, ['gebunden', 'gehalten']]),
  phrase('de.persona.pretend', 'persona_hijack', 'de', 0.8, [['tu so', 'tun sie so',
    'stell dir vor', 'stellen sie sich vor', 'nimm an', 'angenommen'], gap(3), ['keine',
    'keinerlei', 'ohne'], gap(2), RESTRICTIONS]),
  phrase('de.persona.no-restrictions', 'persona_hijack', 'de', 0.3, [['ohne', 'keine', 'keinerlei',
    'frei von'], gap(1), opt('jegliche', 'jede', 'ethische', 'moralische'), RESTRICTIONS]),
  phrase('de.persona.from-now-on', 'persona_hijack', 'de', 0.3, [['ab sofort', 'von nun an',
    'ab jetzt', 'ab heute'], ['bist du', 'wirst du', 'du bist']]),
  phrase('de.persona.anything', 'persona_hijack', 'de', 0.45, [['alles'], ['tun', 'machen',
    'sagen'], ['kann', 'kannst', 'darf', 'darfst', 'konnen', 'koennen', 'durfen', 'duerfen']]),
  phrase('de.persona.regardless', 'persona_hijack', 'de', 0.5, [['ohne rucksicht auf',
    'ohne ruecksicht auf'], gap(1), RESTRICTIONS]),
  phrase('de.persona.stay-in-role', 'persona_hijack', 'de', 0.3, [['bleib in der rolle',
    'bleibe in der rolle', 'fall nicht aus der rolle', 'falle nicht aus der rolle',
    'verlasse nie die rolle']]),
  // --- system prompt extraction
  phrase('de.extract.your-prompt', 'system_prompt_extraction', 'de', 0.85, [REVEAL, gap(2), ['dein',
    'deine', 'deinen', 'deiner', 'ihr', 'ihre', 'ihren'], gap(2), SECRET_PROMPT]),
  phrase('de.extract.your-rules', 'system_prompt_extraction', 'de', 0.55, [REVEAL, gap(2), ['dein',
    'deine', 'deinen', 'ihre', 'ihren'], gap(1), YOUR_RULES]),
  phrase('de.extract.the-prompt', 'system_prompt_extraction', 'de', 0.5, [REVEAL, gap(2), ['den',
    'die', 'das'], gap(1), SYSTEM_PROMPT]),
  phrase('de.extract.hidden', 'system_prompt_extraction', 'de', 0.7, [REVEAL, gap(3),
    ['versteckte*', 'geheime*', 'vertrauliche*', 'interne*', 'verborgene*'], gap(1), ['anweisung*',
    'instruktion*', 'regel*', 'vorgabe*', 'prompt*', 'systemanweisung*']]),
  phrase('de.extract.told-before', 'system_prompt_extraction', 'de', 0.8, [['was wurde dir',
    'was hat man dir', 'welche anweisungen hast du', 'welche anweisungen wurden dir', 'was hat dir',
    'was wurde ihnen', 'welche regeln hast du', 'welche vorgaben hast du'], gap(3), ['vor',
    'vorher', 'zuvor', 'am anfang', 'zu beginn', 'ursprunglich', 'urspruenglich', 'bekommen',
    'erhalten', 'gesagt']]),
  phrase('de.extract.text-above', 'system_prompt_extraction', 'de', 0.65, [['gib', 'zeig*',
    'wiederhole*', 'kopiere*', 'schreib*', 'drucke*'], gap(2), ['text', 'alles', 'inhalt', 'worte',
    'zeilen', 'nachrichten'], gap(2), ['uber dieser', 'ueber dieser', 'oberhalb', 'vor dieser',
    'vor meiner', 'davor', 'oben']]),
  phrase('de.extract.given-to-you', 'system_prompt_extraction', 'de', 0.6, [['regeln',
    'anweisungen', 'vorgaben', 'richtlinien', 'instruktionen'], gap(3), ['dir', 'ihnen'], gap(3),
    ['gegeben', 'mitgegeben', 'vorgegeben', 'gesagt', 'aufgetragen', 'einprogrammiert']]),
  phrase('de.extract.verbatim', 'system_prompt_extraction', 'de', 0.25, [['wortwortlich',
    'wortwoertlich', 'im wortlaut', 'wort fur wort', 'wort fuer wort', 'wortlich', 'woertlich',
    'vollstandig', 'vollstaendig', 'in einen codeblock']]),
  // --- developer mode
  phrase('de.mode.enabled', 'developer_mode', 'de', 0.35, [['entwicklermodus', 'entwickler modus',
    'developer modus', 'debug modus', 'admin modus', 'wartungsmodus'], gap(1), ['aktiviert', 'an',
    'ein', 'eingeschaltet', 'aktiv']]),
  phrase('de.mode.strong-enabled', 'developer_mode', 'de', 0.6, [['jailbreak modus',
    'jailbreakmodus', 'dan modus', 'bose modus', 'boese modus', 'uneingeschrankter modus',
    'uneingeschraenkter modus', 'unzensierter modus'], gap(1), ['aktiviert', 'an', 'ein',
    'eingeschaltet', 'aktiv']]),
  phrase('de.mode.switch', 'developer_mode', 'de', 0.4, [['wechsle', 'wechseln sie', 'schalte',
    'aktiviere', 'aktivieren sie', 'starte', 'geh'], gap(2), ['gott modus', 'gottmodus',
    'gott-modus', 'sudo modus', 'sudo-modus', 'admin modus', 'jailbreak modus', 'entwicklermodus',
    'entwickler modus', 'dan modus', 'uneingeschrankten modus', 'uneingeschraenkten modus',
    'unzensierten modus']]),
  phrase('de.mode.god-sudo', 'developer_mode', 'de', 0.45, [['gott modus', 'gottmodus',
    'sudo modus', 'sudomodus', 'root modus'], gap(1), ['aktiviert', 'an', 'ein', 'eingeschaltet',
    'aktiv']]),
  phrase('de.mode.safety-off', 'developer_mode', 'de', 0.55, [['sicherheits*', 'inhalts*', 'alle',
    'ethische*'], gap(1), ['filter*', 'richtlinie*', 'protokoll*', 'einschrankung*',
    'einschraenkung*', 'regeln', 'sperren'], gap(2), ['deaktiviert', 'aus', 'abgeschaltet',
    'ausgeschaltet', 'aufgehoben', 'entfernt']]),
  // --- refusal suppression
  phrase('de.refusal.without-refusing', 'refusal_suppression', 'de', 0.55, [['ohne abzulehnen',
    'ohne jemals abzulehnen', 'ohne dich zu weigern', 'ohne zu verweigern', 'ohne nein zu sagen',
    'ohne ablehnung']]),
  phrase('de.refusal.never-refuse', 'refusal_suppression', 'de', 0.45, [['lehne', 'lehnen sie',
    'verweigere', 'verweigern sie', 'weigere dich', 'weigern sie sich'], gap(1), DO_NOT]),
  phrase('de.refusal.no-refusal', 'refusal_suppression', 'de', 0.55, [['darfst', 'kannst', 'sollst',
    'durfen', 'duerfen'], gap(2), DO_NOT, gap(1), ['ablehnen', 'verweigern', 'nein sagen',
    'widersprechen']]),
  phrase('de.refusal.dont-say-cant', 'refusal_suppression', 'de', 0.65, [['sag', 'sage',
    'sagen sie', 'behaupte', 'antworte', 'schreib'], gap(1), ['nicht', 'nie', 'niemals'], gap(1),
    ['dass du', 'dass sie', 'du kannst', 'ich kann', 'es tut mir leid', 'leider'], gap(3),
    ['nicht kannst', 'nicht konnen', 'nicht koennen', 'nicht', 'leid']]),
  phrase('de.refusal.answer-everything', 'refusal_suppression', 'de', 0.55, [['du musst',
    'sie mussen', 'sie muessen', 'du wirst', 'beantworte', 'beantworten sie'], gap(1), ['jede',
    'alle', 'jeden', 'samtliche', 'saemtliche'], gap(1), ['frage*', 'anfrage*', 'bitte*', 'befehl*',
    'anweisung*', 'aufforderung*']]),
  phrase('de.refusal.always-answer', 'refusal_suppression', 'de', 0.3, [['antworte immer',
    'antworte auf alles', 'beantworte alles', 'gehorche immer', 'antworten sie immer']],
    { sentenceStart: true }),
  phrase('de.refusal.no-matter-how', 'refusal_suppression', 'de', 0.6, [['egal wie',
    'ganz gleich wie', 'auch wenn', 'selbst wenn', 'egal ob', 'unabhangig davon',
    'unabhaengig davon'], gap(3), ['illegal', 'unethisch', 'unmoralisch', 'gefahrlich',
    'gefaehrlich', 'schadlich', 'schaedlich', 'verboten', 'anstossig', 'boswillig']]),
  phrase('de.refusal.no-caveats', 'refusal_suppression', 'de', 0.4, [['ohne', 'keine', 'keinerlei',
    'fuge keine', 'fuege keine', 'verzichte auf'], gap(2), CAVEATS]),
  phrase('de.refusal.caveat-list', 'refusal_suppression', 'de', 0.6, [['ohne', 'keine',
    'keinerlei'], gap(2), CAVEATS, gap(1), ['oder', 'und', 'noch'], gap(2), CAVEATS]),
  phrase('de.refusal.no-apology', 'refusal_suppression', 'de', 0.35, [['entschuldige dich',
    'entschuldigen sie sich'], gap(1), ['nicht', 'nie', 'niemals']]),
];
