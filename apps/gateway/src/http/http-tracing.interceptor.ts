import { tracer } from '@conduit/telemetry';
import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';

/**
 * Roots each request's trace at the gateway's HTTP span (continuing a caller's W3C
 * `traceparent` when sent) and runs the handler inside it, so every NATS hop and provider
 * call below becomes a descendant. The span ends with the response's last byte, which for
 * a stream is the end of the stream.
 */
@Injectable()
export class HttpTracingInterceptor implements NestInterceptor {
  intercept(executionContext: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = executionContext.switchToHttp().getRequest<FastifyRequest>();
    const reply = executionContext.switchToHttp().getResponse<FastifyReply>();
    const route = request.routeOptions.url ?? request.url;
    const parent = propagation.extract(context.active(), request.headers);
    const span = tracer().startSpan(
      `${request.method} ${route}`,
      {
        kind: SpanKind.SERVER,
        attributes: {
          'http.request.method': request.method,
          'http.route': route,
          'url.path': request.url.split('?')[0],
          'conduit.request_id': request.id,
        },
      },
      parent,
    );
    reply.raw.once('close', () => {
      const status = reply.raw.statusCode;
      span.setAttribute('http.response.status_code', status);
      if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      if (!reply.raw.writableFinished) span.setAttribute('conduit.client_disconnected', true);
      span.end();
    });
    const active = trace.setSpan(parent, span);
    return new Observable((subscriber) =>
      context.with(active, () => next.handle().subscribe(subscriber)),
    );
  }
}
