import { formatZodIssue, ValidationError } from '@conduit/contracts';
import type { z } from 'zod';

/** Validates a body or query against a contract schema, naming the offending parameter. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = formatZodIssue(result.error);
  throw new ValidationError(issue.message, { code: issue.code, param: issue.param });
}
