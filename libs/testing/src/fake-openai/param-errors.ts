import { invalidRequest, type OpenAIErrorReply } from './openai-error';

/** OpenAI's 400 for an absent required field. */
export function missing(param: string): OpenAIErrorReply {
  return invalidRequest(
    `Missing required parameter: '${param}'.`,
    param,
    'missing_required_parameter',
  );
}

/** OpenAI's 400 for a field of the wrong JSON type. */
export function invalidType(param: string, expected: string, value: unknown): OpenAIErrorReply {
  return invalidRequest(
    `Invalid type for '${param}': expected ${expected}, but got ${describe(value)} instead.`,
    param,
    'invalid_type',
  );
}

/** An optional integer field, checked against its bounds with OpenAI's wording. */
export function checkOptionalInteger(
  body: Record<string, unknown>,
  param: string,
  min: number,
  max?: number,
): OpenAIErrorReply | undefined {
  const value = body[param];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value))
    return invalidType(param, 'an integer', value);
  if (value < min) {
    return invalidRequest(
      `Invalid '${param}': integer below minimum value. Expected a value >= ${min}, but got ${value} instead.`,
      param,
      'integer_below_min_value',
    );
  }
  if (max !== undefined && value > max) {
    return invalidRequest(
      `Invalid '${param}': integer above maximum value. Expected a value <= ${max}, but got ${value} instead.`,
      param,
      'integer_above_max_value',
    );
  }
  return undefined;
}

// The article-and-noun phrasing OpenAI uses in its type errors.
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return 'a string';
    case 'number':
      return Number.isInteger(value) ? 'an integer' : 'a decimal';
    case 'boolean':
      return 'a boolean';
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
