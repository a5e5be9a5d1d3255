import { z } from 'zod';

/*
 * Anthropic's Messages API request (`POST /v1/messages`), as the gateway accepts it.
 *
 * Written by hand after the official SDK's `MessageCreateParams` (contracts depend on zod only).
 * The top level is strict, like ChatCompletionRequestSchema: an argument Conduit cannot honour is
 * an error, never silently dropped. Content blocks and tools are not strict: a client that sends
 * back a response's `content` as the next assistant turn carries response-only fields
 * (`citations: null`, `caller`), which are stripped. Fields accepted here but not supported
 * (`top_k`, `thinking`) are refused, naming the parameter, by the gateway's mapper.
 */

/**
 * `string | item[]`, as Anthropic's `content` and `system` are. Unlike `z.union`, a bad block
 * is reported at its own path (`messages[0].content[1].source.type`), not as the whole union.
 */
function textOrBlocks<T extends z.ZodType>(block: T, minBlocks = 0) {
  const blocks = z.array(block).min(minBlocks, `at least ${minBlocks} block(s) required`);
  return z.unknown().transform((value, ctx): string | z.output<T>[] => {
    if (typeof value === 'string') return value;
    const result = blocks.safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) ctx.addIssue({ ...issue });
    return z.NEVER;
  });
}

/**
 * `cache_control` on a block or tool: accepted so Claude clients work; kept on system and user
 * text blocks (prompt caching on Anthropic models), ignored elsewhere.
 */
const CacheControlSchema = z
  .object({
    type: z.literal('ephemeral'),
    ttl: z.enum(['5m', '1h']).optional(),
  })
  .nullable()
  .optional();

const TextBlockSchema = z.object({
  type: z.literal('text'),
  text: z.string(),
  cache_control: CacheControlSchema,
});

export const ANTHROPIC_IMAGE_MEDIA_TYPES = [
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
] as const;

const ImageBlockSchema = z.object({
  type: z.literal('image'),
  source: z.discriminatedUnion('type', [
    z.object({
      type: z.literal('base64'),
      media_type: z.enum(ANTHROPIC_IMAGE_MEDIA_TYPES),
      data: z.string().min(1),
    }),
    z.object({ type: z.literal('url'), url: z.string().min(1) }),
  ]),
  cache_control: CacheControlSchema,
});

const ToolUseBlockSchema = z.object({
  type: z.literal('tool_use'),
  id: z.string().min(1),
  name: z.string().min(1),
  input: z.unknown(),
  cache_control: CacheControlSchema,
});

const ToolResultBlockSchema = z.object({
  type: z.literal('tool_result'),
  tool_use_id: z.string().min(1),
  content: textOrBlocks(TextBlockSchema).optional(),
  is_error: z.boolean().optional(),
  cache_control: CacheControlSchema,
});

const ThinkingBlockSchema = z.object({
  type: z.literal('thinking'),
  thinking: z.string(),
  signature: z.string().optional(),
});

const RedactedThinkingBlockSchema = z.object({
  type: z.literal('redacted_thinking'),
  data: z.string(),
});

const UserContentBlockSchema = z.discriminatedUnion('type', [
  TextBlockSchema,
  ImageBlockSchema,
  ToolResultBlockSchema,
]);

const AssistantContentBlockSchema = z.discriminatedUnion('type', [
  TextBlockSchema,
  ToolUseBlockSchema,
  ThinkingBlockSchema,
  RedactedThinkingBlockSchema,
]);

export const AnthropicMessageParamSchema = z.discriminatedUnion('role', [
  z.object({
    role: z.literal('user'),
    content: textOrBlocks(UserContentBlockSchema, 1),
  }),
  z.object({
    role: z.literal('assistant'),
    content: textOrBlocks(AssistantContentBlockSchema),
  }),
]);
export type AnthropicMessageParam = z.infer<typeof AnthropicMessageParamSchema>;

const ToolSchema = z.object({
  /** Only custom (client) tools: Anthropic's server tools (web search, bash, …) are refused. */
  type: z.literal('custom').nullable().optional(),
  // 64: the OpenAI function-name limit every upstream model is held to.
  name: z.string().min(1).max(64),
  description: z.string().optional(),
  input_schema: z.looseObject({ type: z.literal('object') }),
  strict: z.boolean().optional(),
  cache_control: CacheControlSchema,
});

const disableParallel = z.boolean().optional();
const ToolChoiceSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('auto'), disable_parallel_tool_use: disableParallel }),
  z.object({ type: z.literal('any'), disable_parallel_tool_use: disableParallel }),
  z.object({
    type: z.literal('tool'),
    name: z.string().min(1),
    disable_parallel_tool_use: disableParallel,
  }),
  z.object({ type: z.literal('none') }),
]);

/** Extended thinking: parsed (so the error names it) but refused by the gateway unless disabled. */
const ThinkingConfigSchema = z.looseObject({
  type: z.enum(['enabled', 'disabled', 'adaptive', 'between_tools']),
});

export const AnthropicMessagesRequestSchema = z.strictObject({
  model: z.string().min(1, 'a model name is required'),
  max_tokens: z.int().min(1),
  messages: z.array(AnthropicMessageParamSchema).min(1, 'at least one message is required'),
  system: textOrBlocks(TextBlockSchema).optional(),
  stop_sequences: z.array(z.string()).optional(),
  temperature: z.number().min(0).max(1).optional(),
  top_p: z.number().min(0).max(1).optional(),
  top_k: z.int().min(0).optional(),
  tools: z.array(ToolSchema).optional(),
  tool_choice: ToolChoiceSchema.optional(),
  metadata: z.strictObject({ user_id: z.string().nullable().optional() }).optional(),
  stream: z.boolean().optional(),
  thinking: ThinkingConfigSchema.optional(),
  service_tier: z.enum(['auto', 'standard_only']).optional(),
  /** Top-level automatic prompt caching: accepted and ignored, like `cache_control` on blocks. */
  cache_control: CacheControlSchema,
});

export type AnthropicMessagesRequest = z.infer<typeof AnthropicMessagesRequestSchema>;
