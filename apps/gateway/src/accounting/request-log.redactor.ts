/**
 * A first line of defence for request logs until the guardrails service redacts PII and
 * secrets properly (issue 5): the obvious shapes of secrets and personal data are replaced
 * before a prompt or answer is stored.
 *
 * This runs on the gateway's event loop over caller text, so every step is linear in the text
 * (issue 12): each pattern either starts only where a run of its characters starts (a
 * look-behind instead of `\b`, which lets a pattern restart inside a long run and rescan it from
 * every position) or has bounded repetitions, and the text is cut to a length first.
 */

/**
 * Longest text redacted (and returned): the request log keeps 64 KiB of a request anyway, and
 * the cut comes before any pattern runs, so no caller can make redaction slower than this.
 */
export const MAX_REDACTED_CHARS = 65_536;

const KEY_BEGIN = /-----BEGIN [A-Z ]{0,40}PRIVATE KEY-----/g;
const KEY_END = /-----END [A-Z ]{0,40}PRIVATE KEY-----/g;
/**
 * The lines of key material after a BEGIN line, for a key cut short: every line starts with a
 * line break (real, or JSON's `\n` escape), which no base64 character is, so there is only one
 * way to split the text into lines; a line with anything else on it (prose) ends the block, and so does the
 * quote closing a JSON string.
 */
const KEY_BODY = /(?:(?:\r?\n|\\r\\n|\\n)[ \t]*[A-Za-z0-9+/=]+[ \t]*(?=[\r\n"]|\\[rn]|$))*/y;

const PATTERNS: Array<[RegExp, string]> = [
  [/(?<![\w-])eyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}\b/g, '<JWT>'],
  [/(?<![\w-])(?:sk|pk|rk)-[A-Za-z0-9_-]{16,}\b/g, '<API_KEY>'],
  [/\bAKIA[0-9A-Z]{16}\b/g, '<API_KEY>'],
  [/\bBearer\s{1,16}[A-Za-z0-9._~+/=-]{8,}/gi, 'Bearer <SECRET>'],
  // Starting only where a run of address characters starts finds the same addresses as starting
  // anywhere (a later start in the run can only match what the first one does) in one pass.
  [/(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, '<EMAIL>'],
  // Card numbers, IBAN-like and phone-like digit runs (spaces and dashes allowed inside).
  [/\b[A-Z]{2}\d{2}(?:[ -]?[A-Z0-9]{4}){3,7}\b/g, '<IBAN>'],
  [/(?<![\w.])\+?\d(?:[ ().-]?\d){8,18}(?![\w.])/g, '<NUMBER>'],
];

/**
 * `text` with secrets and personal data replaced, cut to its first `maxChars` characters
 * before anything else is done (so the result is at most that long plus what the
 * placeholders add).
 */
export function redactForLog(text: string, maxChars = MAX_REDACTED_CHARS): string {
  let redacted = redactPrivateKeys(text.length > maxChars ? text.slice(0, maxChars) : text);
  for (const [pattern, replacement] of PATTERNS) redacted = redacted.replace(pattern, replacement);
  return redacted;
}

/**
 * Private key blocks, BEGIN to END. A block without its END line (pasted short, or cut by the
 * length limit) is still a key: it is replaced as far as key material goes. The END search
 * only moves forward, and once it has failed it is not repeated, so a text of many BEGIN
 * lines costs one pass rather than one pass per line.
 */
function redactPrivateKeys(text: string): string {
  if (!text.includes('PRIVATE KEY-----')) return text;
  let out = '';
  let copied = 0;
  let endSearchFailed = false;
  KEY_BEGIN.lastIndex = 0;
  for (let begin = KEY_BEGIN.exec(text); begin !== null; begin = KEY_BEGIN.exec(text)) {
    const bodyStart = begin.index + begin[0].length;
    let blockEnd: number | undefined;
    if (!endSearchFailed) {
      KEY_END.lastIndex = bodyStart;
      const end = KEY_END.exec(text);
      if (end === null) endSearchFailed = true;
      else blockEnd = end.index + end[0].length;
    }
    if (blockEnd === undefined) {
      KEY_BODY.lastIndex = bodyStart;
      KEY_BODY.exec(text);
      blockEnd = KEY_BODY.lastIndex;
    }
    out += `${text.slice(copied, begin.index)}<PRIVATE_KEY>`;
    copied = blockEnd;
    KEY_BEGIN.lastIndex = blockEnd;
  }
  return out + text.slice(copied);
}
