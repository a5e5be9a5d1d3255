import type { ChatCompletionRequest } from '@conduit/contracts';

type ResponseFormat = NonNullable<ChatCompletionRequest['response_format']>;

const MAX_DEPTH = 64;
/** A stream's windows share its schema object: its literals are worked out once per stream. */
const cache = new WeakMap<object, ReadonlySet<string>>();

/**
 * The strings a `json_schema` response format allows literally (`enum` and `const` values,
 * anywhere in the schema). The caller wrote them, so an answer that picks one discloses nothing:
 * redacting it (an e-mail address as an enum value) would only break the answer's schema.
 */
export function schemaLiterals(format: ResponseFormat | null | undefined): ReadonlySet<string> {
  const schema = format?.type === 'json_schema' ? format.json_schema.schema : undefined;
  if (!schema) return EMPTY;
  let literals = cache.get(schema);
  if (!literals) {
    const found = new Set<string>();
    collect(schema, found, 0);
    literals = found;
    cache.set(schema, literals);
  }
  return literals;
}

const EMPTY: ReadonlySet<string> = new Set();

function collect(node: unknown, into: Set<string>, depth: number): void {
  if (depth > MAX_DEPTH || typeof node !== 'object' || node === null) return;
  if (Array.isArray(node)) {
    for (const item of node) collect(item, into, depth + 1);
    return;
  }
  const record = node as Record<string, unknown>;
  if (typeof record.const === 'string') into.add(record.const);
  if (Array.isArray(record.enum)) {
    for (const value of record.enum) if (typeof value === 'string') into.add(value);
  }
  for (const [key, value] of Object.entries(record)) {
    if (key !== 'enum' && key !== 'const') collect(value, into, depth + 1);
  }
}
