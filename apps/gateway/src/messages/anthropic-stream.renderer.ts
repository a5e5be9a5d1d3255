import type { ChatCompletionChunk, DomainError } from '@conduit/contracts';
import type { SseWriter } from '../chat/sse.writer';
import type { StreamEnd, StreamRenderer } from '../chat/stream-renderer';
import { MessagesStreamTranslator, type MessagesStreamEvent } from './messages-stream.translator';

/** `/v1/messages` streams, as Anthropic writes them: named events from `message_start` to `message_stop`. */
export class AnthropicStreamRenderer implements StreamRenderer {
  private readonly translator = new MessagesStreamTranslator();
  private started = false;

  constructor(
    private readonly sse: SseWriter,
    private readonly servedModel: string,
    private readonly requestId: string,
  ) {}

  chunk(chunk: ChatCompletionChunk): Promise<void> {
    return this.write(this.translator.chunk(chunk));
  }

  end(end: StreamEnd): Promise<void> {
    return this.write(this.translator.end(end.usage, end.finishReason));
  }

  fail(error: DomainError): Promise<void> {
    return this.write(this.translator.error(error, this.requestId));
  }

  private async write(events: MessagesStreamEvent[]): Promise<void> {
    // `message_start` goes first, before the first content (or the error of a stream that
    // failed before any): the SDK expects it.
    if (!this.started) {
      this.started = true;
      events = [...this.translator.start(this.servedModel), ...events];
    }
    for (const event of events) await this.sse.event(event.type, event);
  }
}
