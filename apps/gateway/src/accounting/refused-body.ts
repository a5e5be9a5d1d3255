import { DomainError } from '@conduit/contracts';
import type { FastifyRequest } from 'fastify';
import { principalOf } from '../auth/principal';
import type { UsageRecorder } from './usage-recorder.service';

const MAX_NAMED_MODEL_CHARS = 256;

/**
 * Books a request whose body was refused before any work began (invalid JSON shape, a field
 * out of range): it is still an authenticated request, so it is one usage row — an error at
 * cost 0 under its endpoint, with the model the body named if it named one as a string.
 */
export function bookRefusedBody(
  usage: UsageRecorder,
  request: FastifyRequest,
  endpoint: string,
  body: unknown,
  refusal: unknown,
): void {
  const model = (body as { model?: unknown } | null)?.model;
  void usage.recordWork({
    requestId: request.id,
    principal: principalOf(request),
    endpoint,
    requestedModel: typeof model === 'string' ? model.slice(0, MAX_NAMED_MODEL_CHARS) : '',
    startedAt: performance.now(),
    rateLimit: null,
    status: 'error',
    errorType: refusal instanceof DomainError ? refusal.type : 'internal_error',
    inputTokens: 0,
    charge: null,
    cacheHit: false,
  });
}
