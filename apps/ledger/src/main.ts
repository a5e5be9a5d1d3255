import './telemetry';
import { loadConfig } from '@conduit/config';
import { bootstrapNatsService } from '@conduit/messaging';
import { collectProcessMetrics, startMetricsServer } from '@conduit/telemetry';
import 'reflect-metadata';
import { AppModule } from './app.module';
import { LedgerConfigSchema } from './config/ledger-config.schema';

async function main(): Promise<void> {
  const config = loadConfig(LedgerConfigSchema);
  await bootstrapNatsService('ledger', AppModule.forRoot(config));
  if (config.LEDGER_METRICS_PORT !== undefined) {
    collectProcessMetrics('ledger');
    await startMetricsServer(config.LEDGER_METRICS_PORT);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
