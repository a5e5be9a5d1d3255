import { z } from 'zod';

/**
 * The nested objects of OpenAI chat arguments that Conduit only passes on. They are loose:
 * the fields Conduit knows are checked, and a field OpenAI adds later reaches the provider
 * instead of being dropped here (OpenAI itself rejects what it does not know).
 */

/** `stream_options`: `include_usage` is read by the gateway, the rest is the provider's. */
export const StreamOptionsSchema = z.looseObject({
  include_usage: z.boolean().optional(),
  include_obfuscation: z.boolean().optional(),
});

/** `audio`: the spoken answer's voice and format, with `modalities: ["text", "audio"]`. */
export const AudioOutputSchema = z.looseObject({
  format: z.enum(['wav', 'aac', 'mp3', 'flac', 'opus', 'pcm16']),
  voice: z.union([z.string().min(1), z.looseObject({ id: z.string().min(1) })]),
});

/** `prediction`: Predicted Outputs — text the answer is expected to repeat, for speed. */
export const PredictionSchema = z.looseObject({
  type: z.literal('content'),
  content: z.union([
    z.string(),
    z.array(z.looseObject({ type: z.literal('text'), text: z.string() })),
  ]),
});

export const PromptCacheOptionsSchema = z.looseObject({
  mode: z.enum(['implicit', 'explicit']).optional(),
  ttl: z.string().optional(),
});

export const WebSearchOptionsSchema = z.looseObject({
  search_context_size: z.enum(['low', 'medium', 'high']).optional(),
  user_location: z
    .looseObject({
      type: z.literal('approximate'),
      approximate: z.looseObject({
        city: z.string().optional(),
        country: z.string().optional(),
        region: z.string().optional(),
        timezone: z.string().optional(),
      }),
    })
    .nullable()
    .optional(),
});

const ModerationModeSchema = z.looseObject({ mode: z.enum(['score', 'block']) });

/** `moderation`: OpenAI's own moderation of the input and output, run by OpenAI. */
export const ModerationSchema = z.looseObject({
  model: z.string().min(1),
  policy: z
    .looseObject({
      input: ModerationModeSchema.nullable().optional(),
      output: ModerationModeSchema.nullable().optional(),
    })
    .nullable()
    .optional(),
});

/** A legacy `functions` entry: what `tools[].function` became. */
export const LegacyFunctionSchema = z.object({
  name: z.string().min(1).max(64),
  description: z.string().optional(),
  parameters: z.record(z.string(), z.unknown()).optional(),
});

/** The legacy `function_call`: what `tool_choice` became. */
export const LegacyFunctionCallSchema = z.union([
  z.enum(['none', 'auto']),
  z.object({ name: z.string().min(1) }),
]);
