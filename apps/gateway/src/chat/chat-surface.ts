import type { ChatCompletionRequest, LlmChatResult } from '@conduit/contracts';
import type { FastifyReply } from 'fastify';
import type { StreamRendererFactory } from './stream-renderer';

/**
 * Conduit's own fields of an answer beyond its cost (e.g. a grounded chat's `sources`), sent
 * under `conduit` in the response and in the final chunk of a stream.
 */
export type ConduitFields = Record<string, unknown>;

/**
 * A public API that chat is served through (`/v1/chat/completions`, `/v1/messages`): how its
 * answers are written. Admission, the llm call, streaming and accounting are shared.
 */
export interface ChatSurface {
  /** The endpoint its usage rows are recorded under (`chat.completions`, `messages`). */
  endpoint: string;
  /** Headers of this API beyond the gateway's own (`x-request-id`, `x-conduit-*`). */
  headers(requestId: string): Record<string, string>;
  /** Writes a non-streamed answer (status 200, headers already set by the exchange). */
  sendCompletion(
    reply: FastifyReply,
    result: LlmChatResult,
    request: ChatCompletionRequest,
    fields?: ConduitFields,
  ): Promise<void>;
  /** The writer of a streamed answer. */
  streamRenderer(
    request: ChatCompletionRequest,
    requestId: string,
    fields?: ConduitFields,
  ): StreamRendererFactory;
}
