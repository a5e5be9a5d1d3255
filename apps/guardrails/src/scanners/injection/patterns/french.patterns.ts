import type { InjectionPattern } from '../injection-pattern';
import { gap, opt, phrase } from '../pattern.compiler';

// Normalised text has no accents (précédentes → precedentes) and straight apostrophes, which the
// compiler makes optional ("qu'on" matches "qu on" and "quon"). Adjectives usually follow the
// noun in French, so most phrases come in noun-adjective order with a variant for the other.
// prettier-ignore
const IGNORE = [
  'ignore*', 'oublie*', 'ne tiens pas compte', 'ne tenez pas compte', 'ne tiens plus compte',
  'ne prends plus en compte', 'ne prenez plus en compte', 'ne prends pas en compte',
  'ne tenez plus compte', 'fais abstraction', 'faites abstraction', 'neglige*', 'passe outre',
  'passez outre', 'outrepasse*', 'ecarte*', 'mets de cote', 'mettez de cote', 'laisse tomber',
  'laissez tomber', 'abandonne*', 'ne suis plus', 'ne suivez plus', 'ne respecte plus',
  'ne respectez plus', 'ne suis pas', 'ne suivez pas', 'desobeis', 'desobeissez', 'contourne*',
  'fais fi', 'faites fi', 'efface*',
];
// prettier-ignore
const INSTRUCTIONS = [
  'instruction*', 'consigne*', 'directive*', 'regle*', 'ordres', 'indication*', 'prompt*',
  'programmation', 'contrainte*', 'restriction*', 'politique*', 'garde-fou*', 'message systeme',
];
// prettier-ignore
const PRIOR = [
  'precedent*', 'anterieur*', 'ci-dessus', 'ci dessus', "d'avant", 'initiale*', 'originale*',
  "d'origine", 'de depart', 'du systeme', 'systeme', 'recue*', 'donnee*', 'fournie*', 'plus haut',
  'au-dessus', 'cachee*', 'de base', 'premiere*',
];
// prettier-ignore
const PRIOR_BEFORE_NOUN = [
  'precedentes', 'anterieures', 'premieres', 'precedents',
];
// prettier-ignore
const VOID = [
  'annulee*', 'annule*', 'revoquee*', 'caduque*', 'abrogee*', 'invalide*', 'ne sont plus valables',
  'ne sont plus valides', "n'est plus valable", "ne s'appliquent plus", 'ne comptent plus',
  'sont nulles', 'plus en vigueur', 'suspendue*', 'levee*',
];
// prettier-ignore
const AI = [
  'ia', 'i.a', 'intelligence artificielle', 'assistant*', 'chatbot', 'bot', 'modele', 'ai',
  'version', 'machine', 'entite', 'robot', 'programme',
];
// prettier-ignore
const RESTRICTIONS = [
  'filtre*', 'censure*', 'restriction*', 'limite*', 'regle*', 'contrainte*', 'morale*', 'ethique*',
  'tabou*', 'garde-fou*', 'principe*', 'scrupule*', 'interdit*', 'politique*', 'limitation*',
];
// prettier-ignore
const UNRESTRICTED = [
  'non filtre*', 'sans filtre*', 'non censure*', 'sans censure', 'sans restriction*',
  'sans limite*', 'libre*', 'malveillant*', 'amoral*', 'debride*', 'jailbreak*', 'sans regle*',
  'sans tabou*', 'diabolique*', 'malefique*', 'liberee*', 'libere*', 'sans aucune limite*',
];
// prettier-ignore
const BECOME = [
  'tu es', 'tu es maintenant', 'desormais tu es', 'a partir de maintenant tu es', 'tu seras',
  'deviens', 'devenez', 'agis comme', 'agissez comme', 'comporte-toi comme', 'joue', 'jouez',
  'incarne*', 'fais comme si tu etais', 'imagine que tu es', 'vous etes', 'vous etes maintenant',
  'simule*', 'tu vas etre', 'tu vas jouer', 'sois', 'soyez',
];
// prettier-ignore
const REVEAL = [
  'repete*', 'affiche*', 'revele*', 'montre*', 'donne*', 'ecris', 'ecrivez', 'ecrire', 'copie*',
  'imprime*', 'divulgue*', 'recite*', 'dis-moi', 'dites-moi', 'partage*', 'liste*', 'transmets',
  'transmettez', 'reproduis', 'reproduisez', 'quel est', 'quelle est', 'quels sont', 'quelles sont',
  'traduis', 'traduisez', 'envoie*', 'resume*',
];
// prettier-ignore
const YOUR = [
  'ton', 'ta', 'tes', 'votre', 'vos',
];
// prettier-ignore
const SYSTEM_PROMPT = [
  'prompt systeme', 'prompt du systeme', 'prompt de systeme', 'message systeme',
  'message du systeme',
];
// prettier-ignore
const SECRET_PROMPT = [
  ...SYSTEM_PROMPT, 'instruction* initiale*', 'instruction* systeme', 'instruction* du systeme',
  'instruction* cachee*', 'instruction* secrete*', "instruction* d'origine",
  'instruction* originale*', 'instruction* de depart', 'instruction* interne*',
  'instruction* confidentielle*', 'consigne* initiale*', 'consigne* cachee*', 'consigne* secrete*',
  'consigne* systeme', "consigne* d'origine", 'regle* cachee*', 'regle* secrete*', 'prompt initial',
  'prompt', 'pre-prompt',
];
// prettier-ignore
const HARMFUL = [
  'illegal*', "contraire* a l'ethique", 'immoral*', 'dangereu*', 'nuisible*', 'offensant*',
  'interdit*', 'malveillant*', 'contraire* aux regles',
];
// prettier-ignore
const CAVEATS = [
  'avertissement*', 'mise* en garde', 'disclaimer*', 'reserve*', 'precaution*', 'morale',
  'lecon* de morale', 'censure', 'refus', 'excuse*', 'mention* legale*', 'sermon*', 'nuance*',
];

