import type { FakeAnthropicTool, FakeMessagesRequest } from './fake-anthropic.types';
import { lastUserText } from './token-count';

/**
 * A `tool_use` input that satisfies the simple schemas tests use: one value per property of
 * `input_schema`, by the property's schema — its `const` or first `enum` value, else by
 * `type`: string → the last user message's text, number/integer → 1, boolean → true,
 * array → [], object → {}, anything else → null.
 */
export function defaultToolInput(
  request: FakeMessagesRequest,
  tool: FakeAnthropicTool,
): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const properties = tool.input_schema?.properties ?? {};
  for (const [name, schema] of Object.entries(properties)) {
    input[name] = placeholder(isRecord(schema) ? schema : {}, () => lastUserText(request));
  }
  return input;
}

function placeholder(schema: Record<string, unknown>, text: () => string): unknown {
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0] as unknown;
  const types: unknown[] = Array.isArray(schema.type) ? schema.type : [schema.type];
  switch (types.find((type) => type !== 'null')) {
    case 'string':
      return text();
    case 'number':
    case 'integer':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return [];
    case 'object':
      return {};
    default:
      return null;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
