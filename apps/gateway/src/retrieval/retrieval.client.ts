import {
  ServiceUnavailableError,
  TimeoutError,
  type RequestOf,
  type ResponseOf,
  type SubjectName,
} from '@conduit/contracts';
import { MessagingClient } from '@conduit/messaging';
import { Inject, Injectable } from '@nestjs/common';
import type { GatewayConfig } from '../config/gateway-config.schema';
import { GATEWAY_CONFIG } from '../config/gateway-config.token';

type RetrievalSubject = Extract<SubjectName, `retrieval.${string}`>;

/**
 * Requests to the retrieval service, bounded by GATEWAY_RETRIEVAL_TIMEOUT_MS. A retrieval
 * service that is down or too slow is a `service_unavailable` for the caller: search has no
 * useful partial answer, and the issue is on our side, not theirs.
 */
/** A dead retrieval replica is still noticed in seconds rather than at the 120 s timeout. */
const RETRIEVAL_LIVENESS_FLOOR_MS = 30_000;

@Injectable()
export class RetrievalClient {
  constructor(
    private readonly messaging: MessagingClient,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async request<S extends RetrievalSubject>(
    subject: S,
    payload: RequestOf<S>,
  ): Promise<ResponseOf<S>> {
    try {
      return await this.messaging.request(subject, payload, {
        timeoutMs: this.config.GATEWAY_RETRIEVAL_TIMEOUT_MS,
        // Chunking and tokenising a large document is synchronous work that can hold the
        // retrieval replica's event loop (and so its heartbeats) for seconds.
        liveness: Math.max(this.config.GATEWAY_LIVENESS_TIMEOUT_MS, RETRIEVAL_LIVENESS_FLOOR_MS),
      });
    } catch (error) {
      if (error instanceof TimeoutError) {
        throw new ServiceUnavailableError(
          `The retrieval service did not answer within ${this.config.GATEWAY_RETRIEVAL_TIMEOUT_MS} ms. Retry shortly.`,
          { code: 'retrieval_timeout', cause: error },
        );
      }
      if (error instanceof ServiceUnavailableError && error.code === 'no_responders') {
        throw new ServiceUnavailableError('The retrieval service is unavailable. Retry shortly.', {
          code: 'retrieval_unavailable',
          cause: error,
        });
      }
      throw error;
    }
  }
}
