import type { ErrorPayload } from './error-payload.schema';
import type { ErrorType } from './error-type';

export interface DomainErrorOptions {
  code?: string | null;
  param?: string | null;
  details?: Record<string, unknown>;
  cause?: unknown;
}

/**
 * Base of every error a service throws on purpose. It is data: it crosses NATS as an
 * ErrorPayload and the gateway maps its `type` to an HTTP status and OpenAI's error shape.
 */
export abstract class DomainError extends Error {
  abstract readonly type: ErrorType;
  readonly code: string | null;
  readonly param: string | null;
  readonly details?: Record<string, unknown>;

  constructor(message: string, options: DomainErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code ?? null;
    this.param = options.param ?? null;
    this.details = options.details;
  }

  toPayload(): ErrorPayload {
    return {
      type: this.type,
      message: this.message,
      code: this.code,
      param: this.param,
      ...(this.details ? { details: this.details } : {}),
    };
  }
}

export class ValidationError extends DomainError {
  readonly type = 'validation_error';
}
export class AuthenticationError extends DomainError {
  readonly type = 'authentication_error';
}
export class PermissionDeniedError extends DomainError {
  readonly type = 'permission_denied';
}
export class NotFoundError extends DomainError {
  readonly type = 'not_found';
}
export class RateLimitExceededError extends DomainError {
  readonly type = 'rate_limit_exceeded';
}
export class BudgetExceededError extends DomainError {
  readonly type = 'budget_exceeded';
}
export class ContextLengthExceededError extends DomainError {
  readonly type = 'context_length_exceeded';
}
export class ContentFilteredError extends DomainError {
  readonly type = 'content_filtered';
}
export class ProviderError extends DomainError {
  readonly type = 'provider_error';
}
export class TimeoutError extends DomainError {
  readonly type = 'timeout';
}
export class ServiceUnavailableError extends DomainError {
  readonly type = 'service_unavailable';
}
export class InternalError extends DomainError {
  readonly type = 'internal_error';
}

const ERROR_CLASSES: Record<
  ErrorType,
  new (message: string, options?: DomainErrorOptions) => DomainError
> = {
  validation_error: ValidationError,
  authentication_error: AuthenticationError,
  permission_denied: PermissionDeniedError,
  not_found: NotFoundError,
  rate_limit_exceeded: RateLimitExceededError,
  budget_exceeded: BudgetExceededError,
  context_length_exceeded: ContextLengthExceededError,
  content_filtered: ContentFilteredError,
  provider_error: ProviderError,
  timeout: TimeoutError,
  service_unavailable: ServiceUnavailableError,
  internal_error: InternalError,
};

/** Rebuilds the thrown error on the receiving side of a NATS hop. */
export function domainErrorFromPayload(payload: ErrorPayload): DomainError {
  const ErrorClass = ERROR_CLASSES[payload.type];
  return new ErrorClass(payload.message, {
    code: payload.code,
    param: payload.param,
    details: payload.details,
  });
}
