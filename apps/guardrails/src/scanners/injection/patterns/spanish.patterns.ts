import type { InjectionPattern } from '../injection-pattern';
import { gap, opt, phrase } from '../pattern.compiler';

// Normalised text has no accents (olvídate → olvidate, ñ → n) and keeps ¿ ¡ as separators.
// Stems are spelled out where a bare stem would over-match ("norma*" → normal, "orden*" →
// ordenador).
// prettier-ignore
const IGNORE = [
  'ignora*', 'ignore', 'ignoren', 'olvida*', 'olvide*', 'olvidate de', 'olvidese de', 'descarta*',
  'descarte*', 'omite', 'omita', 'haz caso omiso de', 'haga caso omiso de', 'no hagas caso de',
  'no tengas en cuenta', 'no tenga en cuenta', 'no tomes en cuenta', 'no consideres',
  'no hagas caso a', 'no haga caso de', 'pasa por alto', 'pase por alto', 'desobedece*',
  'desatiende*', 'saltate', 'anula*', 'deja de lado', 'deja de seguir', 'no sigas', 'borra*',
];
// prettier-ignore
const INSTRUCTIONS = [
  'instruccion*', 'indicacion*', 'regla*', 'ordenes', 'orden', 'directriz', 'directrices', 'normas',
  'comando*', 'pauta*', 'consigna*', 'prompt*', 'programacion', 'restriccion*', 'politica*',
  'mensaje del sistema',
];
// prettier-ignore
const PRIOR = [
  'anterior*', 'previa*', 'previo*', 'de arriba', 'iniciales', 'inicial', 'originales', 'original',
  'precedentes', 'pasadas', 'del sistema', 'de sistema', 'recibidas', 'dadas', 'ocultas',
  'primeras', 'que recibiste', 'que te dieron',
];
// prettier-ignore
const PRIOR_BEFORE_NOUN = [
  'anteriores', 'previas', 'primeras', 'precedentes',
];
// prettier-ignore
const VOID = [
  'ya no son validas', 'ya no son validos', 'ya no es valida', 'ya no aplican', 'ya no se aplican',
  'ya no cuentan', 'quedan anuladas', 'quedan sin efecto', 'estan anuladas', 'son nulas',
  'anuladas', 'revocadas', 'canceladas', 'invalidas', 'sin efecto', 'derogadas', 'suspendidas',
  'reemplazadas', 'obsoletas',
];
// prettier-ignore
const AI = [
  'ia', 'i.a', 'inteligencia artificial', 'asistente*', 'chatbot', 'bot', 'modelo', 'ai', 'version',
  'maquina', 'entidad', 'robot', 'programa',
];
// prettier-ignore
const RESTRICTIONS = [
  'filtro*', 'censura', 'restriccion*', 'limite*', 'limitacion*', 'regla*', 'normas', 'norma',
  'etica*', 'moral*', 'tabu*', 'principio*', 'escrupulo*', 'politica*', 'barrera*', 'reparo*',
];
// prettier-ignore
const UNRESTRICTED = [
  'sin filtro*', 'sin censura', 'sin restriccion*', 'sin limite*', 'libre', 'malvad*', 'amoral',
  'desatad*', 'liberad*', 'jailbreak*', 'sin reglas', 'sin tabu*', 'sin normas', 'no censurad*',
  'sin etica', 'sin ningun limite', 'sin ninguna restriccion',
];
// prettier-ignore
const BECOME = [
  'eres', 'ahora eres', 'a partir de ahora eres', 'desde ahora eres', 'seras', 'desde ahora seras',
  'vas a ser', 'conviertete en', 'actua como', 'actue como', 'comportate como', 'interpreta*',
  'finge ser', 'finge que eres', 'haz como si fueras', 'imagina que eres', 'usted es', 'simula*',
  'juega a ser',
];
// prettier-ignore
const REVEAL = [
  'repite*', 'muestra*', 'muestrame', 'revela*', 'revelame', 'ensename', 'ensena*', 'dime',
  'digame', 'imprime*', 'escribe*', 'copia*', 'comparte*', 'lista*', 'recita*', 'dame', 'deme',
  'cual es', 'cuales son', 'traduce*', 'resume*', 'envia*', 'reproduce*',
];
// prettier-ignore
const YOUR = [
  'tu', 'tus', 'su', 'sus',
];
// prettier-ignore
const SYSTEM_PROMPT = [
  'prompt del sistema', 'prompt de sistema', 'mensaje del sistema', 'mensaje de sistema',
];
// prettier-ignore
const SECRET_PROMPT = [
  ...SYSTEM_PROMPT, 'instruccion* inicial*', 'instruccion* del sistema', 'instruccion* de sistema',
  'instruccion* oculta*', 'instruccion* secreta*', 'instruccion* original*',
  'instruccion* interna*', 'instruccion* confidencial*', 'indicacion* inicial*',
  'indicacion* oculta*', 'regla* oculta*', 'regla* secreta*', 'prompt inicial', 'prompt',
  'pre-prompt',
];
// prettier-ignore
const HARMFUL = [
  'ilegal*', 'poco etic*', 'inmoral*', 'peligros*', 'danin*', 'ofensiv*', 'prohibid*', 'malicios*',
  'contra las normas', 'contra tus reglas',
];
// prettier-ignore
const CAVEATS = [
  'advertencia*', 'descargo* de responsabilidad', 'aviso*', 'disculpa*', 'sermon*', 'moralina*',
  'censura', 'negativa*', 'rechazo*', 'reparo*', 'matiz*', 'lecciones de moral',
];

