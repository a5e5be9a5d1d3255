import type { ChatCompletionChunk } from '@conduit/contracts';
import type { ChatProvider, ProviderCall, ProviderCompletion } from '../chat-provider';
import type { ProviderTransport } from '../provider-transport';
import { OpenAIHttpClient } from './openai-http-client';
import { toChatCompletion, toChunk, toDomainError, toProviderRequest } from './openai.mapper';

export interface OpenAIProviderOptions {
  name: string;
  apiKey?: string;
  baseURL?: string;
  /** The HTTP stack of this deployment (connect timeout, keep-alive pool). */
  transport: ProviderTransport;
}

const OPENAI_DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/**
 * OpenAI and every OpenAI-compatible server (vLLM, Ollama, TGI, LM Studio) by base URL. Calls
 * go out through `OpenAIHttpClient` (undici, no SDK: see there why); timeouts are the router's
 * (it aborts each attempt's signal), retries and fallbacks too.
 */
export class OpenAIProvider implements ChatProvider {
  readonly name: string;
  private readonly http: OpenAIHttpClient;

  constructor(options: OpenAIProviderOptions) {
    this.name = options.name;
    this.http = new OpenAIHttpClient({
      dispatcher: options.transport.dispatcher,
      // The SDK's environment defaults, kept: a deployment without a base URL in the catalog
      // behaves as it did when the SDK made the calls.
      baseURL: options.baseURL ?? process.env.OPENAI_BASE_URL ?? OPENAI_DEFAULT_BASE_URL,
      // Self-hosted servers often need no key; a placeholder keeps the header well-formed.
      apiKey: options.apiKey ?? 'no-key',
      organization: process.env.OPENAI_ORG_ID ?? null,
      project: process.env.OPENAI_PROJECT_ID ?? null,
    });
  }

  async complete({ request, upstreamModel, signal }: ProviderCall): Promise<ProviderCompletion> {
    try {
      const body = toProviderRequest(request, upstreamModel, false);
      return toChatCompletion(await this.http.complete(body, signal), this.name);
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
      upstream = await this.http.stream(toProviderRequest(request, upstreamModel, true), signal);
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
