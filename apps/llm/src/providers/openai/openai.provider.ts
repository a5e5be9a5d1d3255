import type { ChatCompletionChunk } from '@conduit/contracts';
import type { Attributes } from '@opentelemetry/api';
import type { ChatProvider, ProviderCall, ProviderCompletion } from '../chat-provider';
import type { ProviderTransport } from '../provider-transport';
import { serverAttributes, UpstreamTrace } from '../upstream-trace';
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
 * Our request id goes as `X-Client-Request-Id`, OpenAI's header for an id the caller chose
 * (OpenAI's own Codex client sends it; the Node SDK sets none), and as the usual
 * `x-request-id` that OpenAI-compatible servers (vLLM and others) read.
 */
const REQUEST_ID_HEADERS = ['x-request-id', 'x-client-request-id'] as const;

/**
 * OpenAI and every OpenAI-compatible server (vLLM, Ollama, TGI, LM Studio) by base URL. Calls
 * go out through `OpenAIHttpClient` (undici, no SDK: see there why); timeouts are the router's
 * (it aborts each attempt's signal), retries and fallbacks too.
 */
export class OpenAIProvider implements ChatProvider {
  readonly name: string;
  readonly genAiProviderName = 'openai';
  private readonly http: OpenAIHttpClient;
  private readonly server: Attributes;

  constructor(options: OpenAIProviderOptions) {
    this.name = options.name;
    // The SDK's environment defaults, kept: a deployment without a base URL in the catalog
    // behaves as it did when the SDK made the calls.
    const baseURL = options.baseURL ?? process.env.OPENAI_BASE_URL ?? OPENAI_DEFAULT_BASE_URL;
    this.server = serverAttributes(baseURL);
    this.http = new OpenAIHttpClient({
      dispatcher: options.transport.dispatcher,
      baseURL,
      // Self-hosted servers often need no key; a placeholder keeps the header well-formed.
      apiKey: options.apiKey ?? 'no-key',
      organization: process.env.OPENAI_ORG_ID ?? null,
      project: process.env.OPENAI_PROJECT_ID ?? null,
    });
  }

  async complete(call: ProviderCall): Promise<ProviderCompletion> {
    const { request, upstreamModel, signal } = call;
    let upstream: UpstreamTrace | undefined;
    try {
      const body = toProviderRequest(request, upstreamModel, false);
      upstream = this.trace(call, body);
      const completion = toChatCompletion(
        await this.http.complete(body, signal, upstream),
        this.name,
      );
      upstream.completion(completion);
      return completion;
    } catch (error) {
      const mapped = toDomainError(error, this.name);
      upstream?.failed(error, mapped);
      throw mapped;
    }
  }

  async stream(call: ProviderCall): Promise<AsyncIterable<ChatCompletionChunk>> {
    const { request, upstreamModel, signal } = call;
    let chunks: AsyncIterable<unknown>;
    let upstream: UpstreamTrace | undefined;
    try {
      const body = toProviderRequest(request, upstreamModel, true);
      upstream = this.trace(call, body);
      chunks = await this.http.stream(body, signal, upstream);
    } catch (error) {
      const mapped = toDomainError(error, this.name);
      upstream?.failed(error, mapped);
      throw mapped;
    }
    const provider = this.name;
    const traced = upstream;
    return (async function* mapChunks() {
      try {
        for await (const raw of chunks) {
          const chunk = toChunk(raw, provider);
          traced.chunk(chunk);
          yield chunk;
        }
      } catch (error) {
        const mapped = toDomainError(error, provider);
        traced.failed(error, mapped);
        throw mapped;
      } finally {
        traced.streamEnded();
      }
    })();
  }

  /** The call's trace, with the request parameters as sent (`gen_ai.request.*`). */
  private trace(call: ProviderCall, body: ReturnType<typeof toProviderRequest>): UpstreamTrace {
    return new UpstreamTrace(
      this.name,
      call,
      { ...this.server, ...requestAttributes(body) },
      REQUEST_ID_HEADERS,
    );
  }
}

/** The sampling and length parameters of an OpenAI chat body, by their GenAI names. */
function requestAttributes(body: ReturnType<typeof toProviderRequest>): Attributes {
  const maxTokens = body.max_completion_tokens ?? body.max_tokens;
  const stop = typeof body.stop === 'string' ? [body.stop] : body.stop;
  const outputType = body.response_format?.type;
  return {
    ...(maxTokens != null && { 'gen_ai.request.max_tokens': maxTokens }),
    ...(body.temperature != null && { 'gen_ai.request.temperature': body.temperature }),
    ...(body.top_p != null && { 'gen_ai.request.top_p': body.top_p }),
    ...(body.seed != null && { 'gen_ai.request.seed': body.seed }),
    ...(stop && stop.length > 0 && { 'gen_ai.request.stop_sequences': stop }),
    ...(body.frequency_penalty != null && {
      'gen_ai.request.frequency_penalty': body.frequency_penalty,
    }),
    ...(body.presence_penalty != null && {
      'gen_ai.request.presence_penalty': body.presence_penalty,
    }),
    ...(body.n != null && body.n !== 1 && { 'gen_ai.request.choice.count': body.n }),
    ...(body.reasoning_effort != null && {
      'gen_ai.request.reasoning.level': body.reasoning_effort,
    }),
    ...(outputType && {
      'gen_ai.output.type': outputType === 'text' ? 'text' : 'json',
    }),
  };
}
