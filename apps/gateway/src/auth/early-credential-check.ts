import { AuthenticationError } from '@conduit/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { presentedSecret } from './presented-secret';
import { VIRTUAL_KEY_PREFIX } from './virtual-key';

/**
 * An `onRequest` hook: a `/v1` request that presents no key, or something that cannot be a
 * key, is refused with 401 before its body is read, and its connection is closed — so an
 * unauthenticated client cannot hold a socket open by sending its body slowly, nor make the
 * gateway parse megabytes. Real verification (the admin key, the ledger's key lookup) stays
 * in the AuthInterceptor, inside the request's trace.
 */
export function earlyCredentialCheck(isAdminKey: (secret: string) => boolean) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    // An unknown URL stays a 404 (Fastify's not-found handler runs these hooks too).
    if (!request.url.startsWith('/v1/') || request.is404) return;
    let secret: string | undefined;
    try {
      secret = presentedSecret(request);
    } catch (error) {
      void reply.header('connection', 'close');
      throw error;
    }
    if (secret && (secret.startsWith(VIRTUAL_KEY_PREFIX) || isAdminKey(secret))) return;
    void reply.header('connection', 'close');
    throw secret
      ? new AuthenticationError('Incorrect API key provided.', { code: 'invalid_api_key' })
      : new AuthenticationError('Missing API key. Send it as `Authorization: Bearer <key>`.', {
          code: 'missing_api_key',
        });
  };
}
