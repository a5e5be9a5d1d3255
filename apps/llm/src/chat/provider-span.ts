import type { Charge, Usage } from '@conduit/contracts';
import { tracer } from '@conduit/telemetry';
import { SpanKind, type Span } from '@opentelemetry/api';
import type { CatalogEntry } from '../catalog/catalog-entry';

/** The provider call's span, with OpenTelemetry's GenAI attributes. */
export function startProviderSpan(entry: CatalogEntry, streaming: boolean): Span {
  return tracer().startSpan(`chat ${entry.upstreamModel}`, {
    kind: SpanKind.CLIENT,
    attributes: {
      'gen_ai.operation.name': 'chat',
      'gen_ai.system': entry.provider.name,
      'gen_ai.request.model': entry.upstreamModel,
      'conduit.model': entry.id,
      'conduit.streaming': streaming,
    },
  });
}

export function recordUsage(span: Span, usage: Usage, estimated: boolean): void {
  span.setAttributes({
    'gen_ai.usage.input_tokens': usage.prompt_tokens,
    'gen_ai.usage.output_tokens': usage.completion_tokens,
    'conduit.usage.estimated': estimated,
  });
}

export function recordCharge(span: Span, charge: Charge): void {
  span.setAttributes({
    'conduit.cost_micro_usd': charge.costMicroUsd,
    'conduit.price_version': charge.priceVersion,
  });
}
