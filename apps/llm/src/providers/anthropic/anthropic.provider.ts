import type { ChatCompletionChunk } from '@conduit/contracts';
import Anthropic from '@anthropic-ai/sdk';
import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import type { ChatProvider, ProviderCall, ProviderCompletion } from '../chat-provider';
import type { ProviderTransport } from '../provider-transport';
import { toDomainError } from './anthropic-error.mapper';
import { toProviderRequest } from './anthropic-request.mapper';
import { toChatCompletion } from './anthropic-response.mapper';
import { AnthropicStreamMapper } from './anthropic-stream.mapper';

export interface AnthropicProviderOptions {
  name: string;
  apiKey?: string;
  baseURL?: string;
  timeoutMs: number;
  /** The HTTP stack of this deployment (connect timeout, keep-alive pool). */
  transport?: ProviderTransport;
}

/** Anthropic's Messages API behind the OpenAI chat interface. */
export class AnthropicProvider implements ChatProvider {
  readonly name: string;
  private readonly client: Anthropic;

  constructor(options: AnthropicProviderOptions) {
    this.name = options.name;
    this.client = new Anthropic({
      // A missing key is reported by Anthropic as a 401 on the first call, not at start-up.
      apiKey: options.apiKey ?? 'no-key',
      baseURL: options.baseURL,
      timeout: options.timeoutMs,
      // Retries belong to the llm service's own policy (with fallbacks), not the SDK's.
      maxRetries: 0,
      // Upstream failures are mapped and reported by us; the SDK's console output is noise.
      logLevel: 'off',
      // Our provider span already carries the GenAI attributes; the SDK's own would duplicate it.
      openTelemetry: false,
      ...(options.transport && {
        fetch: options.transport.fetch,
        fetchOptions: options.transport.fetchOptions,
      }),
    });
  }

  async complete({
    request,
    upstreamModel,
    maxOutputTokens,
    signal,
  }: ProviderCall): Promise<ProviderCompletion> {
    try {
      const body = toProviderRequest(request, upstreamModel, maxOutputTokens, false);
      const message = await this.client.messages.create(body, { signal });
      return toChatCompletion(message, this.name);
    } catch (error) {
      throw toDomainError(error, this.name);
    }
  }

  async stream({
    request,
    upstreamModel,
    maxOutputTokens,
    signal,
  }: ProviderCall): Promise<AsyncIterable<ChatCompletionChunk>> {
    let upstream: AsyncIterable<RawMessageStreamEvent>;
    try {
      const body = toProviderRequest(request, upstreamModel, maxOutputTokens, true);
      upstream = await this.client.messages.create(body, { signal });
    } catch (error) {
      throw toDomainError(error, this.name);
    }
    const provider = this.name;
    return (async function* mapEvents() {
      const mapper = new AnthropicStreamMapper(upstreamModel);
      try {
        for await (const event of upstream) yield* mapper.map(event);
      } catch (error) {
        throw toDomainError(error, provider);
      }
      yield* mapper.finish();
    })();
  }
}
