import { context, propagation, type Context } from '@opentelemetry/api';
import { headers as natsHeaders, type MsgHdrs } from 'nats';

/** W3C trace context travels in NATS message headers (there is no NATS instrumentation on npm). */
export function injectTraceHeaders(
  ctx: Context = context.active(),
  into: MsgHdrs = natsHeaders(),
): MsgHdrs {
  propagation.inject(ctx, into, {
    set: (carrier, key, value) => carrier.set(key, value),
  });
  return into;
}

export function extractTraceContext(headers: MsgHdrs | undefined): Context {
  if (!headers) return context.active();
  return propagation.extract(context.active(), headers, {
    get: (carrier, key) => (carrier.has(key) ? carrier.get(key) : undefined),
    keys: (carrier) => carrier.keys(),
  });
}
