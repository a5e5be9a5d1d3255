import { z } from 'zod';

export const FINISH_REASONS = [
  'stop',
  'length',
  'tool_calls',
  'content_filter',
  'function_call',
] as const;
export type FinishReason = (typeof FINISH_REASONS)[number];

export const UsageSchema = z.looseObject({
  prompt_tokens: z.int().nonnegative(),
  completion_tokens: z.int().nonnegative(),
  total_tokens: z.int().nonnegative(),
  prompt_tokens_details: z
    .looseObject({ cached_tokens: z.int().nonnegative().optional() })
    .nullable()
    .optional(),
  completion_tokens_details: z.looseObject({}).nullable().optional(),
});
export type Usage = z.infer<typeof UsageSchema>;

const ToolCallSchema = z.looseObject({
  id: z.string(),
  type: z.literal('function'),
  function: z.object({ name: z.string(), arguments: z.string() }),
});

export const ChatCompletionSchema = z.looseObject({
  id: z.string(),
  object: z.literal('chat.completion'),
  created: z.int(),
  model: z.string(),
  choices: z.array(
    z.looseObject({
      index: z.int(),
      message: z.looseObject({
        role: z.literal('assistant'),
        content: z.string().nullable(),
        refusal: z.string().nullable().optional(),
        tool_calls: z.array(ToolCallSchema).optional(),
      }),
      finish_reason: z.enum(FINISH_REASONS).nullable(),
      logprobs: z.unknown().nullable().optional(),
    }),
  ),
  usage: UsageSchema,
  system_fingerprint: z.string().nullable().optional(),
});
export type ChatCompletion = z.infer<typeof ChatCompletionSchema>;

const ToolCallDeltaSchema = z.looseObject({
  index: z.int(),
  id: z.string().optional(),
  type: z.literal('function').optional(),
  function: z
    .looseObject({ name: z.string().optional(), arguments: z.string().optional() })
    .optional(),
});

export const ChatCompletionChunkSchema = z.looseObject({
  id: z.string(),
  object: z.literal('chat.completion.chunk'),
  created: z.int(),
  model: z.string(),
  choices: z.array(
    z.looseObject({
      index: z.int(),
      delta: z.looseObject({
        role: z.literal('assistant').optional(),
        content: z.string().nullable().optional(),
        refusal: z.string().nullable().optional(),
        tool_calls: z.array(ToolCallDeltaSchema).optional(),
      }),
      finish_reason: z.enum(FINISH_REASONS).nullable(),
      logprobs: z.unknown().nullable().optional(),
    }),
  ),
  usage: UsageSchema.nullable().optional(),
  system_fingerprint: z.string().nullable().optional(),
});
export type ChatCompletionChunk = z.infer<typeof ChatCompletionChunkSchema>;
