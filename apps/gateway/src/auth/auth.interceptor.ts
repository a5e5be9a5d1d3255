import { AuthenticationError, PermissionDeniedError, type VerifiedKey } from '@conduit/contracts';
import {
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { timingSafeEqual } from 'node:crypto';
import type { GatewayConfig } from '../config/gateway-config.schema';
import { GATEWAY_CONFIG } from '../config/gateway-config.token';
import { ADMIN_ONLY } from './admin-only.decorator';
import { ADMIN_KEY } from './admin-key.token';
import { setPrincipal, type Principal } from './principal';
import { VerifiedKeyCache } from './verified-key.cache';
import { presentedSecret } from './presented-secret';
import { hashSecret, VIRTUAL_KEY_PREFIX } from './virtual-key';

/**
 * Every `/v1/*` route needs a key: the admin key or a virtual key (`Authorization: Bearer …`,
 * or `x-api-key` as Anthropic clients send it). Health stays open for probes; metrics are on their own port (`GATEWAY_METRICS_PORT`).
 *
 * An interceptor rather than a guard: Nest runs guards before interceptors, and the key
 * lookup (a ledger hop on a cache miss) belongs inside the request's HTTP span, which the
 * tracing interceptor opens. `createGatewayApp` registers the two in that order.
 */
@Injectable()
export class AuthInterceptor implements NestInterceptor {
  private readonly adminKey: Buffer;

  constructor(
    private readonly reflector: Reflector,
    private readonly keys: VerifiedKeyCache,
    @Inject(ADMIN_KEY) adminKey: string,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {
    this.adminKey = Buffer.from(adminKey);
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!request.url.startsWith('/v1/')) return next.handle();
    const principal = await this.authenticate(request);
    const adminOnly = this.reflector.getAllAndOverride<boolean | undefined>(ADMIN_ONLY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (adminOnly && principal.kind === 'key') {
      throw new PermissionDeniedError('This endpoint needs the admin key.', {
        code: 'admin_key_required',
      });
    }
    setPrincipal(request, principal);
    return next.handle();
  }

  private async authenticate(request: FastifyRequest): Promise<Principal> {
    if (this.config.CONDUIT_AUTH === 'disabled') return { kind: 'anonymous' };
    const secret = presentedSecret(request);
    if (!secret) {
      throw new AuthenticationError('Missing API key. Send it as `Authorization: Bearer <key>`.', {
        code: 'missing_api_key',
      });
    }
    if (this.isAdminKey(secret)) return { kind: 'admin' };
    if (!secret.startsWith(VIRTUAL_KEY_PREFIX)) throw invalidKey();
    const key: VerifiedKey = await this.keys.verify(hashSecret(secret));
    // The ledger checks expiry too; a cached key may expire while it sits in the cache.
    if (key.expiresAt !== null && Date.parse(key.expiresAt) <= Date.now()) {
      throw new AuthenticationError('This API key has expired.', { code: 'key_expired' });
    }
    return { kind: 'key', key };
  }

  isAdminKey(secret: string): boolean {
    const presented = Buffer.from(secret);
    return presented.length === this.adminKey.length && timingSafeEqual(presented, this.adminKey);
  }
}

function invalidKey(): AuthenticationError {
  return new AuthenticationError('Incorrect API key provided.', { code: 'invalid_api_key' });
}
