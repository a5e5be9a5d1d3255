/** The one error taxonomy shared by every service. */
export const ERROR_TYPES = [
  'validation_error',
  'authentication_error',
  'permission_denied',
  'not_found',
  'rate_limit_exceeded',
  'budget_exceeded',
  'context_length_exceeded',
  'content_filtered',
  'provider_error',
  'timeout',
  'service_unavailable',
  'internal_error',
] as const;

export type ErrorType = (typeof ERROR_TYPES)[number];
