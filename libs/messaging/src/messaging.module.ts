import { createLogger } from '@conduit/telemetry';
import { type DynamicModule, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { connect, Events, type NatsConnection } from 'nats';
import { DurableEvents } from './durable-events';
import { HandlerRegistry } from './handler.registry';
import { MessagingClient } from './messaging.client';
import { MESSAGING_OPTIONS, NATS_CONNECTION, type MessagingOptions } from './messaging.options';
import { settleRequestsQuietly } from './quiet-request-settlement';
import { coalesceWritesPerTurn } from './write-coalescing';

export async function connectToNats(options: MessagingOptions): Promise<NatsConnection> {
  const logger = createLogger(options.serviceName);
  const connection = await connect({
    servers: options.natsUrl.split(','),
    name: `conduit-${options.serviceName}`,
    // Keep retrying forever: a service outlives a NATS restart instead of crashing with it.
    maxReconnectAttempts: -1,
    reconnectTimeWait: 1000,
    waitOnFirstConnect: false,
    // nats.js otherwise captures a stack (two Error objects) on every request: about 9% of the
    // gateway's CPU under load (bench CPU profile). Our errors name the subject instead.
    noAsyncTraces: true,
  }).catch((error: unknown) => {
    // Say what to do: this is the first thing a newcomer without NATS running will see.
    throw new Error(
      `Cannot connect to NATS at ${options.natsUrl} (${(error as Error).message}). Start nats-server with JetStream ` +
        `(e.g. \`nats-server -js\`) or set NATS_URL.`,
    );
  });
  if (!coalesceWritesPerTurn(connection)) {
    logger.warn('nats.js changed: outgoing messages are written one callback at a time');
  }
  if (!settleRequestsQuietly()) {
    logger.warn('nats.js changed: every settled request still builds a cancellation error');
  }
  void (async () => {
    for await (const status of connection.status()) {
      if (
        status.type === Events.Disconnect ||
        status.type === Events.Reconnect ||
        status.type === Events.Error
      ) {
        logger.warn(
          { nats: status.type, detail: JSON.stringify(status.data) },
          'NATS connection status changed',
        );
      }
    }
  })();
  return connection;
}

/** NATS connection, typed client and @Handle discovery for one service. */
@Module({})
export class MessagingModule implements OnApplicationShutdown {
  constructor(@Inject(NATS_CONNECTION) private readonly connection: NatsConnection) {}

  static forRoot(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      imports: [DiscoveryModule],
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        { provide: NATS_CONNECTION, useFactory: () => connectToNats(options) },
        MessagingClient,
        HandlerRegistry,
        DurableEvents,
      ],
      exports: [
        MESSAGING_OPTIONS,
        NATS_CONNECTION,
        MessagingClient,
        HandlerRegistry,
        DurableEvents,
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    // drain lets in-flight handlers reply before the connection closes
    if (!this.connection.isClosed()) await this.connection.drain();
  }
}
