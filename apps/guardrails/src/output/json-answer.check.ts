import type { ChatCompletionRequest } from '@conduit/contracts';
import Ajv, { type ValidateFunction } from 'ajv';
import type { Finding } from '../scanners/finding';

type ResponseFormat = NonNullable<ChatCompletionRequest['response_format']>;

const ajv = new Ajv({ allErrors: false, strict: false, validateSchema: true });
/** Compiled validators by schema text; apps send the same few schemas over and over. */
const compiled = new Map<string, ValidateFunction | Error>();
const MAX_COMPILED = 256;

function validatorFor(schema: Record<string, unknown>): ValidateFunction | Error {
  const key = JSON.stringify(schema);
  let validator = compiled.get(key);
  if (!validator) {
    try {
      validator = ajv.compile(schema);
    } catch (error) {
      validator = error instanceof Error ? error : new Error(String(error));
    }
    if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value as string);
    compiled.set(key, validator);
  }
  return validator;
}

/**
 * Whether an answer is what `response_format` asked for: JSON (an object, for `json_object`),
 * valid against the schema for `json_schema`. Nothing to check for `text`.
 */
export function checkJsonAnswer(answer: string, format: ResponseFormat | null): Finding[] {
  if (!format || format.type === 'text') return [];
  let value: unknown;
  try {
    value = JSON.parse(answer);
  } catch {
    return [problem('invalid_json', 'the answer is not valid JSON', answer)];
  }
  if (format.type === 'json_object') {
    const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
    return isObject
      ? []
      : [problem('invalid_json', 'the answer is JSON but not an object', answer)];
  }
  const schema = format.json_schema.schema;
  if (!schema) return [];
  const validate = validatorFor(schema);
  if (validate instanceof Error) {
    return [
      problem(
        'invalid_schema',
        `the requested schema does not compile: ${validate.message}`,
        answer,
      ),
    ];
  }
  if (validate(value)) return [];
  const errors = (validate.errors ?? [])
    .slice(0, 3)
    .map((error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`)
    .join('; ');
  return [problem('schema_mismatch', `the answer does not match the schema: ${errors}`, answer)];
}

function problem(kind: string, reason: string, answer: string): Finding {
  return { kind, start: 0, end: answer.length, score: 1, reason };
}
