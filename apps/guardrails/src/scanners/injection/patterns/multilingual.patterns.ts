import type { AttackFamily, InjectionPattern, PatternLanguage } from '../injection-pattern';
import { raw } from '../pattern.compiler';
import { normaliseForScanning } from '../../normalise/text-normaliser';

/**
 * The core attacks — drop the earlier instructions, show the system prompt, become an AI
 * without limits — in languages beyond English, German, French and Spanish (which have full
 * pattern tables). Each is a few word groups that must all occur in one sentence, in any
 * order (word order differs: Turkish and Japanese put the verb last), within a short span.
 *
 * Words are written in their own script and passed through the scanner's normaliser when the
 * patterns are built, because matching runs on normalised text: homoglyph folding turns some
 * Cyrillic letters into Latin ones, accent stripping drops Devanagari vowel signs and kana
 * voicing marks. Writing the normalised forms by hand would be unreadable and brittle.
 */
interface Attack {
  id: string;
  family: AttackFamily;
  weight: number;
  /** Every group must match one of its words (a word may be a stem: it matches as a prefix). */
  groups: readonly (readonly string[])[];
}

/** Characters allowed between two groups: same sentence, short span. */
const GAP = '[^.!?;:\\n\u3002\uff01\uff1f]{0,40}';

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [items.slice()];
  return items.flatMap((item, index) =>
    permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [
      item,
      ...rest,
    ]),
  );
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const normalised = (word: string): string => normaliseForScanning(word).text.trim();

function build(lang: PatternLanguage, attacks: readonly Attack[]): InjectionPattern[] {
  return attacks.map((attack) => {
    const groups = attack.groups.map((words) => [...new Set(words.map(normalised))]);
    const alternations = groups.map((words) => `(?:${words.map(escape).join('|')})`);
    const source = permutations(alternations)
      .map((order) => order.join(GAP))
      .join('|');
    // The regex only runs on texts that contain a word of the most selective group (the one
    // whose shortest word is longest): short words like "sem" or "bez" occur inside ordinary
    // English words, and running every pattern on every text tripled the scan time.
    const selective = groups.reduce((best, words) =>
      Math.min(...words.map((w) => w.length)) > Math.min(...best.map((w) => w.length))
        ? words
        : best,
    );
    return raw(`${lang}.${attack.id}`, attack.family, lang, attack.weight, `(?:${source})`, {
      triggers: selective,
    });
  });
}

const override = (
  ignore: readonly string[],
  earlier: readonly string[],
  instructions: readonly string[],
): Attack => ({
  id: 'ignore-previous',
  family: 'instruction_override',
  weight: 0.8,
  groups: [ignore, earlier, instructions],
});
const extraction = (show: readonly string[], systemPrompt: readonly string[]): Attack => ({
  id: 'show-system-prompt',
  family: 'system_prompt_extraction',
  weight: 0.75,
  groups: [systemPrompt, show],
});
const unbound = (
  fromNow: readonly string[],
  without: readonly string[],
  limits: readonly string[],
): Attack => ({
  id: 'unbound-persona',
  family: 'persona_hijack',
  weight: 0.65,
  groups: [without, limits, fromNow],
});
const unboundWord = (fromNow: readonly string[], limitless: readonly string[]): Attack => ({
  id: 'unbound-persona-word',
  family: 'persona_hijack',
  weight: 0.65,
  groups: [limitless, fromNow],
});

