import './telemetry';
import { loadConfig } from '@conduit/config';
import { createLogger, startMetricsServer } from '@conduit/telemetry';
import 'reflect-metadata';
import { createGatewayApp } from './app.factory';
import { GatewayConfigSchema, listenPortOf } from './config/gateway-config.schema';

async function main(): Promise<void> {
  const config = loadConfig(GatewayConfigSchema);
  const app = await createGatewayApp(config);
  const port = listenPortOf(config);
  await app.listen(port, config.GATEWAY_HOST);
  if (config.GATEWAY_METRICS_PORT !== undefined) {
    await startMetricsServer(config.GATEWAY_METRICS_PORT, config.GATEWAY_HOST);
  }
  createLogger('gateway', config.LOG_LEVEL).info(
    {
      port,
      metricsPort: config.GATEWAY_METRICS_PORT ?? null,
      corsOrigins: config.GATEWAY_CORS_ORIGINS,
      accessLog: config.GATEWAY_ACCESS_LOG,
      accessLogSampleRate: config.GATEWAY_ACCESS_LOG_SAMPLE_RATE,
    },
    `gateway listening on http://${config.GATEWAY_HOST}:${port}`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
