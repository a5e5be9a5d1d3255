/**
 * NUL (Postgres text and jsonb refuse it) and any UTF-16 surrogate that is not half of a pair
 * (UTF-8 cannot encode it: pg would silently turn it into U+FFFD, jsonb refuses `\udXXX`
 * escapes). In `u` mode a well-formed pair is one code point, so `\p{Cs}` meets only the lone
 * halves, and the scan is one linear pass.
 */
const UNSTORABLE = /[\0\p{Cs}]/gu;
const HAS_UNSTORABLE = /[\0\p{Cs}]/u;

/** What an unstorable character becomes: visibly "something was here", never silently gone. */
export const REPLACEMENT_CHARACTER = '\uFFFD';

/**
 * Text Postgres stores as given: NUL and lone surrogates become U+FFFD, the rest is untouched.
 * Applied to every caller-influenced string bound for a text column, so an event is never
 * refused (and redelivered forever) for its bytes.
 */
export function storableText(text: string): string {
  return HAS_UNSTORABLE.test(text) ? text.replace(UNSTORABLE, REPLACEMENT_CHARACTER) : text;
}

/**
 * `value` with `storableText` applied to every string in it, object keys included (jsonb
 * refuses them in keys too). Same shape and type; arrays and plain objects are copied only
 * when something in them changed.
 */
export function storableJson<T>(value: T): T {
  return storable(value) as T;
}

function storable(value: unknown): unknown {
  if (typeof value === 'string') return storableText(value);
  if (Array.isArray(value)) {
    const items = value as unknown[];
    let copy: unknown[] | undefined;
    items.forEach((item, index) => {
      const clean = storable(item);
      if (clean !== item) (copy ??= [...items])[index] = clean;
    });
    return copy ?? items;
  }
  if (isPlainObject(value)) {
    let changed = false;
    const entries = Object.entries(value).map(([key, item]) => {
      const cleanKey = storableText(key);
      const clean = storable(item);
      if (cleanKey !== key || clean !== item) changed = true;
      return [cleanKey, clean] as const;
    });
    return changed ? Object.fromEntries(entries) : value;
  }
  return value;
}

/** Only JSON-shaped objects are walked; Dates, Buffers and class instances pass as they are. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
