/**
 * JSON as Claude writes a tool's input: `{"city": "Paris", "days": [1, 2]}`, a space after
 * every `:` and `,` (Python's `json.dumps` default). The spaces matter to the fake: they are
 * where the token formula splits, so `input_json_delta` arrives in several pieces.
 */
export function toJsonText(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .map(([key, item]) => `${JSON.stringify(key)}: ${toJsonText(item)}`);
    return `{${entries.join(', ')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
