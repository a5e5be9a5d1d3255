import { Events } from '@conduit/contracts';
import { MessagingClient } from '@conduit/messaging';
import { Injectable } from '@nestjs/common';

/**
 * Tells every gateway replica to drop cached verifications, after the change is committed
 * (a replica that re-verifies early must already see the new state).
 */
@Injectable()
export class KeyInvalidationPublisher {
  constructor(private readonly messaging: MessagingClient) {}

  keys(keyIds: string[]): void {
    if (keyIds.length > 0) this.messaging.publishEvent(Events.ledgerKeyInvalidated, { keyIds });
  }

  all(): void {
    this.messaging.publishEvent(Events.ledgerKeyInvalidated, { all: true });
  }
}
