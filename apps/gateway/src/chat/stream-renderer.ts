import type {
  Charge,
  ChatCompletionChunk,
  DomainError,
  FinishReason,
  Usage,
} from '@conduit/contracts';
import type { SseWriter } from './sse.writer';

/** How a stream ended well, as the llm service reported it. */
export interface StreamEnd {
  usage: Usage;
  charge: Charge;
  finishReason: FinishReason | null;
}

/**
 * Writes one stream in a public API's wire format (OpenAI chat chunks, Anthropic message
 * events) while the relay does the rest: NATS, ordering, cancel, timeouts and accounting.
 */
export interface StreamRenderer {
  chunk(chunk: ChatCompletionChunk): Promise<void>;
  /** The last frames of a stream that finished; the writer is ended afterwards. */
  end(end: StreamEnd, first: ChatCompletionChunk | undefined): Promise<void>;
  /** The error frame of a stream that failed; the writer is ended afterwards. */
  fail(error: DomainError): Promise<void>;
}

/** Called once the llm service accepted the stream, with the catalog id of the model serving it. */
export type StreamRendererFactory = (sse: SseWriter, servedModel: string) => StreamRenderer;
