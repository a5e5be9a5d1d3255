import './telemetry';
import { loadConfig } from '@conduit/config';
import { bootstrapNatsService } from '@conduit/messaging';
import { collectProcessMetrics, startMetricsServer } from '@conduit/telemetry';
import 'reflect-metadata';
import { AppModule } from './app.module';
import { LlmConfigSchema } from './config/llm-config.schema';

async function main(): Promise<void> {
  const config = loadConfig(LlmConfigSchema);
  await bootstrapNatsService('llm', AppModule.forRoot(config));
  if (config.LLM_METRICS_PORT !== undefined) {
    collectProcessMetrics('llm');
    await startMetricsServer(config.LLM_METRICS_PORT);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
