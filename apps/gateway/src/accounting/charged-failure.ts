import { DomainError } from '@conduit/contracts';
import type { CallOutcome } from './call-outcome';

/**
 * A failure after the model already answered (its answer was blocked): the caller gets the
 * error, the usage event still gets what the call cost.
 */
export class ChargedFailure extends Error {
  constructor(
    readonly error: DomainError,
    readonly outcome: CallOutcome,
  ) {
    super(error.message);
  }
}
