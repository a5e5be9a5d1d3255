import type { ChatCompletionChunk, ChatCompletionRequest, DomainError } from '@conduit/contracts';
import { costView } from '../accounting/cost-view';
import { toHttpError } from '../http/openai-error';
import type { ConduitFields } from './chat-surface';
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
    private readonly fields: ConduitFields = {},
  ) {
    this.includeUsage = request.stream_options?.include_usage === true;
    this.includeCost = request.conduit?.include_cost === true;
  }

  chunk(chunk: ChatCompletionChunk): Promise<void> {
    // OpenAI marks every chunk with `usage: null` when usage was asked for.
    return this.sse.data(this.includeUsage ? { ...chunk, usage: null } : chunk);
  }

  async end(end: StreamEnd, first: ChatCompletionChunk | undefined): Promise<void> {
    const hasFields = Object.keys(this.fields).length > 0;
    // One final chunk carries what the client asked for beyond the answer: usage, cost, sources.
    if ((this.includeUsage || this.includeCost || hasFields) && first) {
      const { id, created, model } = first;
      const conduit = { ...(this.includeCost ? costView(end.charge) : {}), ...this.fields };
      await this.sse.data({
        id,
        object: 'chat.completion.chunk',
        created,
        model,
        choices: [],
        ...(this.includeUsage ? { usage: end.usage } : {}),
        ...(this.includeCost || hasFields ? { conduit } : {}),
      });
    }
    this.sse.done();
  }

  async fail(error: DomainError): Promise<void> {
    await this.sse.data({ error: toHttpError(error, this.requestId).body.error });
    this.sse.end();
  }
}
