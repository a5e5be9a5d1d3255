import { CacheRequestOptionSchema } from '../cache/cache-policy.schema';
import { z } from 'zod';
import { RetrievalExtensionSchema } from '../retrieval/search.schemas';
import { ChatMessageSchema } from './chat-message.schema';
import {
  AudioOutputSchema,
  LegacyFunctionCallSchema,
  LegacyFunctionSchema,
  ModerationSchema,
  PredictionSchema,
  PromptCacheOptionsSchema,
  StreamOptionsSchema,
  WebSearchOptionsSchema,
} from './chat-request-options.schemas';

const FunctionToolSchema = z.object({
  type: z.literal('function'),
  function: z.object({
    name: z.string().min(1).max(64),
    description: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
    strict: z.boolean().nullable().optional(),
  }),
});

export const ResponseFormatSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text') }),
  z.object({ type: z.literal('json_object') }),
  z.object({
    type: z.literal('json_schema'),
    json_schema: z.object({
      name: z.string().min(1).max(64),
      description: z.string().optional(),
      schema: z.record(z.string(), z.unknown()).optional(),
      strict: z.boolean().nullable().optional(),
    }),
  }),
]);

/** `conduit: {…}` in a chat request: options for Conduit itself rather than the model. */
export const ConduitRequestExtensionSchema = z.strictObject({
  /** Add `conduit: {cost_usd, …}` to the response (and to the final usage chunk of a stream). */
  include_cost: z.boolean().optional(),
  /** Answer from a collection: retrieve for the last user message and cite the sources. */
  retrieval: RetrievalExtensionSchema.optional(),
  /** `{ mode: 'off' }`: neither read nor write the response cache for this request. */
  cache: CacheRequestOptionSchema.optional(),
});

/**
 * The OpenAI chat completion request, as the gateway accepts it: every argument of the
 * `openai` SDK's `ChatCompletionCreateParams` (kept current by chat-request.openai-sdk.spec.ts),
 * passed on as given to OpenAI-compatible providers. Unknown top-level arguments are rejected
 * (as OpenAI does) rather than silently dropped.
 */
export const ChatCompletionRequestSchema = z
  .strictObject({
    model: z.string().min(1, 'a model name is required'),
    messages: z.array(ChatMessageSchema).min(1, 'at least one message is required'),
    temperature: z.number().min(0).max(2).nullable().optional(),
    top_p: z.number().min(0).max(1).nullable().optional(),
    n: z.int().min(1).max(128).nullable().optional(),
    stream: z.boolean().nullable().optional(),
    stream_options: StreamOptionsSchema.nullable().optional(),
    stop: z
      .union([z.string(), z.array(z.string()).max(4)])
      .nullable()
      .optional(),
    max_tokens: z.int().min(1).nullable().optional(),
    max_completion_tokens: z.int().min(1).nullable().optional(),
    presence_penalty: z.number().min(-2).max(2).nullable().optional(),
    frequency_penalty: z.number().min(-2).max(2).nullable().optional(),
    logit_bias: z.record(z.string(), z.number().min(-100).max(100)).nullable().optional(),
    logprobs: z.boolean().nullable().optional(),
    top_logprobs: z.int().min(0).max(20).nullable().optional(),
    seed: z.int().nullable().optional(),
    user: z.string().optional(),
    tools: z.array(FunctionToolSchema).optional(),
    tool_choice: z
      .union([
        z.enum(['none', 'auto', 'required']),
        z.object({ type: z.literal('function'), function: z.object({ name: z.string() }) }),
      ])
      .optional(),
    parallel_tool_calls: z.boolean().optional(),
    response_format: ResponseFormatSchema.optional(),
    metadata: z.record(z.string(), z.string()).nullable().optional(),
    store: z.boolean().nullable().optional(),
    service_tier: z.string().nullable().optional(),
    reasoning_effort: z
      .enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max'])
      .nullable()
      .optional(),
    verbosity: z.enum(['low', 'medium', 'high']).nullable().optional(),
    modalities: z
      .array(z.enum(['text', 'audio']))
      .nullable()
      .optional(),
    audio: AudioOutputSchema.nullable().optional(),
    prediction: PredictionSchema.nullable().optional(),
    prompt_cache_key: z.string().nullable().optional(),
    prompt_cache_retention: z.enum(['in_memory', '24h']).nullable().optional(),
    prompt_cache_options: PromptCacheOptionsSchema.optional(),
    safety_identifier: z.string().nullable().optional(),
    web_search_options: WebSearchOptionsSchema.optional(),
    moderation: ModerationSchema.nullable().optional(),
    /** Deprecated by OpenAI in favour of `tools` / `tool_choice`, still sent by older clients. */
    functions: z.array(LegacyFunctionSchema).min(1).max(128).optional(),
    function_call: LegacyFunctionCallSchema.optional(),
    /** Conduit's own extensions; never sent upstream. */
    conduit: ConduitRequestExtensionSchema.optional(),
  })
  .superRefine((request, ctx) => {
    if (request.stream_options && !request.stream) {
      ctx.addIssue({
        code: 'custom',
        path: ['stream_options'],
        message: 'stream_options is only allowed when stream is true',
      });
    }
  });

export type ChatCompletionRequest = z.infer<typeof ChatCompletionRequestSchema>;

/** The output cap a request asks for, whichever of the two OpenAI fields it used. */
export function requestedMaxTokens(request: ChatCompletionRequest): number | undefined {
  return request.max_completion_tokens ?? request.max_tokens ?? undefined;
}
