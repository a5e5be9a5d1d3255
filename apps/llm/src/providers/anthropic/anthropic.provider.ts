import type { ChatCompletionChunk } from '@conduit/contracts';
import Anthropic from '@anthropic-ai/sdk';
import type {
  MessageCountTokensParams,
  MessageCreateParamsNonStreaming,
  RawMessageStreamEvent,
} from '@anthropic-ai/sdk/resources/messages';
import type { Attributes } from '@opentelemetry/api';
import type { ChatProvider, ProviderCall, ProviderCompletion } from '../chat-provider';
import type { ProviderTransport } from '../provider-transport';
import { serverAttributes, UpstreamTrace } from '../upstream-trace';
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
const ANTHROPIC_DEFAULT_BASE_URL = 'https://api.anthropic.com';

export class AnthropicProvider implements ChatProvider {
  readonly name: string;
  readonly genAiProviderName = 'anthropic';
  private readonly client: Anthropic;
  private readonly server: Attributes;

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
    this.server = serverAttributes(this.client.baseURL || ANTHROPIC_DEFAULT_BASE_URL);
  }

  async complete(call: ProviderCall): Promise<ProviderCompletion> {
    const { request, upstreamModel, maxOutputTokens, signal } = call;
    let upstream: UpstreamTrace | undefined;
    try {
      const body = toProviderRequest(request, upstreamModel, maxOutputTokens, false);
      upstream = this.trace(call, body);
      const { data: message, request_id } = await this.client.messages
        .create(body, { signal, headers: upstream.headers })
        .withResponse();
      upstream.providerRequestId(request_id);
      // The message id (`msg_…`), not the OpenAI-shaped id Conduit answers with.
      upstream.response(message.id, message.model);
      const completion = toChatCompletion(message, this.name);
      upstream.completion(completion);
      return completion;
    } catch (error) {
      const mapped = toDomainError(error, this.name);
      upstream?.failed(error, mapped);
      throw mapped;
    }
  }

  async stream(call: ProviderCall): Promise<AsyncIterable<ChatCompletionChunk>> {
    const { request, upstreamModel, maxOutputTokens, signal } = call;
    let events: AsyncIterable<RawMessageStreamEvent>;
    let upstream: UpstreamTrace | undefined;
    try {
      const body = toProviderRequest(request, upstreamModel, maxOutputTokens, true);
      upstream = this.trace(call, body);
      const { data, request_id } = await this.client.messages
        .create(body, { signal, headers: upstream.headers })
        .withResponse();
      upstream.providerRequestId(request_id);
      events = data;
    } catch (error) {
      const mapped = toDomainError(error, this.name);
      upstream?.failed(error, mapped);
      throw mapped;
    }
    const provider = this.name;
    const traced = upstream;
    return (async function* mapEvents() {
      const mapper = new AnthropicStreamMapper(upstreamModel);
      try {
        for await (const event of events) {
          if (event.type === 'message_start')
            traced.response(event.message.id, event.message.model);
          for (const chunk of mapper.map(event)) {
            traced.chunk(chunk, false);
            yield chunk;
          }
        }
        for (const chunk of mapper.finish()) {
          traced.chunk(chunk, false);
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

  /**
   * Anthropic's own count of the request's input tokens (`POST /v1/messages/count_tokens`):
   * the same body as a create — system, messages, tools, output format — without the output
   * cap and sampling parameters, which the endpoint refuses.
   */
  async countTokens(call: ProviderCall): Promise<number> {
    try {
      const body = countTokensBody(
        toProviderRequest(call.request, call.upstreamModel, call.maxOutputTokens, false),
      );
      const counted = await this.client.messages.countTokens(body, { signal: call.signal });
      return counted.input_tokens;
    } catch (error) {
      throw toDomainError(error, this.name);
    }
  }

  /** The call's trace, with the request parameters as sent (`gen_ai.request.*`). */
  private trace(
    call: ProviderCall,
    body: { max_tokens: number; stop_sequences?: string[] },
  ): UpstreamTrace {
    return new UpstreamTrace(this.name, call, {
      ...this.server,
      // Sampling parameters are not sent (see toProviderRequest): only these reach Anthropic.
      'gen_ai.request.max_tokens': body.max_tokens,
      ...(body.stop_sequences?.length && { 'gen_ai.request.stop_sequences': body.stop_sequences }),
    });
  }
}

/** A create body as `count_tokens` takes it: no output cap, stop sequences, user or stream. */
function countTokensBody({
  max_tokens: _cap,
  stream: _stream,
  stop_sequences: _stops,
  metadata: _user,
  ...body
}: MessageCreateParamsNonStreaming): MessageCountTokensParams {
  return body;
}
