import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { startTelemetry } from './telemetry.bootstrap';

describe('startTelemetry', () => {
  const endpoint = process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  beforeAll(() => delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT);
  afterAll(() => {
    if (endpoint !== undefined) process.env.OTEL_EXPORTER_OTLP_ENDPOINT = endpoint;
  });

  it('registers nothing when spans have nowhere to go, and records once an exporter comes', () => {
    startTelemetry({ serviceName: 'off' });
    const unrecorded = trace.getTracer('t').startSpan('free');
    expect(unrecorded.isRecording()).toBe(false);
    unrecorded.end();

    const exporter = new InMemorySpanExporter();
    startTelemetry({ serviceName: 'on', exporter });
    trace.getTracer('t').startSpan('kept').end();
    expect(exporter.getFinishedSpans().map((span) => span.name)).toEqual(['kept']);
  });
});
