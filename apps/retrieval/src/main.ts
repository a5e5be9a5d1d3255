import './telemetry';
import { loadConfig } from '@conduit/config';
import { bootstrapNatsService } from '@conduit/messaging';
import { collectProcessMetrics, startMetricsServer } from '@conduit/telemetry';
import 'reflect-metadata';
import { AppModule } from './app.module';
import { RetrievalConfigSchema } from './config/retrieval-config.schema';

async function main(): Promise<void> {
  const config = loadConfig(RetrievalConfigSchema);
  await bootstrapNatsService('retrieval', AppModule.forRoot(config));
  if (config.RETRIEVAL_METRICS_PORT !== undefined) {
    collectProcessMetrics('retrieval');
    await startMetricsServer(config.RETRIEVAL_METRICS_PORT);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
