/**
 * `target.push(...items)` without the spread: a spread passes every item as an argument, and a
 * hostile 1 MB text yields a hundred thousand findings, which overflows the call stack.
 */
export function appendAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}
