import { collectProcessMetrics, startTelemetry } from '@conduit/telemetry';

// Imported first by main.ts: the tracer provider must exist before anything creates spans.
startTelemetry({ serviceName: 'gateway' });
collectProcessMetrics('gateway');
