import type { ChatCompletion, ChatCompletionChunk } from '@conduit/contracts';
import { setTimeout as sleep } from 'node:timers/promises';
import { completionId } from '../completion-id';
import type { ChatProvider, ProviderCall } from '../chat-provider';
import { echoReply, splitIntoTokenPieces } from './echo-reply';

/** The keyless `local` provider: lets the whole system run for real without provider keys. */
export class LocalEchoProvider implements ChatProvider {
  constructor(
    private readonly tokenDelayMs = 0,
    readonly name = 'local',
  ) {}

  async complete({ request, upstreamModel }: ProviderCall): Promise<ChatCompletion> {
    const reply = await echoReply(request);
    const choices = Array.from({ length: request.n ?? 1 }, (_, index) => ({
      index,
      message: { role: 'assistant' as const, content: reply.text, refusal: null },
      finish_reason: reply.finishReason,
      logprobs: null,
    }));
    return {
      id: completionId(),
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: upstreamModel,
      choices,
      usage: {
        prompt_tokens: reply.promptTokens,
        completion_tokens: reply.completionTokens * choices.length,
        total_tokens: reply.promptTokens + reply.completionTokens * choices.length,
      },
    };
  }

  async stream({
    request,
    upstreamModel,
    signal,
  }: ProviderCall): Promise<AsyncIterable<ChatCompletionChunk>> {
    const reply = await echoReply(request);
    const pieces = splitIntoTokenPieces(reply.tokens);
    const id = completionId();
    const created = Math.floor(Date.now() / 1000);
    const choiceCount = request.n ?? 1;
    const delay = this.tokenDelayMs;
    const chunk = (
      delta: ChatCompletionChunk['choices'][number]['delta'],
      finish: ChatCompletionChunk['choices'][number]['finish_reason'],
      index: number,
    ): ChatCompletionChunk => ({
      id,
      object: 'chat.completion.chunk',
      created,
      model: upstreamModel,
      choices: [{ index, delta, finish_reason: finish, logprobs: null }],
    });
    async function* generate(): AsyncGenerator<ChatCompletionChunk> {
      for (let index = 0; index < choiceCount; index++) {
        yield chunk({ role: 'assistant', content: '' }, null, index);
        for (const piece of pieces) {
          if (delay > 0) await sleep(delay, undefined, { signal });
          signal?.throwIfAborted();
          yield chunk({ content: piece }, null, index);
        }
        yield chunk({}, reply.finishReason, index);
      }
      yield {
        id,
        object: 'chat.completion.chunk',
        created,
        model: upstreamModel,
        choices: [],
        usage: {
          prompt_tokens: reply.promptTokens,
          completion_tokens: reply.completionTokens * choiceCount,
          total_tokens: reply.promptTokens + reply.completionTokens * choiceCount,
        },
      };
    }
    return generate();
  }
}
