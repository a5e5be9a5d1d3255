/** Marks a string value cut short, or left out, because the log's text budget was spent. */
const ELIDED = '…';

/** The strings of a request body, to be redacted one by one and put back in their places. */
export interface RequestLogTexts {
  /** Every string value of the body in serialisation order, cut to the budget. */
  texts: string[];
  /** The body with each string value replaced by the redacted text at its index. */
  rebuild(redacted: readonly string[]): unknown;
}

/**
 * Splits a request body into its string values (message text, tool arguments, names…) so each
 * is scanned as the text it is — not as JSON, where escapes (`\n` in a private key, `\"` around
 * a name) change what the detectors see — and the rebuilt body is still valid JSON. Object
 * keys stay as they are: they are the API's field names and the developer's schema properties.
 *
 * At most `maxChars` characters of string values are kept (the stored log keeps no more of a
 * request anyway), so a megabyte of base64 image costs the redaction nothing; a value cut
 * short, or left out, ends in `…`.
 */
export function requestLogTexts(body: unknown, maxChars: number): RequestLogTexts {
  const texts: string[] = [];
  let budget = maxChars;
  visit(body, (text) => {
    const kept = text.length <= budget ? text : `${text.slice(0, budget)}${ELIDED}`;
    budget = Math.max(0, budget - text.length);
    texts.push(kept);
    return text;
  });
  return {
    texts,
    rebuild: (redacted) => {
      let index = 0;
      return visit(body, () => redacted[index++] ?? ELIDED);
    },
  };
}

/** A copy of `value` with each string replaced by `map(string)`, in serialisation order. */
function visit(value: unknown, map: (text: string) => string): unknown {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map((item) => visit(item, map));
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      // As JSON.stringify: an undefined property is left out, so it takes no index.
      if (item !== undefined) copy[key] = visit(item, map);
    }
    return copy;
  }
  return value;
}
