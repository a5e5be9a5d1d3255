import { z } from 'zod';
import { ERROR_TYPES } from './error-type';

/** How a DomainError travels across NATS: data, never a thrown object. */
export const ErrorPayloadSchema = z.object({
  type: z.enum(ERROR_TYPES),
  message: z.string(),
  code: z.string().nullable().default(null),
  param: z.string().nullable().default(null),
  /** Structured facts a client may act on (e.g. a provider's Retry-After in seconds). */
  details: z.record(z.string(), z.unknown()).optional(),
});

export type ErrorPayload = z.infer<typeof ErrorPayloadSchema>;
