import {
  ContentFilteredError,
  ServiceUnavailableError,
  type Charge,
  type ChatCompletion,
  type ChatCompletionChunk,
  type LlmChatCompleteRequest,
} from '@conduit/contracts';
import type { FastifyReply } from 'fastify';
import type { AnswerGuard } from '../guardrails/answer-guard';
import { SseWriter } from '../chat/sse.writer';
import type { StreamRendererFactory } from '../chat/stream-renderer';
import type { CallOutcome } from '../accounting/call-outcome';
import type { ChatSurface, ConduitFields } from '../chat/chat-surface';
import { hitOutcome, hitResult } from './cache-hit';
import { chunksOf, type CachedAnswer } from './cached-answer';

/** How a replay ended: delivered, blocked by the output guardrails, or the client left. */
export type ReplayEnd =
  | { status: 'success' }
  | { status: 'error'; error: ContentFilteredError | ServiceUnavailableError }
  | { status: 'cancelled' };

/**
 * Serves a cached answer to a streaming request: the same SSE headers, chunk shapes and final
 * frames (usage chunk, `conduit` cost) as a live stream, through the same renderer and the same
 * output guardrails (which may still redact or block: the cache holds the model's answer, not
 * what an earlier caller was shown).
 */
export async function replayCachedStream(
  reply: FastifyReply,
  headers: Record<string, string>,
  renderer: StreamRendererFactory,
  completion: ChatCompletion,
  charge: Charge,
  guard: AnswerGuard | null,
): Promise<ReplayEnd> {
  reply.hijack();
  const sse = new SseWriter(reply.raw);
  const render = renderer(sse, charge.model);
  sse.open({ ...headers, 'x-conduit-served-by': charge.model });
  const chunks = chunksOf(completion);
  let first: ChatCompletionChunk | undefined;
  try {
    for (const chunk of chunks) {
      if (sse.closed) return { status: 'cancelled' };
      first ??= chunk;
      for (const released of guard ? await guard.chunk(chunk) : [chunk]) {
        await render.chunk(released);
      }
    }
    for (const released of guard ? await guard.finish() : []) await render.chunk(released);
  } catch (error) {
    if (!(error instanceof ContentFilteredError) && !(error instanceof ServiceUnavailableError)) {
      throw error;
    }
    await render.fail(error);
    sse.end();
    return { status: 'error', error };
  }
  const finishReason = completion.choices[0]?.finish_reason ?? null;
  await render.end({ usage: completion.usage, charge, finishReason }, first);
  sse.end();
  return { status: 'success' };
}

/** A cache hit on a streaming request, replayed through the surface's renderer: its outcome. */
export async function replayHit(
  cached: CachedAnswer,
  keptScreening: ChatCompletion | undefined,
  call: LlmChatCompleteRequest,
  reply: FastifyReply,
  headers: Record<string, string>,
  surface: ChatSurface,
  guard: AnswerGuard | null,
  fields: ConduitFields,
): Promise<CallOutcome> {
  const { completion, charge } = hitResult(cached, call.requestId, keptScreening);
  const outcome = hitOutcome(cached);
  const ended = await replayCachedStream(
    reply,
    { ...headers, 'x-request-id': call.requestId },
    surface.streamRenderer(call.request, call.requestId, fields),
    completion,
    charge,
    guard,
  );
  if (ended.status === 'error') return { ...outcome, status: 'error', errorType: ended.error.type };
  return { ...outcome, status: ended.status };
}
