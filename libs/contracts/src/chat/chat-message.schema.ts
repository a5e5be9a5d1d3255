import { z } from 'zod';

/**
 * Conduit's extension to OpenAI's text parts (as LiteLLM has it): mark a prompt-cache
 * breakpoint for providers with explicit prompt caching (Anthropic). Stripped for the others.
 */
export const CacheControlSchema = z.object({
  type: z.literal('ephemeral'),
  ttl: z.enum(['5m', '1h']).optional(),
});
export type CacheControl = z.infer<typeof CacheControlSchema>;

const TextPartSchema = z.object({
  type: z.literal('text'),
  text: z.string(),
  cache_control: CacheControlSchema.optional(),
});
const ImagePartSchema = z.object({
  type: z.literal('image_url'),
  image_url: z.object({
    url: z.string().min(1),
    detail: z.enum(['auto', 'low', 'high']).optional(),
  }),
});
const AudioPartSchema = z.object({
  type: z.literal('input_audio'),
  input_audio: z.object({ data: z.string(), format: z.enum(['wav', 'mp3']) }),
});
const FilePartSchema = z.object({
  type: z.literal('file'),
  file: z.object({
    file_data: z.string().optional(),
    file_id: z.string().optional(),
    filename: z.string().optional(),
  }),
});
const RefusalPartSchema = z.object({ type: z.literal('refusal'), refusal: z.string() });

const UserContentPartSchema = z.discriminatedUnion('type', [
  TextPartSchema,
  ImagePartSchema,
  AudioPartSchema,
  FilePartSchema,
]);

const ToolCallSchema = z.object({
  id: z.string(),
  type: z.literal('function'),
  function: z.object({ name: z.string(), arguments: z.string() }),
});

const name = z.string().min(1).max(64).optional();

export const ChatMessageSchema = z.discriminatedUnion('role', [
  z.object({
    role: z.literal('system'),
    content: z.union([z.string(), z.array(TextPartSchema).min(1)]),
    name,
  }),
  z.object({
    role: z.literal('developer'),
    content: z.union([z.string(), z.array(TextPartSchema).min(1)]),
    name,
  }),
  z.object({
    role: z.literal('user'),
    content: z.union([z.string(), z.array(UserContentPartSchema).min(1)]),
    name,
  }),
  z.object({
    role: z.literal('assistant'),
    content: z
      .union([
        z.string(),
        z.array(z.discriminatedUnion('type', [TextPartSchema, RefusalPartSchema])),
      ])
      .nullable()
      .optional(),
    refusal: z.string().nullable().optional(),
    tool_calls: z.array(ToolCallSchema).optional(),
    /** The legacy form of `tool_calls`, answered by a `function` message. */
    function_call: z.object({ name: z.string(), arguments: z.string() }).nullable().optional(),
    name,
  }),
  z.object({
    role: z.literal('tool'),
    content: z.union([z.string(), z.array(TextPartSchema).min(1)]),
    tool_call_id: z.string().min(1),
  }),
  /** Deprecated by OpenAI (use `tool`), still sent by clients of the legacy `functions`. */
  z.object({
    role: z.literal('function'),
    content: z.string().nullable(),
    name: z.string().min(1).max(64),
  }),
]);

export type ChatMessage = z.infer<typeof ChatMessageSchema>;

/** The plain text of a message's content (text parts joined), as a model would read it. */
export function messageText(message: ChatMessage): string {
  const content = message.content;
  if (content == null) return '';
  if (typeof content === 'string') return content;
  return content.map((part) => (part.type === 'text' ? part.text : '')).join('');
}

/** The system and developer messages' text: the instructions an answer must not give away. */
export function systemPromptOf(messages: readonly ChatMessage[]): string {
  return messages
    .filter((message) => message.role === 'system' || message.role === 'developer')
    .map(messageText)
    .join('\n');
}
