import { ValidationError, type DomainErrorOptions } from '@conduit/contracts';

/**
 * A single value (not a body or query object) that failed its schema. Controllers validate path
 * parameters with the same `parseInput` as bodies, and only the request knows which parameter
 * the value came from: the error filter turns this into an error naming it (see
 * `inPathParameter`). Anywhere else it stays the plain validation error it extends.
 */
export class InvalidScalarInputError extends ValidationError {
  constructor(
    message: string,
    options: DomainErrorOptions,
    /** The value that was refused, to find the path parameter it came from. */
    readonly input: string,
    /** Why the schema refused it, without any sentence around it. */
    readonly reason: string,
  ) {
    super(message, options);
  }
}
