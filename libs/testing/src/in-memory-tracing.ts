import { startTelemetry } from '@conduit/telemetry';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';

let exporter: InMemorySpanExporter | undefined;

/** Registers tracing for the test process with an in-memory exporter tests can read. */
export function inMemoryTracing(): InMemorySpanExporter {
  if (!exporter) {
    exporter = new InMemorySpanExporter();
    startTelemetry({ serviceName: 'conduit-test', exporter });
  }
  return exporter;
}
