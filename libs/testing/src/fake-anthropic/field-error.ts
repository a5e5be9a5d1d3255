import { invalidRequest, type AnthropicErrorReply } from './anthropic-error';

/**
 * Anthropic validates bodies with pydantic and reports the first problem as
 * `<dotted path>: <pydantic message>`, e.g. `messages.0.content.1.text.text: Field required`.
 */
export function fieldError(path: string, problem: string): AnthropicErrorReply {
  return invalidRequest(`${path}: ${problem}`);
}

export const FIELD_REQUIRED = 'Field required';
export const EXTRA_FORBIDDEN = 'Extra inputs are not permitted';
export const NOT_AN_OBJECT = 'Input should be a valid dictionary or object to extract fields from';
export const NOT_A_STRING = 'Input should be a valid string';
export const NOT_A_LIST = 'Input should be a valid list';

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The first key of `value` not in `allowed`, reported as pydantic's `extra_forbidden`. */
export function extraField(
  path: string,
  value: Record<string, unknown>,
  allowed: ReadonlySet<string>,
): AnthropicErrorReply | undefined {
  const extra = Object.keys(value).find((key) => !allowed.has(key));
  return extra === undefined ? undefined : fieldError(join(path, extra), EXTRA_FORBIDDEN);
}

export function join(path: string, key: string | number): string {
  return path === '' ? String(key) : `${path}.${key}`;
}
