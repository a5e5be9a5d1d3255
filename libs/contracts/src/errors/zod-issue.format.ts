import type { z } from 'zod';

export interface FormattedIssue {
  /** OpenAI-style parameter path, e.g. `messages[0].role`. */
  param: string | null;
  message: string;
  code: string;
}

export function issuePath(path: readonly PropertyKey[]): string | null {
  if (path.length === 0) return null;
  return path
    .map((segment, index) =>
      typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${String(segment)}`,
    )
    .join('');
}

/** Turns the first zod issue into one sentence a client developer can act on. */
export function formatZodIssue(error: z.ZodError): FormattedIssue {
  const issue = error.issues[0];
  if (!issue) return { param: null, message: 'Invalid request.', code: 'invalid_value' };
  const param = issuePath(issue.path);
  const where = param ? `'${param}'` : 'the request body';
  switch (issue.code) {
    case 'unrecognized_keys':
      return {
        param: issuePath([...issue.path, issue.keys[0] ?? '']),
        message: `Unrecognized request argument supplied: ${issue.keys.join(', ')}`,
        code: 'unknown_parameter',
      };
    case 'invalid_type':
      // zod 4 leaves `input` off issues unless asked; its message names what it received.
      if (issue.input === undefined && /received undefined/.test(issue.message)) {
        return {
          param,
          message: `Missing required parameter: ${where}.`,
          code: 'missing_required_parameter',
        };
      }
      return {
        param,
        message: `Invalid type for ${where}: expected ${issue.expected}.`,
        code: 'invalid_type',
      };
    case 'too_small':
    case 'too_big':
    case 'invalid_value':
    case 'invalid_format':
    case 'invalid_union':
    default:
      return {
        param,
        message: `Invalid value for ${where}: ${issue.message}`,
        code: 'invalid_value',
      };
  }
}
