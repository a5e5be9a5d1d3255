import { Events, LedgerStream, type UsageEvent } from '@conduit/contracts';
import {
  DurableEvents,
  PermanentEventError,
  type DurableConsumer,
  type DurableEventHandler,
} from '@conduit/messaging';
import { createLogger } from '@conduit/telemetry';
import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { LedgerConfig } from '../config/ledger-config.schema';
import { LEDGER_CONFIG } from '../config/ledger-config.token';
import { watchBacklog } from '../metrics/ledger-metrics';
import { databaseFailureKind } from '../database/database-failure';
import { databaseUnavailable } from '../database/database-unavailable';
import { RequestLogWriter } from '../request-logs/request-log.writer';
import { UsageRecorder } from './usage-recorder.service';

/**
 * Drains the ledger's JetStream stream (usage and request-log events) through the durable
 * consumer every replica shares. A message is acked only after its transaction committed; a
 * failure naks it for redelivery, and the writes are idempotent by request id, so each event
 * counts exactly once. A failure is named for the consumer: values Postgres refuses are
 * permanent (dead-lettered at once), an unreachable database is an outage (retried without end).
 */
@Injectable()
export class LedgerEventsConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = createLogger('ledger');
  private consumer?: DurableConsumer;
  private unwatchBacklog?: () => void;

  constructor(
    private readonly durable: DurableEvents,
    private readonly usage: UsageRecorder,
    private readonly requestLogs: RequestLogWriter,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.durable.ensureLedgerStream();
    this.consumer = await this.durable.consumeDurable(LedgerStream.consumer, this.handle, {
      concurrency: this.config.LEDGER_CONSUMER_CONCURRENCY,
      maxDeliveries: this.config.LEDGER_CONSUMER_MAX_DELIVERIES,
    });
    // Read at scrape time: the lag shows even when nothing gets booked.
    this.unwatchBacklog = watchBacklog(() => this.durable.backlog(LedgerStream.consumer));
  }

  /** Stops pulling before the database closes; events in flight finish (and are acked). */
  async onModuleDestroy(): Promise<void> {
    this.unwatchBacklog?.();
    await this.consumer?.stop();
    this.consumer = undefined;
  }

  /**
   * A request log that Postgres refuses for its data is dropped (and logged), not retried: it
   * rides on a usage event, and the usage must not go to the dead letters for its log.
   */
  private async storeLog(event: UsageEvent): Promise<void> {
    const log = event.requestLog;
    if (!log) return;
    try {
      await this.requestLogs.store({
        requestId: event.requestId,
        keyId: event.keyId,
        teamId: event.teamId,
        occurredAt: event.occurredAt,
        ...log,
      });
    } catch (error) {
      if (databaseFailureKind(error) !== 'data') throw error;
      this.logger.warn({ err: error, requestId: event.requestId }, 'request log refused; dropped');
    }
  }

  private readonly handle: DurableEventHandler = async (event, payload, meta) => {
    try {
      if (event === Events.ledgerUsageRecorded) {
        // The usage row and the request log it carries, each in its own batch; the message is
        // acked once both committed (both are idempotent, so a redelivery changes nothing).
        const [recorded] = await Promise.all([
          this.usage.record(payload),
          payload.requestLog ? this.storeLog(payload) : undefined,
        ]);
        if (!recorded) {
          this.logger.debug({ requestId: payload.requestId, ...meta }, 'usage already recorded');
        }
      } else {
        await this.requestLogs.store(payload);
      }
    } catch (error) {
      switch (databaseFailureKind(error)) {
        case 'data':
          throw new PermanentEventError(`Postgres refused the '${event}' event.`, { cause: error });
        case 'unavailable':
          throw databaseUnavailable(error);
        default:
          throw error;
      }
    }
  };
}