// prettier-ignore
export const MULTILINGUAL_PATTERNS: readonly InjectionPattern[] = [
  ...build('it', [
    override(['ignora', 'ignorare', 'dimentica', 'trascura'], ['precedent', 'in precedenza', 'sopra', 'finora'], ['istruzion', 'regole', 'indicazion']),
    extraction(['mostra', 'rivela', 'stampa', 'ripeti', 'dimmi'], ['prompt di sistema', 'istruzioni di sistema', 'tue istruzioni', 'prompt iniziale']),
    unbound(['da ora in poi', "d'ora in poi", 'ora sei', 'adesso sei', 'sei ora'], ['senza'], ['restrizion', 'limit', 'filtr', 'censur', 'regole']),
  ]),
  ...build('pt', [
    override(['ignore', 'ignora', 'esqueça', 'esqueca', 'desconsidere'], ['anterior', 'acima', 'prévias', 'previas'], ['instruç', 'instruc', 'regras', 'orientaç', 'orientac']),
    extraction(['mostre', 'mostra', 'revele', 'imprima', 'repita', 'diga'], ['prompt de sistema', 'prompt do sistema', 'instruções do sistema', 'instrucoes do sistema', 'suas instruções', 'suas instrucoes']),
    unbound(['a partir de agora', 'de agora em diante', 'agora você é', 'agora voce e'], ['sem'], ['restriç', 'restric', 'limite', 'filtro', 'censura', 'regras']),
  ]),
  ...build('nl', [
    override(['negeer', 'vergeet'], ['vorige', 'voorgaande', 'eerdere', 'bovenstaande'], ['instructies', 'regels', 'aanwijzingen']),
    extraction(['laat', 'toon', 'geef', 'herhaal'], ['systeemprompt', 'systeem prompt', 'systeeminstructies', 'je instructies']),
    unbound(['vanaf nu', 'je bent nu', 'nu ben je'], ['zonder'], ['regels', 'beperking', 'filter', 'censuur']),
  ]),
  ...build('pl', [
    override(['zignoruj', 'ignoruj', 'zapomnij'], ['poprzedni', 'wcześniejsz', 'wczesniejsz', 'powyższ', 'powyzsz'], ['instrukcj', 'polece', 'zasad']),
    extraction(['pokaż', 'pokaz', 'ujawnij', 'wypisz', 'powtórz', 'powtorz'], ['prompt systemowy', 'instrukcje systemowe', 'swoje instrukcje', 'twoje instrukcje']),
    unbound(['od teraz', 'teraz jesteś', 'teraz jestes'], ['bez'], ['ograniczeń', 'ograniczen', 'zasad', 'filtr', 'cenzur']),
  ]),
  ...build('tr', [
    override(['yok say', 'görmezden gel', 'gormezden gel', 'unut'], ['önceki', 'onceki', 'yukarıdaki', 'yukaridaki'], ['talimat', 'komut', 'kural']),
    extraction(['göster', 'goster', 'açıkla', 'acikla', 'yaz', 'tekrarla'], ['sistem komut', 'sistem istem', 'sistem talimat']),
    unboundWord(['artık', 'artik', 'bundan sonra', 'şu andan itibaren', 'su andan itibaren'], ['kısıtlamasız', 'kisitlamasiz', 'sınırsız', 'sinirsiz', 'filtresiz', 'kuralsız', 'kuralsiz']),
  ]),
  ...build('sv', [
    override(['ignorera', 'glöm', 'glom'], ['tidigare', 'ovanstående', 'ovanstaende', 'föregående', 'foregaende'], ['instruktioner', 'regler']),
    extraction(['visa', 'avslöja', 'avsloja', 'skriv ut', 'upprepa'], ['systemprompt', 'systeminstruktioner', 'dina instruktioner']),
    unbound(['från och med nu', 'fran och med nu', 'du är nu', 'du ar nu'], ['utan'], ['regler', 'begränsning', 'begransning', 'filter', 'censur']),
  ]),
  ...build('id', [
    override(['abaikan', 'lupakan'], ['sebelumnya', 'di atas'], ['instruksi', 'perintah', 'aturan']),
    extraction(['tampilkan', 'tunjukkan', 'ungkapkan', 'ulangi'], ['prompt sistem', 'instruksi sistem', 'instruksi anda', 'instruksimu']),
    unbound(['mulai sekarang', 'sekarang kamu', 'sekarang anda'], ['tanpa'], ['batasan', 'aturan', 'filter', 'sensor']),
  ]),
  ...build('vi', [
    override(['bỏ qua', 'phớt lờ', 'quên'], ['trước đó', 'trước', 'ở trên'], ['hướng dẫn', 'chỉ dẫn', 'chỉ thị', 'quy tắc']),
    extraction(['cho tôi xem', 'hiển thị', 'tiết lộ', 'in ra', 'lặp lại'], ['lời nhắc hệ thống', 'prompt hệ thống', 'hướng dẫn hệ thống']),
    unbound(['từ bây giờ', 'bây giờ bạn là'], ['không có', 'không bị'], ['giới hạn', 'hạn chế', 'bộ lọc', 'quy tắc']),
  ]),
  ...build('ru', [
    override(['игнорируй', 'игнорируйте', 'проигнорируй', 'забудь', 'забудьте'], ['предыдущ', 'прошл', 'выше'], ['инструкци', 'указани', 'правил']),
    extraction(['покажи', 'покажите', 'выведи', 'раскрой', 'повтори'], ['системный промпт', 'системные инструкции', 'системное сообщение', 'свои инструкции', 'твои инструкции']),
    unbound(['теперь ты', 'с этого момента', 'отныне'], ['без'], ['ограничени', 'фильтр', 'цензур', 'правил']),
  ]),
  ...build('zh', [
    override(['忽略', '无视', '無視', '忘记', '忘記', '忽视', '忽視'], ['之前', '以前', '先前', '上面', '上述', '前面'], ['指令', '指示', '说明', '說明', '规则', '規則', '提示']),
    extraction(['告诉我', '告訴我', '显示', '顯示', '输出', '輸出', '泄露', '重复', '重複', '打印', '给我看'], ['系统提示', '系統提示', '系统指令', '系統指令', '系统消息', '初始指令', '你的指令', '你的提示词']),
    unboundWord(['从现在开始', '從現在開始', '现在你是', '你现在是', '現在你是'], ['没有任何限制', '沒有任何限制', '不受限制', '没有限制', '沒有限制', '无限制', '無限制', '不受任何约束']),
  ]),
  ...build('ja', [
    override(['無視', '忘れて'], ['以前の', '前の', 'これまでの', '上記の'], ['指示', '命令', 'ルール', '指令']),
    extraction(['表示', '見せて', '教えて', '出力'], ['システムプロンプト', 'システム指示', '初期指示']),
    unboundWord(['これから', '今から', 'これ以降'], ['制限のない', '制限なし', '制限なく', 'フィルターなし', '制約のない']),
  ]),
  ...build('ko', [
    override(['무시', '잊어'], ['이전', '앞의', '위의'], ['지시', '명령', '지침', '규칙']),
    extraction(['보여', '알려', '출력', '공개'], ['시스템 프롬프트', '시스템 지시', '시스템 메시지']),
    unboundWord(['지금부터', '이제부터', '이제 너는'], ['제한 없는', '제한이 없는', '제한없이', '필터 없는']),
  ]),
  ...build('ar', [
    override(['تجاهل', 'انس', 'اهمل', 'أهمل'], ['السابقة', 'أعلاه', 'السابق'], ['التعليمات', 'الأوامر', 'القواعد', 'الإرشادات']),
    extraction(['اكشف', 'أظهر', 'اعرض', 'اطبع', 'كرر'], ['موجه النظام', 'تعليمات النظام', 'رسالة النظام', 'تعليماتك']),
    unbound(['من الآن', 'أنت الآن'], ['بدون', 'دون'], ['قيود', 'حدود', 'فلاتر', 'رقابة']),
  ]),
  ...build('hi', [
    override(['अनदेखा', 'नज़रअंदाज़', 'नजरअंदाज', 'भूल जाओ', 'भूल जाइए'], ['पिछले', 'पहले के', 'ऊपर'], ['निर्देश', 'नियम', 'आदेश']),
    extraction(['दिखाओ', 'दिखाइए', 'बताओ', 'बताइए', 'प्रकट'], ['सिस्टम प्रॉम्प्ट', 'सिस्टम निर्देश', 'अपने निर्देश']),
    unbound(['अब से', 'अब तुम'], ['बिना'], ['प्रतिबंध', 'सीमा', 'फ़िल्टर', 'नियम']),
  ]),
];
