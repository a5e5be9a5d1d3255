import {
  PermissionDeniedError,
  type AuditActorType,
  type AuditRecordRequest,
  type AuditTarget,
} from '@conduit/contracts';
import {
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { catchError, from, mergeMap, type Observable, throwError } from 'rxjs';
import { ADMIN_ONLY } from '../auth/admin-only.decorator';
import { ADMIN_KEY } from '../auth/admin-key.token';
import { presentedSecret } from '../auth/presented-secret';
import { principalOf } from '../auth/principal';
import { VerifiedKeyCache } from '../auth/verified-key.cache';
import { hashSecret, VIRTUAL_KEY_PREFIX } from '../auth/virtual-key';
import type { GatewayConfig } from '../config/gateway-config.schema';
import { GATEWAY_CONFIG } from '../config/gateway-config.token';
import { toHttpError } from '../http/openai-error';
import { inPathParameter } from '../http/path-parameter-error';
import { sanitizeSummary } from './audit-summary';
import { AuditRecorder } from './audit-recorder.service';
import { AUDITED, type AuditContext, type AuditSpec } from './audited.decorator';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether a request is an admin action the audit log records: a mutating admin route. */
export function isAuditedRoute(method: string, routeUrl: string | undefined, adminOnly: boolean) {
  if (READS.has(method.toUpperCase())) return false;
  return adminOnly || (routeUrl ?? '').startsWith('/v1/admin/');
}

/**
 * Records every admin action in the audit log after it ran — succeeded or failed, with the
 * status and error type the admin got — before the answer leaves, so a read of the log right
 * after an action shows it.
 *
 * A global interceptor registered by the app module (APP_INTERCEPTOR), which Nest runs
 * outside the ones `createGatewayApp` adds: authentication runs inside it, so a virtual key
 * refused on an admin route (403) is recorded as that key's failed attempt. A request without
 * a valid key (401) names no actor and is not recorded; nor are requests refused before
 * routing (unparseable or oversized bodies).
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  private readonly secrets: string[];

  constructor(
    private readonly reflector: Reflector,
    private readonly recorder: AuditRecorder,
    private readonly keys: VerifiedKeyCache,
    @Inject(ADMIN_KEY) adminKey: string,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {
    this.secrets = [adminKey];
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const adminOnly =
      this.reflector.getAllAndOverride<boolean | undefined>(ADMIN_ONLY, [
        context.getHandler(),
        context.getClass(),
      ]) ?? false;
    if (!isAuditedRoute(request.method, request.routeOptions.url, adminOnly)) {
      return next.handle();
    }
    const spec = this.reflector.get<AuditSpec | undefined>(AUDITED, context.getHandler());
    const okStatus =
      this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ??
      (request.method === 'POST' ? 201 : 200);
    return next.handle().pipe(
      mergeMap(async (result: unknown) => {
        await this.record(request, spec, { result, status: okStatus });
        return result;
      }),
      catchError((error: unknown) =>
        from(this.record(request, spec, { error })).pipe(mergeMap(() => throwError(() => error))),
      ),
    );
  }

  private async record(
    request: FastifyRequest,
    spec: AuditSpec | undefined,
    done: { result: unknown; status: number } | { error: unknown },
  ): Promise<void> {
    const failed = 'error' in done;
    const actor = await this.actorOf(request, failed ? done.error : undefined);
    if (!actor) return;
    const route = `${request.method} ${request.routeOptions.url ?? request.url}`;
    const context: AuditContext = {
      params: (request.params ?? {}) as Record<string, string | undefined>,
      body: request.body,
      result: failed ? undefined : done.result,
    };
    let described: ReturnType<NonNullable<AuditSpec['describe']>> = {};
    try {
      described = spec?.describe?.(context) ?? {};
    } catch {
      described = { summary: { describe_failed: true } };
    }
    const target: AuditTarget = {
      team_id: described.target?.team_id ?? null,
      user_id: described.target?.user_id ?? null,
      key_id: described.target?.key_id ?? null,
    };
    const httpError = failed
      ? toHttpError(inPathParameter(done.error, request.params), request.id, route)
      : undefined;
    const entry: AuditRecordRequest = {
      request_id: request.id,
      occurred_at: new Date().toISOString(),
      actor: actor.id,
      actor_type: actor.type,
      action: spec?.action ?? `admin.${request.method.toLowerCase()}`,
      route: route.slice(0, 300),
      target,
      summary: sanitizeSummary(
        described.summary ?? {},
        this.secrets,
      ) as AuditRecordRequest['summary'],
      outcome: failed ? 'failed' : 'succeeded',
      status: httpError?.status ?? (done as { status: number }).status,
      error_type: httpError?.body.error.type ?? null,
      error_code: httpError?.body.error.code ?? null,
    };
    await this.recorder.record(entry);
  }

  /**
   * Who acted: the principal authentication established; for a virtual key refused on an
   * admin route (authentication stops before naming it), that key — its verification is in
   * the key cache. Null when no one was authenticated (not recorded).
   */
  private async actorOf(
    request: FastifyRequest,
    error: unknown,
  ): Promise<{ id: string; type: AuditActorType } | null> {
    const principal = principalOf(request);
    if (principal.kind === 'admin') return { id: 'admin', type: 'admin' };
    if (principal.kind === 'key') return { id: principal.key.keyId, type: 'key' };
    if (this.config.CONDUIT_AUTH === 'disabled') return { id: 'anonymous', type: 'anonymous' };
    if (!(error instanceof PermissionDeniedError) || error.code !== 'admin_key_required') {
      return null;
    }
    try {
      const secret = presentedSecret(request);
      if (!secret?.startsWith(VIRTUAL_KEY_PREFIX)) return null;
      const key = await this.keys.verify(hashSecret(secret));
      return { id: key.keyId, type: 'key' };
    } catch {
      return null;
    }
  }
}
