import './telemetry';
import { loadConfig } from '@conduit/config';
import { bootstrapNatsService } from '@conduit/messaging';
import { collectProcessMetrics, startMetricsServer } from '@conduit/telemetry';
import 'reflect-metadata';
import { AppModule } from './app.module';
import { GuardrailsConfigSchema } from './config/guardrails-config.schema';

async function main(): Promise<void> {
  const config = loadConfig(GuardrailsConfigSchema);
  await bootstrapNatsService('guardrails', AppModule.forRoot(config));
  if (config.GUARDRAILS_METRICS_PORT !== undefined) {
    collectProcessMetrics('guardrails');
    await startMetricsServer(config.GUARDRAILS_METRICS_PORT);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
