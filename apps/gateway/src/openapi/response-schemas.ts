import {
  ComponentHealthSchema,
  ERROR_TYPES,
  SearchHitSchema,
  UsageSchema,
} from '@conduit/contracts';
import { z } from 'zod';
import {
  ANTHROPIC_ERROR_TYPE_OF,
  type AnthropicErrorBody,
} from '../messages/anthropic-error.mapper';
import type { OpenAIErrorBody } from '../http/openai-error';

/*
 * Response shapes the gateway assembles itself, with no contract in @conduit/contracts: built
 * here from the contracts' parts, in zod like everything else the document is generated from.
 * The type checks below keep the two error bodies in step with the code that writes them.
 */

/** OpenAI's error body plus the request id (http/openai-error.ts): every 4xx/5xx but /v1/messages'. */
export const OpenAIErrorSchema = z
  .object({
    error: z.object({
      message: z.string(),
      type: z.enum(ERROR_TYPES).describe("Conduit's error type; the HTTP status follows from it"),
      code: z.string().nullable().describe('The precise cause, e.g. `missing_api_key`'),
      param: z.string().nullable().describe('The offending parameter, e.g. `messages[0].role`'),
      request_id: z.string(),
    }),
  })
  .describe("OpenAI's error shape, plus `request_id`.");

/** The Anthropic error types Conduit's errors map to. */
const ANTHROPIC_ERROR_TYPES = [...new Set(Object.values(ANTHROPIC_ERROR_TYPE_OF))] as [
  AnthropicErrorBody['error']['type'],
  ...AnthropicErrorBody['error']['type'][],
];

/** Anthropic's error body (messages/anthropic-error.mapper.ts), for `/v1/messages`. */
export const AnthropicErrorSchema = z
  .object({
    type: z.literal('error'),
    error: z.object({
      type: z.enum(ANTHROPIC_ERROR_TYPES),
      message: z.string(),
      details: z.object({ error_code: z.string(), param: z.string().optional() }),
    }),
    request_id: z.string().nullable(),
  })
  .describe("Anthropic's error shape; Conduit's precise cause is in `error.details.error_code`.");

/** `POST /v1/embeddings` (embeddings-exchange.service.ts): OpenAI's embeddings response. */
export const EmbeddingsResponseSchema = z.object({
  object: z.literal('list'),
  data: z.array(
    z.object({
      object: z.literal('embedding'),
      index: z.int().nonnegative(),
      embedding: z
        .union([z.array(z.number()), z.string()])
        .describe('Floats, or base64 of little-endian float32 when `encoding_format` is base64'),
    }),
  ),
  model: z.string(),
  usage: z.object({ prompt_tokens: z.int().nonnegative(), total_tokens: z.int().nonnegative() }),
});

/** The embedding usage of an ingest or a search (retrieval/documents.controller.ts). */
const RetrievalUsageSchema = z.object({
  prompt_tokens: z.int().nonnegative(),
  total_tokens: z.int().nonnegative(),
  model: z.string(),
});

export const DocumentsUpsertResponseSchema = z.object({
  object: z.literal('list'),
  data: z.array(
    z.object({
      object: z.literal('document'),
      id: z.string(),
      chunks: z.int().nonnegative(),
    }),
  ),
  usage: RetrievalUsageSchema,
});

export const SearchResponseSchema = z.object({
  object: z.literal('list'),
  data: z.array(SearchHitSchema.extend({ object: z.literal('search.hit') })),
  usage: RetrievalUsageSchema,
});

export const HealthLiveSchema = z.object({ status: z.literal('up') });

/** `degraded`: a dependency the gateway serves without, worse (guardrails failing open): still 200. */
const ReadyStatusSchema = z.enum(['up', 'degraded', 'down']);

/** `GET /health/ready` (health/health.controller.ts). */
export const HealthReadySchema = z.object({
  status: ReadyStatusSchema,
  components: z.record(z.string(), ComponentHealthSchema.extend({ status: ReadyStatusSchema })),
});

const AnthropicContentBlockSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('text'), text: z.string() }),
  z.looseObject({
    type: z.literal('tool_use'),
    id: z.string(),
    name: z.string(),
    input: z.record(z.string(), z.unknown()),
  }),
]);

/** `POST /v1/messages` (messages-response.mapper.ts): Anthropic's `Message`. */
export const AnthropicMessageSchema = z.looseObject({
  id: z.string(),
  type: z.literal('message'),
  role: z.literal('assistant'),
  model: z.string(),
  content: z.array(AnthropicContentBlockSchema),
  stop_reason: z
    .enum([
      'end_turn',
      'max_tokens',
      'stop_sequence',
      'tool_use',
      'pause_turn',
      'refusal',
      'model_context_window_exceeded',
    ])
    .nullable(),
  stop_sequence: z.string().nullable(),
  usage: z.looseObject({
    input_tokens: z.int().nonnegative(),
    output_tokens: z.int().nonnegative(),
    cache_read_input_tokens: z.int().nonnegative().nullable(),
    cache_creation_input_tokens: z.int().nonnegative().nullable(),
  }),
});

/** One `data:` line of a chat stream is a ChatCompletionChunk; the usage chunk has this usage. */
export const StreamUsageSchema = UsageSchema;

// Compile-time: the documented error bodies are the ones the gateway writes.
const openAIErrorMatches: z.infer<typeof OpenAIErrorSchema> extends OpenAIErrorBody ? true : never =
  true;
const anthropicErrorMatches: z.infer<typeof AnthropicErrorSchema> extends AnthropicErrorBody
  ? true
  : never = true;
void openAIErrorMatches;
void anthropicErrorMatches;
