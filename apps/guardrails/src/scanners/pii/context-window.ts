/**
 * Whether `pattern` occurs in the `window` characters before `start`. Bare numbers and generic
 * tokens are too ambiguous alone; a nearby label ("SSN", "phone", "api_key") is what people
 * write next to the real thing. Only the same line counts: a label two lines up is about
 * something else.
 */
export function hasContextBefore(
  text: string,
  start: number,
  pattern: RegExp,
  window = 48,
): boolean {
  return pattern.test(lineBefore(text, start, window));
}

/** Whether `pattern` occurs in the `window` characters after `end`, on the same line. */
export function hasContextAfter(text: string, end: number, pattern: RegExp, window = 32): boolean {
  const after = text.slice(end, Math.min(text.length, end + window));
  const lineEnd = after.indexOf('\n');
  return pattern.test(lineEnd === -1 ? after : after.slice(0, lineEnd));
}

/**
 * Up to `window` characters before `start`, cut at the last line break. Only the window is
 * searched: looking for the line start in the whole text would make every lookup O(n).
 */
export function lineBefore(text: string, start: number, window: number): string {
  const before = text.slice(Math.max(0, start - window), start);
  return before.slice(before.lastIndexOf('\n') + 1);
}
