import './telemetry';
import { loadConfig } from '@conduit/config';
import { bootstrapNatsService } from '@conduit/messaging';
import { collectProcessMetrics, startMetricsServer } from '@conduit/telemetry';
import 'reflect-metadata';
import { AppModule } from './app.module';
import { EmbeddingConfigSchema } from './config/embedding-config.schema';

async function main(): Promise<void> {
  const config = loadConfig(EmbeddingConfigSchema);
  await bootstrapNatsService('embedding', AppModule.forRoot(config));
  if (config.EMBEDDING_METRICS_PORT !== undefined) {
    collectProcessMetrics('embedding');
    await startMetricsServer(config.EMBEDDING_METRICS_PORT);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
