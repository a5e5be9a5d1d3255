import { ValidationError } from '@conduit/contracts';
import { InvalidScalarInputError } from './invalid-scalar-input.error';

/**
 * A refused value that is one of the request's path parameters, reported as that parameter:
 * `param` names it and the message says it is in the URL path (a client would otherwise look
 * for the mistake in a body it may not even have sent). Any other error is returned unchanged.
 */
export function inPathParameter(error: unknown, params: unknown): unknown {
  if (!(error instanceof InvalidScalarInputError)) return error;
  if (params === null || typeof params !== 'object') return error;
  const name = Object.entries(params).find(([, value]) => value === error.input)?.[0];
  if (name === undefined) return error;
  return new ValidationError(`Invalid value for '${name}' in the request path: ${error.reason}`, {
    code: error.code,
    param: name,
  });
}
