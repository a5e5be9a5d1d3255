import type { VerifiedKey } from '@conduit/contracts';
import type { FastifyRequest } from 'fastify';

/** Who is calling: the admin, a virtual key, or anyone (when auth is disabled). */
export type Principal =
  { kind: 'admin' } | { kind: 'key'; key: VerifiedKey } | { kind: 'anonymous' };

const principals = new WeakMap<FastifyRequest, Principal>();

export function setPrincipal(request: FastifyRequest, principal: Principal): void {
  principals.set(request, principal);
}

/** The caller the auth interceptor established; every /v1 route has one. */
export function principalOf(request: FastifyRequest): Principal {
  return principals.get(request) ?? { kind: 'anonymous' };
}

/** The verified key of a request, or null for the admin and anonymous callers. */
export function keyOf(request: FastifyRequest): VerifiedKey | null {
  const principal = principalOf(request);
  return principal.kind === 'key' ? principal.key : null;
}
