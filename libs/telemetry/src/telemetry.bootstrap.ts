import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  W3CTraceContextPropagator,
  CompositePropagator,
  W3CBaggagePropagator,
} from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  type SpanExporter,
  SimpleSpanProcessor,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';

export interface TelemetryOptions {
  serviceName: string;
  /** OTLP/HTTP endpoint (e.g. http://jaeger:4318); when unset no spans leave the process. */
  otlpEndpoint?: string;
  /** Extra exporter, exported synchronously (tests use an InMemorySpanExporter). */
  exporter?: SpanExporter;
}

export interface TelemetryHandle {
  shutdown(): Promise<void>;
}

let active: { provider: NodeTracerProvider; handle: TelemetryHandle } | undefined;

/**
 * Registers the tracer provider, W3C propagation and async context for this process, when
 * there is somewhere to send spans (OTEL_EXPORTER_OTLP_ENDPOINT or an exporter); otherwise
 * nothing. Called first in every main.ts, before Nest loads, so every later span has a parent.
 * Idempotent: services booted together in one process (tests, `npm start --single`) share it.
 */
export function startTelemetry(options: TelemetryOptions): TelemetryHandle {
  if (active) return active.handle;
  const processors: SpanProcessor[] = [];
  const endpoint = options.otlpEndpoint ?? process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (endpoint) {
    processors.push(
      new BatchSpanProcessor(
        new OTLPTraceExporter({ url: `${endpoint.replace(/\/$/, '')}/v1/traces` }),
      ),
    );
  }
  if (options.exporter) processors.push(new SimpleSpanProcessor(options.exporter));
  if (processors.length === 0) {
    // Nowhere to send spans: register nothing, so tracing costs nothing. The API's no-op
    // tracer then makes spans that record nothing, no async context is kept (its promise hooks
    // were a few percent of every service's CPU) and no trace context is put in NATS headers.
    // `active` stays unset, so a later call with an exporter (a test) can still turn it on.
    return { shutdown: () => Promise.resolve() };
  }

  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({
      [ATTR_SERVICE_NAME]: process.env.OTEL_SERVICE_NAME ?? options.serviceName,
      [ATTR_SERVICE_VERSION]: process.env.npm_package_version ?? '0.1.0',
    }),
    spanProcessors: processors,
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(
    new CompositePropagator({
      propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()],
    }),
  );
  trace.setGlobalTracerProvider(provider);
  const handle: TelemetryHandle = {
    shutdown: async () => {
      await provider.shutdown();
    },
  };
  active = { provider, handle };
  return handle;
}

export const tracer = () => trace.getTracer('conduit');
