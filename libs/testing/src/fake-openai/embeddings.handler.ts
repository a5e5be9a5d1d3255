import { validateEmbeddingsRequest } from './embeddings-request.validator';
import type { Exchange } from './exchange';
import { fakeEmbedding } from './fake-embedding';
import type { FakeEmbeddingModel, FakeOpenAIFault } from './fake-openai.types';
import { invalidRequest } from './openai-error';
import { JSON_CONTENT_TYPE } from './openai-headers';
import { sendError, sendHeadersThenCut, sendText } from './response-writer';
import { countEmbeddingInputTokens } from './token-count';

/** OpenAI's per-input window of its embedding models. */
export const MAX_EMBEDDING_INPUT_TOKENS = 8192;
/** OpenAI's limit on the tokens of all inputs of one request. */
export const MAX_EMBEDDING_REQUEST_TOKENS = 300_000;

export interface EmbeddingsSettings {
  embeddingModels: ReadonlyMap<string, FakeEmbeddingModel>;
  /** Told the number of inputs of every request answered with vectors. */
  onEmbeddingCall(inputs: number): void;
}

/** `POST /v1/embeddings` once the request is authenticated and its body parsed. */
export function handleEmbeddings(
  exchange: Exchange,
  body: unknown,
  fault: FakeOpenAIFault | undefined,
  settings: EmbeddingsSettings,
): void {
  const validation = validateEmbeddingsRequest(body, settings.embeddingModels);
  if (!validation.ok) return sendError(exchange, validation.error);
  const { request } = validation;
  const model = settings.embeddingModels.get(request.model)!;

  const tokens = request.inputs.map(countEmbeddingInputTokens);
  const longest = Math.max(...tokens);
  if (longest > MAX_EMBEDDING_INPUT_TOKENS) {
    return sendError(
      exchange,
      invalidRequest(
        `This model's maximum context length is ${MAX_EMBEDDING_INPUT_TOKENS} tokens, however you requested ${longest} tokens (${longest} in your prompt; 0 for the completion). Please reduce your prompt; or completion length.`,
      ),
    );
  }
  const total = tokens.reduce((sum, count) => sum + count, 0);
  if (total > MAX_EMBEDDING_REQUEST_TOKENS) {
    return sendError(
      exchange,
      invalidRequest(
        `Requested ${total} tokens, max ${MAX_EMBEDDING_REQUEST_TOKENS} tokens per request`,
        null,
        'max_tokens_per_request',
      ),
    );
  }

  settings.onEmbeddingCall(request.inputs.length);
  const dimensions = request.dimensions ?? model.dimensions;
  const data = request.inputs.map((input, index) => {
    const vector = fakeEmbedding(request.model, input, model.dimensions, dimensions);
    return {
      object: 'embedding',
      index,
      embedding:
        request.encodingFormat === 'base64'
          ? Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString('base64')
          : Array.from(vector),
    };
  });
  const response: Record<string, unknown> = { object: 'list', data, model: request.model };
  if (fault?.kind !== 'omitUsage') response.usage = { prompt_tokens: total, total_tokens: total };

  const json = JSON.stringify(response);
  if (fault?.kind === 'disconnectAfterChunks') {
    return sendHeadersThenCut(exchange, 200, json, JSON_CONTENT_TYPE);
  }
  if (fault?.kind === 'malformedChunk') {
    return sendText(exchange, 200, '{not json', JSON_CONTENT_TYPE);
  }
  sendText(exchange, 200, json, JSON_CONTENT_TYPE);
}
