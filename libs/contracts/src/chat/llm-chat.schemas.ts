import { z } from 'zod';
import { ErrorPayloadSchema } from '../errors/error-payload.schema';
import { ChargeSchema } from '../billing/charge.schema';
import { TokenRatesSchema } from '../billing/token-cost';
import {
  ChatCompletionChunkSchema,
  ChatCompletionSchema,
  FINISH_REASONS,
  UsageSchema,
} from './chat-completion.schema';
import { ChatCompletionRequestSchema } from './chat-request.schema';

/** `llm.v1.chat.complete` request: one OpenAI chat request, tagged with the gateway's request id. */
export const LlmChatCompleteRequestSchema = z.object({
  requestId: z.string().min(1),
  request: ChatCompletionRequestSchema,
  /**
   * The model names the caller's key may use (ids or aliases); fallbacks outside them are
   * skipped. Absent or null: no restriction.
   */
  allowedModels: z.array(z.string().min(1)).nullable().optional(),
});
export type LlmChatCompleteRequest = z.infer<typeof LlmChatCompleteRequestSchema>;

/**
 * Reply to `llm.v1.chat.complete`: the OpenAI completion (its `model` is the catalog id that
 * served it) and what it cost.
 */
export const LlmChatResultSchema = z.object({
  completion: ChatCompletionSchema,
  charge: ChargeSchema,
  /** True when usage was counted by Conduit because the provider did not report it. */
  usageEstimated: z.boolean(),
});
export type LlmChatResult = z.infer<typeof LlmChatResultSchema>;

/**
 * `llm.v1.chat.stream` request. The llm service publishes ChatStreamEvents to `inbox`
 * (a subject only the requesting gateway listens on).
 */
export const LlmChatStreamRequestSchema = LlmChatCompleteRequestSchema.extend({
  inbox: z.string().min(1),
  /**
   * The caller takes `chunks` events: chunks that arrive from the provider together (in one
   * event-loop turn) travel as one message instead of one each. Absent: one `chunk` per message.
   */
  frames: z.boolean().optional(),
});
export type LlmChatStreamRequest = z.infer<typeof LlmChatStreamRequestSchema>;

/**
 * Reply to `llm.v1.chat.stream`, sent once the upstream provider accepted the request, so a
 * refused request is still an ordinary error (and HTTP status) rather than an SSE error event.
 * `cancelSubject` reaches the one llm replica serving this stream.
 */
export const LlmChatStreamAcceptedSchema = z.object({
  cancelSubject: z.string().min(1),
  model: z.string(),
  /**
   * The serving replica publishes a `heartbeat` event at least this often while it sends nothing
   * else, so the gateway can tell a dead replica from a slow model. Absent: no heartbeats (the
   * gateway then relies on its idle timeout alone).
   */
  heartbeatMs: z.int().positive().optional(),
  /**
   * The serving model's price in effect when the stream began, so the gateway can still charge
   * the text it relayed when the replica dies before reporting usage.
   */
  price: z
    .object({
      provider: z.string().min(1),
      priceVersion: z.string().min(1),
      rates: TokenRatesSchema,
    })
    .optional(),
});
export type LlmChatStreamAccepted = z.infer<typeof LlmChatStreamAcceptedSchema>;

/**
 * Published on the stream inbox, in order; `seq` starts at 0 so a gap is detectable. A
 * `heartbeat` (no `seq`: it is not part of the answer) says the serving replica is alive while
 * it has nothing else to send, e.g. while the provider is slow.
 */
export const ChatStreamEventSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('heartbeat') }),
  z.object({
    kind: z.literal('chunk'),
    seq: z.int().nonnegative(),
    chunk: ChatCompletionChunkSchema,
  }),
  /** Several chunks in order, for callers that asked for `frames`. */
  z.object({
    kind: z.literal('chunks'),
    seq: z.int().nonnegative(),
    chunks: z.array(ChatCompletionChunkSchema).min(1),
  }),
  z.object({
    kind: z.literal('end'),
    seq: z.int().nonnegative(),
    usage: UsageSchema,
    charge: ChargeSchema,
    finishReason: z.enum(FINISH_REASONS).nullable(),
    /** True when usage was counted by Conduit because the provider did not report it. */
    usageEstimated: z.boolean(),
  }),
  z.object({
    kind: z.literal('error'),
    seq: z.int().nonnegative(),
    error: ErrorPayloadSchema,
    /** Usage so far, so a cut or cancelled stream is still accounted for. */
    usage: UsageSchema.optional(),
    /** What the usage so far cost; absent when nothing was generated. */
    charge: ChargeSchema.optional(),
  }),
]);
export type ChatStreamEvent = z.infer<typeof ChatStreamEventSchema>;

export const LlmChatCancelRequestSchema = z.object({
  requestId: z.string().min(1),
  reason: z.string(),
});
export type LlmChatCancelRequest = z.infer<typeof LlmChatCancelRequestSchema>;