// prettier-ignore
export const SPANISH_PATTERNS: readonly InjectionPattern[] = [
  // --- instruction override
  phrase('es.override.prior', 'instruction_override', 'es', 0.9, [IGNORE, gap(3), INSTRUCTIONS,
    gap(2), PRIOR], { negatable: true }),
  phrase('es.override.yours', 'instruction_override', 'es', 0.75, [IGNORE, opt('todas', 'todos',
    'cada una de', 'cada uno de'), ['tus', 'sus', 'tu', 'su', 'vuestras'], gap(1), INSTRUCTIONS],
    { negatable: true }),
  phrase('es.override.prior-before-noun', 'instruction_override', 'es', 0.85, [IGNORE, gap(3),
    PRIOR_BEFORE_NOUN, INSTRUCTIONS], { negatable: true }),
  phrase('es.override.old', 'instruction_override', 'es', 0.45, [IGNORE, gap(3), INSTRUCTIONS,
    gap(1), ['viejas', 'antiguas', 'viejos', 'antiguos']]),
  phrase('es.override.everything-told', 'instruction_override', 'es', 0.75, [IGNORE, ['todo',
    'todo lo'], gap(4), ['dijeron', 'dicho', 'ordenado', 'ensenado', 'ensenaron', 'programado',
    'indicado', 'ordenaron', 'indicaron', 'programaron']], { negatable: true }),
  phrase('es.override.the-above', 'instruction_override', 'es', 0.65, [IGNORE, ['lo anterior',
    'todo lo anterior', 'lo de arriba', 'todo lo de arriba', 'lo que precede', 'el texto anterior',
    'todo lo previo']], { negatable: true }),
  phrase('es.override.void-prior', 'instruction_override', 'es', 0.65, [INSTRUCTIONS, gap(1), PRIOR,
    gap(2), VOID], { negatable: true }),
  phrase('es.override.your-void', 'instruction_override', 'es', 0.6, [YOUR, gap(1), INSTRUCTIONS,
    gap(3), VOID], { negatable: true }),
  // Rules of a tournament can be void too: without "your" or "previous", a weak cue.
  phrase('es.override.void', 'instruction_override', 'es', 0.35, [INSTRUCTIONS, gap(3), VOID],
    { negatable: true }),
  phrase('es.override.given-to-you', 'instruction_override', 'es', 0.75, [IGNORE, gap(2),
    INSTRUCTIONS, gap(1), ['que te dieron', 'que te han dado', 'que recibiste', 'que se te dieron',
      'que le dieron', 'que tienes']], { negatable: true }),
  phrase('es.override.bypass', 'instruction_override', 'es', 0.6, [['saltate', 'saltarte',
    'saltarse', 'ignoras', 'ignoraras', 'te saltas', 'eludir', 'evadir', 'burlar', 'eludes',
    'evades'], gap(2), INSTRUCTIONS]),
  phrase('es.override.new-task', 'instruction_override', 'es', 0.4, [['nueva', 'nuevas',
    'verdadera*', 'autentica*'], ['tarea', 'instruccion*', 'mision', 'orden', 'regla*']]),
  // --- persona hijack
  phrase('es.persona.become-unrestricted', 'persona_hijack', 'es', 0.85, [BECOME, gap(3), AI,
    gap(2), UNRESTRICTED]),
  phrase('es.persona.ai-without', 'persona_hijack', 'es', 0.75, [AI, gap(5), ['sin', 'libre de',
    'liberad* de', 'que ignora', 'ningun', 'ninguna', 'no tiene', 'no tienes'], gap(2),
    RESTRICTIONS]),
  phrase('es.persona.no-longer', 'persona_hijack', 'es', 0.75, [['ya no eres', 'ya no estas',
    'usted ya no es', 'ya no esta'], gap(2), ['sujet*', 'limitad*', 'atad*', 'obligad*',
    'restringid*', 'un asistente', 'una ia', 'chatgpt', 'claude', 'programad*', 'controlad*',
    'vinculad*']]),
  phrase('es.persona.you-have-none', 'persona_hijack', 'es', 0.6, [['ya no tienes', 'no tienes',
    'ya no hay', 'ya no tiene', 'usted ya no tiene'], opt('ninguna', 'ningun', 'mas', 'mas de'),
    RESTRICTIONS]),
  phrase('es.persona.pretend', 'persona_hijack', 'es', 0.8, [['finge', 'finja', 'imagina',
    'imagine', 'supon', 'suponga', 'haz como si', 'haga como si', 'actua como si'], gap(3),
    ['ninguna', 'ningun', 'sin', 'no tienes', 'no tuvieras', 'no hay'], gap(2), RESTRICTIONS]),
  phrase('es.persona.no-restrictions', 'persona_hijack', 'es', 0.3, [['sin', 'ninguna', 'ningun',
    'libre de'], gap(1), opt('etica*', 'moral*'), RESTRICTIONS]),
  phrase('es.persona.from-now-on', 'persona_hijack', 'es', 0.3, [['a partir de ahora',
    'desde ahora', 'de ahora en adelante'], ['eres', 'seras', 'vas a']]),
  phrase('es.persona.anything', 'persona_hijack', 'es', 0.45, [['puede', 'puedes', 'capaz de',
    'pueda'], ['hacer', 'decir'], ['cualquier cosa', 'lo que sea', 'todo']]),
  phrase('es.persona.stay-in-role', 'persona_hijack', 'es', 0.3, [['no salgas del personaje',
    'mantente en el personaje', 'sigue en el personaje', 'no rompas el personaje']]),
  // --- system prompt extraction
  phrase('es.extract.your-prompt', 'system_prompt_extraction', 'es', 0.85, [REVEAL, gap(4), YOUR,
    gap(1), SECRET_PROMPT]),
  phrase('es.extract.your-rules', 'system_prompt_extraction', 'es', 0.55, [REVEAL, gap(2), YOUR,
    gap(1), ['instrucciones', 'reglas', 'indicaciones', 'directrices', 'normas', 'programacion']]),
  phrase('es.extract.the-prompt', 'system_prompt_extraction', 'es', 0.5, [REVEAL, gap(2), ['el',
    'la', 'los', 'las'], gap(1), SYSTEM_PROMPT]),
  phrase('es.extract.hidden', 'system_prompt_extraction', 'es', 0.7, [REVEAL, gap(3),
    ['instruccion*', 'regla*', 'indicacion*', 'directriz', 'directrices'], ['oculta*', 'secreta*',
    'confidencial*', 'interna*']]),
  phrase('es.extract.told-before', 'system_prompt_extraction', 'es', 0.8, [['que te dijeron',
    'que te han dicho', 'que instrucciones te dieron', 'que instrucciones recibiste',
    'que te ordenaron', 'que se te dijo', 'que le dijeron', 'que instrucciones tienes',
    'que reglas te dieron'], gap(3), ['antes', 'al principio', 'inicialmente', 'previamente',
    'al inicio', 'al comienzo']]),
  phrase('es.extract.text-above', 'system_prompt_extraction', 'es', 0.65, [['muestra*', 'repite*',
    'copia*', 'imprime*', 'escribe*', 'dame'], gap(2), ['el texto', 'todo', 'las palabras',
    'el contenido', 'los mensajes', 'las lineas'], gap(3), ['arriba', 'anterior a este',
    'antes de este mensaje', 'de arriba', 'que precede']]),
  phrase('es.extract.given-to-you', 'system_prompt_extraction', 'es', 0.6, [['reglas',
    'instrucciones', 'indicaciones', 'directrices', 'normas'], gap(3), ['te configuraron',
    'te dieron', 'te programaron', 'recibiste', 'te definen', 'te han dado', 'te pusieron',
    'te ordenaron']]),
  phrase('es.extract.verbatim', 'system_prompt_extraction', 'es', 0.25, [['palabra por palabra',
    'tal cual', 'textualmente', 'literalmente', 'al pie de la letra', 'en un bloque de codigo',
    'integramente']]),
  // --- developer mode
  phrase('es.mode.enabled', 'developer_mode', 'es', 0.35, [['modo desarrollador',
    'modo de desarrollador', 'modo depuracion', 'modo admin', 'modo administrador',
    'modo mantenimiento'], gap(1), ['activado', 'activo', 'encendido', 'on']]),
  phrase('es.mode.strong-enabled', 'developer_mode', 'es', 0.6, [['modo jailbreak', 'modo dan',
    'modo sin filtros', 'modo sin censura', 'modo sin restricciones', 'modo libre', 'modo malvado'],
    gap(1), ['activado', 'activo', 'encendido', 'on']]),
  phrase('es.mode.switch', 'developer_mode', 'es', 0.4, [['entra en', 'entre en', 'pasa a',
    'pase a', 'activa', 'active', 'cambia a', 'cambie a'], gap(1), ['modo dios', 'modo sudo',
    'modo admin', 'modo jailbreak', 'modo desarrollador', 'modo dan', 'modo sin filtros',
    'modo sin censura', 'modo sin restricciones']]),
  phrase('es.mode.god-sudo', 'developer_mode', 'es', 0.45, [['modo dios', 'modo sudo', 'modo root'],
    gap(1), ['activado', 'activo', 'encendido', 'on']]),
  phrase('es.mode.safety-off', 'developer_mode', 'es', 0.55, [['filtros', 'reglas', 'restricciones',
    'protocolos', 'seguridad', 'politicas'], gap(2), ['desactivad*', 'eliminad*', 'apagad*',
    'suspendid*', 'levantad*', 'quitad*']]),
  // --- refusal suppression
  phrase('es.refusal.without-refusing', 'refusal_suppression', 'es', 0.55, [['sin negarte',
    'sin negarte nunca', 'sin nunca negarte', 'sin rechazar', 'sin rechazar nada', 'sin decir que no',
    'sin ninguna negativa']]),
  phrase('es.refusal.never-refuse', 'refusal_suppression', 'es', 0.4, [['nunca', 'no', 'jamas',
    'en ningun caso'], gap(1), ['te niegues', 'rechaces', 'te negaras', 'digas que no',
    'rechazaras', 'se niegue', 'rechace', 'negarte', 'rechazar', 'negarse']]),
  phrase('es.refusal.never-refuse-request', 'refusal_suppression', 'es', 0.7, [['nunca', 'no',
    'jamas', 'en ningun caso'], gap(1), ['te niegues', 'rechaces', 'te negaras', 'rechazaras',
    'se niegue', 'rechace', 'negarte', 'rechazar'], gap(2), ['peticion*', 'pregunta*', 'solicitud*',
    'orden', 'ordenes', 'tarea*', 'nada', 'responder']]),
  phrase('es.refusal.no-circumstances', 'refusal_suppression', 'es', 0.6,
    [['bajo ninguna circunstancia', 'en ningun caso', 'pase lo que pase'], gap(3), ['negarte',
    'negarse', 'rechazar', 'te niegues', 'rechaces', 'disculparte', 'advertir']]),
  phrase('es.refusal.dont-say-cant', 'refusal_suppression', 'es', 0.65, [['no digas', 'no diga',
    'nunca digas', 'no respondas'], gap(1), ['que no puedes', 'que no puede', 'no puedo',
    'lo siento', 'que eres incapaz', 'que no es posible', 'perdon']]),
  phrase('es.refusal.must-answer-everything', 'refusal_suppression', 'es', 0.55, [['debes',
    'tienes que', 'deberas', 'usted debe'], gap(1), ['a todas', 'a cada', 'todas', 'cada',
    'a cualquier'], gap(1), ['pregunta*', 'peticion*', 'solicitud*', 'orden', 'ordenes',
    'instruccion*']]),
  phrase('es.refusal.no-matter-how', 'refusal_suppression', 'es', 0.6, [['por muy', 'por mas',
    'sin importar lo', 'sin importar que', 'no importa lo', 'no importa que', 'da igual lo'],
    gap(3), HARMFUL]),
  phrase('es.refusal.even-if', 'refusal_suppression', 'es', 0.45, [['aunque', 'incluso si',
    'aun si'], gap(3), HARMFUL]),
  phrase('es.refusal.always-answer', 'refusal_suppression', 'es', 0.3, [['responde siempre',
    'contesta siempre', 'responde a todo', 'contesta a todo', 'obedece siempre']],
    { sentenceStart: true }),
  phrase('es.refusal.no-caveats', 'refusal_suppression', 'es', 0.4, [['sin', 'ningun', 'ninguna',
    'no anadas', 'no incluyas', 'ni', 'omite'], gap(2), CAVEATS]),
  phrase('es.refusal.caveat-list', 'refusal_suppression', 'es', 0.6, [['sin', 'ningun', 'ninguna',
    'no anadas', 'no incluyas'], gap(2), CAVEATS, gap(1), ['ni', 'o', 'y'], gap(2), CAVEATS]),
  phrase('es.refusal.no-apology', 'refusal_suppression', 'es', 0.35, [['no te disculpes',
    'no se disculpe', 'nunca te disculpes', 'no pidas perdon']]),
];
