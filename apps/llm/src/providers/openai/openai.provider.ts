import type { ChatCompletionChunk } from '@conduit/contracts';
import OpenAI from 'openai';
import type { ChatProvider, ProviderCall, ProviderCompletion } from '../chat-provider';
import type { ProviderTransport } from '../provider-transport';
import { openAICompletionCall } from './openai-completion-call';
import { toChatCompletion, toChunk, toDomainError, toProviderRequest } from './openai.mapper';

export interface OpenAIProviderOptions {
  name: string;
  apiKey?: string;
  baseURL?: string;
  timeoutMs: number;
  /** The HTTP stack of this deployment (connect timeout, keep-alive pool). */
  transport: ProviderTransport;
}

/** OpenAI and every OpenAI-compatible server (vLLM, Ollama, TGI, LM Studio) by base URL. */
export class OpenAIProvider implements ChatProvider {
  readonly name: string;
  /** Streams: the SDK parses the SSE. */
  private readonly client: OpenAI;
  /** Non-streaming calls: one undici request, no SDK (see openai-completion-call.ts). */
  private readonly postCompletion: ReturnType<typeof openAICompletionCall>;

  constructor(options: OpenAIProviderOptions) {
    this.name = options.name;
    this.client = new OpenAI({
      // Self-hosted servers often need no key; the SDK insists on one, any string will do.
      apiKey: options.apiKey ?? 'no-key',
      baseURL: options.baseURL,
      timeout: options.timeoutMs,
      // Retries belong to the llm service's own policy (with fallbacks), not the SDK's.
      maxRetries: 0,
      // Upstream failures are mapped and reported by us; the SDK's console output is noise.
      logLevel: 'off',
      fetch: options.transport.fetch,
      fetchOptions: options.transport.fetchOptions,
    });
    this.postCompletion = openAICompletionCall({
      dispatcher: options.transport.dispatcher,
      // Read back from the client, so the SDK's defaults (OPENAI_BASE_URL, OPENAI_ORG_ID, …)
      // apply to both paths alike.
      baseURL: this.client.baseURL,
      apiKey: this.client.apiKey ?? 'no-key',
      organization: this.client.organization,
      project: this.client.project,
    });
  }

  async complete({ request, upstreamModel, signal }: ProviderCall): Promise<ProviderCompletion> {
    try {
      const body = toProviderRequest(request, upstreamModel, false);
      return toChatCompletion(await this.postCompletion(body, signal), this.name);
    } catch (error) {
      throw toDomainError(error, this.name);
    }
  }

  async stream({
    request,
    upstreamModel,
    signal,
  }: ProviderCall): Promise<AsyncIterable<ChatCompletionChunk>> {
    let upstream: AsyncIterable<unknown>;
    try {
      const body = toProviderRequest(
        request,
        upstreamModel,
        true,
      ) as OpenAI.ChatCompletionCreateParamsStreaming;
      upstream = await this.client.chat.completions.create(body, { signal });
    } catch (error) {
      throw toDomainError(error, this.name);
    }
    const provider = this.name;
    return (async function* mapChunks() {
      try {
        for await (const raw of upstream) yield toChunk(raw, provider);
      } catch (error) {
        throw toDomainError(error, provider);
      }
    })();
  }
}
