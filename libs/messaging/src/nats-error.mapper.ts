import {
  DomainError,
  InternalError,
  ServiceUnavailableError,
  TimeoutError,
  ValidationError,
} from '@conduit/contracts';
import { ErrorCode, NatsError } from 'nats';

/** Transport failures of a request become taxonomy errors a caller can act on. */
export function mapNatsError(error: unknown, subject: string, timeoutMs: number): DomainError {
  if (error instanceof DomainError) return error;
  if (error instanceof NatsError) {
    switch (error.code as ErrorCode) {
      case ErrorCode.NoResponders:
        return new ServiceUnavailableError(
          `No ${subject.split('.')[0]} service is available to handle '${subject}'.`,
          { code: 'no_responders' },
        );
      case ErrorCode.Timeout:
        return new TimeoutError(`'${subject}' did not answer within ${timeoutMs} ms.`, {
          code: 'request_timeout',
        });
      case ErrorCode.MaxPayloadExceeded:
        return new ValidationError('The request is larger than the message bus accepts.', {
          code: 'request_too_large',
        });
      case ErrorCode.ConnectionClosed:
      case ErrorCode.Disconnect:
      case ErrorCode.ConnectionDraining:
        return new ServiceUnavailableError('The message bus (NATS) is not connected.', {
          code: 'bus_unavailable',
        });
      default:
        return new ServiceUnavailableError(`Message bus error on '${subject}': ${error.message}`, {
          code: 'bus_error',
        });
    }
  }
  return new InternalError(`Unexpected failure calling '${subject}'.`, { cause: error });
}
