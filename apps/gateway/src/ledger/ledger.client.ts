import type { RequestOf, ResponseOf, SubjectName } from '@conduit/contracts';
import { MessagingClient } from '@conduit/messaging';
import { Inject, Injectable } from '@nestjs/common';
import type { GatewayConfig } from '../config/gateway-config.schema';
import { GATEWAY_CONFIG } from '../config/gateway-config.token';

type LedgerSubject = Extract<SubjectName, `ledger.${string}`>;

/** Requests to the ledger service, each bounded by GATEWAY_LEDGER_TIMEOUT_MS. */
@Injectable()
export class LedgerClient {
  constructor(
    private readonly messaging: MessagingClient,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  request<S extends LedgerSubject>(subject: S, payload: RequestOf<S>): Promise<ResponseOf<S>> {
    return this.messaging.request(subject, payload, {
      timeoutMs: this.config.GATEWAY_LEDGER_TIMEOUT_MS,
    });
  }
}
