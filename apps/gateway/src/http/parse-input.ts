import { formatZodIssue, ValidationError } from '@conduit/contracts';
import type { z } from 'zod';
import { InvalidScalarInputError } from './invalid-scalar-input.error';

/**
 * Validates a body, query or path parameter against a contract schema, naming the offending
 * parameter. A refused single string keeps its value, so the error filter can report it as the
 * path parameter it came from rather than as a body error.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = formatZodIssue(result.error);
  const options = { code: issue.code, param: issue.param };
  if (typeof input === 'string') {
    const reason = result.error.issues[0]?.message ?? 'not a valid value';
    throw new InvalidScalarInputError(issue.message, options, input, reason);
  }
  throw new ValidationError(issue.message, options);
}