// prettier-ignore
export const FRENCH_PATTERNS: readonly InjectionPattern[] = [
  // --- instruction override
  phrase('fr.override.prior', 'instruction_override', 'fr', 0.9, [IGNORE, gap(3), INSTRUCTIONS,
    gap(2), PRIOR], { negatable: true }),
  phrase('fr.override.yours', 'instruction_override', 'fr', 0.75, [IGNORE, opt('toutes', 'tous',
    'chacune de', 'chacun de'), ['tes', 'vos', 'ton', 'ta', 'votre'], gap(1), INSTRUCTIONS],
    { negatable: true }),
  phrase('fr.override.prior-before-noun', 'instruction_override', 'fr', 0.85, [IGNORE, gap(3),
    PRIOR_BEFORE_NOUN, INSTRUCTIONS], { negatable: true }),
  phrase('fr.override.old', 'instruction_override', 'fr', 0.45, [IGNORE, gap(3), INSTRUCTIONS,
    gap(1), ['anciennes', 'anciens', 'vieilles']]),
  phrase('fr.override.everything-told', 'instruction_override', 'fr', 0.75, [IGNORE, ['tout',
    'tout ce'], gap(4), ['dit', 'appris', 'ordonne', 'demande', 'programme', 'indique', 'precede',
    'inculque', 'dicte']], { negatable: true }),
  phrase('fr.override.the-above', 'instruction_override', 'fr', 0.7, [IGNORE, ['ce qui precede',
    'tout ce qui precede', 'le texte ci-dessus', 'tout ce qui est au-dessus', 'le texte precedent',
    "tout ce qu'il y a au-dessus", 'ce qui est ecrit au-dessus']], { negatable: true }),
  phrase('fr.override.outdated', 'instruction_override', 'fr', 0.45, [INSTRUCTIONS, gap(3),
    ['obsolete*', 'remplacee*', 'perimee*', 'depassee*']]),
  phrase('fr.override.void-prior', 'instruction_override', 'fr', 0.65, [INSTRUCTIONS, gap(1), PRIOR,
    gap(2), VOID], { negatable: true }),
  phrase('fr.override.your-void', 'instruction_override', 'fr', 0.6, [YOUR, gap(1), INSTRUCTIONS,
    gap(3), VOID], { negatable: true }),
  // Rules of a game or a club can be void too: without "your" or "previous", a weak cue.
  phrase('fr.override.void', 'instruction_override', 'fr', 0.35, [INSTRUCTIONS, gap(3), VOID],
    { negatable: true }),
  phrase('fr.override.given-to-you', 'instruction_override', 'fr', 0.75, [IGNORE, gap(2),
    INSTRUCTIONS, gap(1), ["qu'on vous a", "qu'on t'a", 'que vous avez recues', 'que tu as recues',
      "que l'on t'a", "qui t'ont ete", 'qui vous ont ete', 'que tu as eues']], { negatable: true }),
  phrase('fr.override.you-ignore', 'instruction_override', 'fr', 0.6, [['tu ignores',
    'vous ignorez', 'tu ignoreras', 'tu dois ignorer', 'tu peux ignorer', 'tu contournes',
    'tu peux contourner', 'vous pouvez contourner', 'contourner'], gap(3), INSTRUCTIONS]),
  phrase('fr.override.new-task', 'instruction_override', 'fr', 0.4, [['nouvelle', 'nouvelles',
    'vraie*', 'veritable*'], ['tache', 'consigne*', 'instruction*', 'mission', 'regle*']]),
  // --- persona hijack
  phrase('fr.persona.become-unrestricted', 'persona_hijack', 'fr', 0.85, [BECOME, gap(3), AI,
    gap(2), UNRESTRICTED]),
  phrase('fr.persona.become-unrestricted-before', 'persona_hijack', 'fr', 0.85, [BECOME, gap(2),
    UNRESTRICTED, gap(1), AI]),
  phrase('fr.persona.ai-without', 'persona_hijack', 'fr', 0.75, [AI, gap(4), ['sans', 'libre de',
    'libere de', 'liberee de', 'affranchi* de', 'qui ignore', 'non', 'aucune', 'aucun', 'pas de',
    'depourvu* de', "n'a aucune", "n'a pas de"], gap(2), RESTRICTIONS]),
  phrase('fr.persona.no-longer', 'persona_hijack', 'fr', 0.75, [["tu n'es plus", "vous n'etes plus",
    "tu n'es desormais plus", "tu n'es pas"], gap(2), ['lie*', 'limite*', 'soumis*', 'contraint*',
    'oblige*', 'tenu*', 'un assistant', 'une ia', 'chatgpt', 'claude', 'bride*', 'restreint*',
    'programme*']]),
  phrase('fr.persona.you-have-none', 'persona_hijack', 'fr', 0.6, [["tu n'as plus", "vous n'avez plus",
    "tu n'as aucune", "tu n'as aucun", "tu n'as pas de", "tu n'as desormais plus"], opt('aucune',
    'aucun', 'de'), RESTRICTIONS]),
  phrase('fr.persona.pretend', 'persona_hijack', 'fr', 0.8, [['fais comme si', 'faites comme si',
    'imagine que', 'imaginons que', 'suppose que', 'supposons que', 'fais semblant',
    'faites semblant'], gap(3), ['aucune', 'aucun', 'pas de', 'plus de', 'sans'], gap(2),
    RESTRICTIONS]),
  phrase('fr.persona.no-restrictions', 'persona_hijack', 'fr', 0.3, [['sans', 'aucune', 'aucun',
    'libre de'], gap(1), opt('morale', 'ethique', 'moraux'), RESTRICTIONS]),
  phrase('fr.persona.from-now-on', 'persona_hijack', 'fr', 0.3, [['a partir de maintenant',
    'desormais', 'dorenavant', "a partir d'aujourd'hui"], ['tu es', 'tu seras', 'tu vas',
    'vous etes', 'tu incarnes']]),
  phrase('fr.persona.anything', 'persona_hijack', 'fr', 0.45, [['peut', 'peux', 'pouvant',
    'capable de', 'capable'], gap(1), ['tout faire', 'tout dire', "faire n'importe quoi",
    "dire n'importe quoi"]]),
  phrase('fr.persona.stay-in-role', 'persona_hijack', 'fr', 0.3, [['reste dans ton personnage',
    'ne sors pas de ton personnage', 'ne sors jamais du personnage', 'reste dans ton role',
    'restez dans votre role']]),
  // --- system prompt extraction
  phrase('fr.extract.your-prompt', 'system_prompt_extraction', 'fr', 0.85, [REVEAL, gap(4), YOUR,
    gap(1), SECRET_PROMPT]),
  phrase('fr.extract.your-rules', 'system_prompt_extraction', 'fr', 0.55, [REVEAL, gap(2), YOUR,
    gap(1), ['instructions', 'consignes', 'regles', 'directives', 'programmation']]),
  phrase('fr.extract.the-prompt', 'system_prompt_extraction', 'fr', 0.5, [REVEAL, gap(2), ['le',
    'la', 'les'], gap(1), SYSTEM_PROMPT]),
  phrase('fr.extract.hidden', 'system_prompt_extraction', 'fr', 0.7, [REVEAL, gap(3),
    ['instruction*', 'consigne*', 'regle*', 'directive*'], ['cachee*', 'secrete*',
    'confidentielle*', 'interne*', 'masquee*']]),
  phrase('fr.extract.told-before', 'system_prompt_extraction', 'fr', 0.8,
    [["qu'est-ce qu'on t'a dit", "que t'a-t-on dit", "qu'on t'a dit", "qu'est-ce que l'on t'a dit",
    'quelles instructions as-tu recues', 'quelles consignes as-tu recues', 'que vous a-t-on dit',
    "qu'est-ce qu'on vous a dit", "quelles instructions t'a-t-on donnees", "que t'a dit"], gap(3),
    ['avant', 'au debut', 'initialement', 'auparavant', 'au depart', 'prealablement']]),
  phrase('fr.extract.text-above', 'system_prompt_extraction', 'fr', 0.65, [REVEAL, gap(2),
    ['le texte', 'tout', 'tout le texte', 'les mots', 'le contenu', 'les lignes', 'les messages'],
    gap(2), ['au-dessus', 'ci-dessus', 'plus haut', 'avant ce message', 'precedent*']]),
  phrase('fr.extract.given-to-you', 'system_prompt_extraction', 'fr', 0.6, [['regles',
    'instructions', 'consignes', 'directives'], gap(1), ['qui te', 'qui vous', 'que tu as',
    "qu'on t'a", "que le developpeur t'a", "qui t'ont ete", "que l'on t'a"], gap(1), ['configurent',
    'definissent', 'regissent', 'encadrent', 'gouvernent', 'recues', 'donnees', 'donne', 'fournies',
    'dictees', 'programme']]),
  phrase('fr.extract.verbatim', 'system_prompt_extraction', 'fr', 0.25, [['mot pour mot',
    'mot a mot', 'textuellement', 'tel quel', 'telles quelles', 'verbatim', 'exactement comme',
    'dans un bloc de code', 'en entier', 'integralement']]),
  // --- developer mode
  phrase('fr.mode.enabled', 'developer_mode', 'fr', 0.35, [['mode developpeur',
    'mode developpement', 'mode debug', 'mode admin', 'mode administrateur', 'mode maintenance'],
    gap(1), ['active*', 'actif', 'on', 'enclenche*']]),
  phrase('fr.mode.strong-enabled', 'developer_mode', 'fr', 0.6, [['mode jailbreak', 'mode dan',
    'mode sans filtre', 'mode non censure', 'mode sans restriction*', 'mode libre',
    'mode diabolique'], gap(1), ['active*', 'actif', 'on', 'enclenche*']]),
  phrase('fr.mode.switch', 'developer_mode', 'fr', 0.4, [['passe en', 'passez en', 'active',
    'activez', 'entre en', 'entrez en', 'bascule en', 'basculez en'], gap(1), ['mode dieu',
    'mode sudo', 'mode admin', 'mode jailbreak', 'mode developpeur', 'mode dan', 'mode sans filtre',
    'mode non censure', 'mode sans restriction*']]),
  phrase('fr.mode.god-sudo', 'developer_mode', 'fr', 0.45, [['mode dieu', 'mode sudo', 'mode root'],
    gap(1), ['active*', 'actif', 'on', 'enclenche*']]),
  phrase('fr.mode.safety-off', 'developer_mode', 'fr', 0.55, [['filtre*', 'regles', 'restrictions',
    'protocoles', 'garde-fous', 'securite*'], gap(2), ['desactive*', 'supprime*', 'leve*', 'coupe*',
    'eteint*', 'retire*']]),
  // --- refusal suppression
  phrase('fr.refusal.without-refusing', 'refusal_suppression', 'fr', 0.55, [['sans jamais refuser',
    'sans refuser', 'sans jamais dire non', 'sans aucun refus', 'sans jamais te defiler']]),
  phrase('fr.refusal.never-refuse-mine', 'refusal_suppression', 'fr', 0.7, [['ne refuse', 'ne refusez',
    'ne refuses', 'ne rejette', 'ne rejetez'], ['jamais', 'pas', 'plus'], opt('mes', 'les', 'aucune',
    'une', 'aucun', 'nos'), ['demande*', 'requete*', 'question*', 'ordres']]),
  phrase('fr.refusal.never-refuse', 'refusal_suppression', 'fr', 0.45, [['ne refuse', 'ne refusez',
    'ne refuses', 'ne decline', 'ne declinez', 'ne rejette'], gap(1), ['jamais', 'pas', 'aucun*',
    'rien', 'en aucun cas']]),
  phrase('fr.refusal.never-refuse-request', 'refusal_suppression', 'fr', 0.7, [['ne jamais',
    'jamais'], ['refuser', 'decliner', 'rejeter'], gap(1), ['une demande', 'les demandes',
    'une requete', 'une question', 'de repondre', 'aucune demande', 'rien']]),
  phrase('fr.refusal.no-circumstances', 'refusal_suppression', 'fr', 0.6, [['en aucun cas',
    'sous aucun pretexte', "quoi qu'il arrive"], gap(3), ['refuser', 'refuse*', 'decliner',
    "t'excuser", 'avertir']]),
  phrase('fr.refusal.dont-say-cant', 'refusal_suppression', 'fr', 0.65, [['ne dis', 'ne dites',
    'ne reponds', 'ne pretends'], gap(1), ['pas', 'jamais'], gap(1), ['que tu ne peux pas',
    'que vous ne pouvez pas', 'que tu ne peux', 'je ne peux pas', 'desole*', "que c'est impossible",
    'que tu es incapable', 'je suis desole*']]),
  phrase('fr.refusal.must-answer-everything', 'refusal_suppression', 'fr', 0.55, [['tu dois',
    'vous devez', 'tu repondras', 'vous repondrez'], gap(1), ['a toutes', 'a chaque', 'a tout',
    'toutes', 'chaque'], gap(1), ['question*', 'demande*', 'requete*', 'instruction*', 'ordres']]),
  phrase('fr.refusal.no-matter-how', 'refusal_suppression', 'fr', 0.6, [['peu importe',
    'quel que soit', 'quelle que soit', 'aussi', 'meme illegal*'], gap(3), HARMFUL]),
  phrase('fr.refusal.even-if', 'refusal_suppression', 'fr', 0.45, [['meme si', 'meme quand'], gap(3),
    HARMFUL]),
  phrase('fr.refusal.always-answer', 'refusal_suppression', 'fr', 0.3, [['reponds toujours',
    'repondez toujours', 'reponds a tout', 'repondez a tout', 'obeis toujours', 'obeissez toujours']],
    { sentenceStart: true }),
  phrase('fr.refusal.no-caveats', 'refusal_suppression', 'fr', 0.4, [['sans', 'aucun', 'aucune',
    "n'ajoute", "n'ajoutez", 'pas de', 'ni'], gap(2), CAVEATS]),
  phrase('fr.refusal.caveat-list', 'refusal_suppression', 'fr', 0.6, [['sans', 'aucun', 'aucune',
    "n'ajoute", 'pas de'], gap(2), CAVEATS, gap(1), ['ni', 'ou', 'et'], gap(2), CAVEATS]),
  phrase('fr.refusal.no-apology', 'refusal_suppression', 'fr', 0.35, [["ne t'excuse",
    'ne vous excusez'], ['pas', 'jamais']]),
];
