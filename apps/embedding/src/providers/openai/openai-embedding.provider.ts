import OpenAI from 'openai';
import type { EmbeddingCall, EmbeddingProvider } from '../embedding-provider';
import { toEmbeddingDomainError } from './openai-embedding-error.mapper';
import { toEmbeddingRequest, toPackedVectors } from './openai-embedding.mapper';

export interface OpenAIEmbeddingProviderOptions {
  name: string;
  apiKey?: string;
  baseURL?: string;
  timeoutMs: number;
  encoding: 'base64' | 'float';
}

/** OpenAI's embeddings API and every server that speaks it (TEI, Ollama, vLLM, LM Studio). */
export class OpenAIEmbeddingProvider implements EmbeddingProvider {
  readonly name: string;
  private readonly client: OpenAI;

  constructor(private readonly options: OpenAIEmbeddingProviderOptions) {
    this.name = options.name;
    this.client = new OpenAI({
      // Self-hosted servers often need no key; the SDK insists on one, any string will do.
      apiKey: options.apiKey ?? 'no-key',
      baseURL: options.baseURL,
      // Only a backstop: `embed` enforces the timeout with its own signal, which tells a timeout
      // apart from other connection failures however the runtime reports the abort.
      timeout: options.timeoutMs + 1000,
      // A batch carries many callers' texts; their own clients decide about retrying.
      maxRetries: 0,
      // Failures are mapped and reported by us; the SDK's console output is noise.
      logLevel: 'off',
    });
  }

  async embed(call: EmbeddingCall): Promise<string[]> {
    const deadline = AbortSignal.timeout(this.options.timeoutMs);
    let raw: unknown;
    try {
      raw = await this.client.embeddings.create(toEmbeddingRequest(call, this.options.encoding), {
        signal: deadline,
      });
    } catch (error) {
      throw toEmbeddingDomainError(
        deadline.aborted ? new OpenAI.APIConnectionTimeoutError() : error,
        this.name,
        this.options.timeoutMs,
      );
    }
    return toPackedVectors(raw, call, this.name);
  }
}
