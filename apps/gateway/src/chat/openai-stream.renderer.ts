import type { ChatCompletionChunk, ChatCompletionRequest, DomainError } from '@conduit/contracts';
import { costView } from '../accounting/cost-view';
import { toHttpError } from '../http/openai-error';
import type { SseWriter } from './sse.writer';
import type { StreamEnd, StreamRenderer } from './stream-renderer';

/** `/v1/chat/completions` streams, exactly as OpenAI writes them. */
export class OpenAIStreamRenderer implements StreamRenderer {
  private readonly includeUsage: boolean;
  private readonly includeCost: boolean;

  constructor(
    private readonly sse: SseWriter,
    request: ChatCompletionRequest,
    private readonly requestId: string,
  ) {
    this.includeUsage = request.stream_options?.include_usage === true;
    this.includeCost = request.conduit?.include_cost === true;
  }

  chunk(chunk: ChatCompletionChunk): Promise<void> {
    // OpenAI marks every chunk with `usage: null` when usage was asked for.
    return this.sse.data(this.includeUsage ? { ...chunk, usage: null } : chunk);
  }

  async end(end: StreamEnd, first: ChatCompletionChunk | undefined): Promise<void> {
    if ((this.includeUsage || this.includeCost) && first) {
      const { id, created, model } = first;
      await this.sse.data({
        id,
        object: 'chat.completion.chunk',
        created,
        model,
        choices: [],
        ...(this.includeUsage ? { usage: end.usage } : {}),
        ...(this.includeCost ? { conduit: costView(end.charge) } : {}),
      });
    }
    this.sse.done();
  }

  async fail(error: DomainError): Promise<void> {
    await this.sse.data({ error: toHttpError(error, this.requestId).body.error });
    this.sse.end();
  }
}
