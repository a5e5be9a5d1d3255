import {
  ChargeSchema,
  ChatCompletionSchema,
  GuardrailEventFindingSchema,
  type Charge,
  type ChatCompletion,
  type ChatCompletionChunk,
  type Usage,
} from '@conduit/contracts';
import { z } from 'zod';

/**
 * What the cache keeps of an answer: the model's completion as the llm service returned it —
 * BEFORE the output guardrails and placeholder restoration, which run again for every request
 * that is served it (two callers whose e-mails redact to the same placeholder share the entry,
 * and each gets only their own e-mail back) — and what it cost when it was made (the saving
 * each hit reports).
 */
export const CachedAnswerSchema = z.object({
  v: z.literal(1),
  completion: ChatCompletionSchema,
  charge: ChargeSchema,
  storedAt: z.iso.datetime(),
  /**
   * The completion as the output guardrails screened it, under `fingerprint` (the resolved
   * policy and scanner version, from the input scan), with what they found: a later request
   * with the same fingerprint and no placeholders to restore is served this without a second
   * screening. Any other request is screened afresh.
   */
  screened: z
    .object({
      fingerprint: z.string().min(1),
      completion: ChatCompletionSchema,
      findings: z.array(GuardrailEventFindingSchema),
    })
    .optional(),
});
export type CachedAnswer = z.infer<typeof CachedAnswerSchema>;

export function cachedAnswer(
  completion: ChatCompletion,
  charge: Charge,
  screened?: CachedAnswer['screened'],
): CachedAnswer {
  return {
    v: 1,
    completion,
    charge,
    storedAt: new Date().toISOString(),
    ...(screened ? { screened } : {}),
  };
}

/** The kept screening of the answer, when it applies to a request with this fingerprint. */
export function screeningFor(
  answer: CachedAnswer,
  fingerprint: string | null,
): NonNullable<CachedAnswer['screened']> | null {
  return fingerprint !== null && answer.screened?.fingerprint === fingerprint
    ? answer.screened
    : null;
}

/**
 * Entries already validated, by their stored text: a hot entry is read again and again, and
 * validating it (zod, two completions) costs ~10× its JSON.parse on the hot path. The text is
 * the key, so a changed entry is validated afresh. Bounded; the oldest goes first. Entries are
 * shared between requests and must not be mutated (callers copy what they change).
 */
const validated = new Map<string, CachedAnswer>();
const MAX_VALIDATED = 1_000;

/** Parses a stored entry; null when it is corrupt or of another version (it is then dropped). */
export function parseCachedAnswer(stored: string): CachedAnswer | null {
  const known = validated.get(stored);
  if (known) return known;
  let parsed;
  try {
    parsed = CachedAnswerSchema.safeParse(JSON.parse(stored));
  } catch {
    return null;
  }
  if (!parsed.success) return null;
  validated.set(stored, parsed.data);
  if (validated.size > MAX_VALIDATED) {
    const oldest = validated.keys().next();
    if (!oldest.done) validated.delete(oldest.value);
  }
  return parsed.data;
}

/**
 * The cached completion as this request's answer: its own id and creation time (a cached
 * answer never carries another request's id), the tokens it would have used.
 */
export function servedCompletion(
  answer: CachedAnswer,
  requestId: string,
  completion: ChatCompletion = answer.completion,
): ChatCompletion {
  return {
    ...completion,
    id: `chatcmpl-${requestId}`,
    created: Math.floor(Date.now() / 1000),
  };
}

/**
 * A completion as the chunks a provider would have streamed: per choice, the role with the
 * content, then each tool call whole, then the finish reason — the shapes a fresh stream has,
 * so clients cannot tell a replay from a live answer but by its speed.
 */
export function chunksOf(completion: ChatCompletion): ChatCompletionChunk[] {
  const base = {
    id: completion.id,
    object: 'chat.completion.chunk' as const,
    created: completion.created,
    model: completion.model,
    ...(completion.system_fingerprint ? { system_fingerprint: completion.system_fingerprint } : {}),
  };
  const chunks: ChatCompletionChunk[] = [];
  for (const choice of completion.choices) {
    const { message } = choice;
    chunks.push({
      ...base,
      choices: [
        {
          index: choice.index,
          delta: {
            role: 'assistant',
            content: message.content ?? '',
            ...(message.refusal ? { refusal: message.refusal } : {}),
          },
          finish_reason: null,
          ...(choice.logprobs != null ? { logprobs: choice.logprobs } : {}),
        },
      ],
    });
    (message.tool_calls ?? []).forEach((call, index) => {
      chunks.push({
        ...base,
        choices: [
          {
            index: choice.index,
            delta: {
              tool_calls: [
                {
                  index,
                  id: call.id,
                  type: 'function',
                  function: { name: call.function.name, arguments: call.function.arguments },
                },
              ],
            },
            finish_reason: null,
          },
        ],
      });
    });
    chunks.push({
      ...base,
      choices: [{ index: choice.index, delta: {}, finish_reason: choice.finish_reason }],
    });
  }
  return chunks;
}

interface ChoiceDraft {
  content: string;
  refusal: string | null;
  toolCalls: { id: string; name: string; arguments: string }[];
  finishReason: ChatCompletion['choices'][number]['finish_reason'];
}

/**
 * The completion a stream amounted to (the inverse of `chunksOf`), so a streamed miss can be
 * served to the next caller whether it streams or not. Tool-call deltas are joined by index.
 */
export function completionFromChunks(
  chunks: readonly ChatCompletionChunk[],
  usage: Usage,
): ChatCompletion | null {
  const first = chunks[0];
  if (!first) return null;
  const choices = new Map<number, ChoiceDraft>();
  for (const chunk of chunks) {
    for (const choice of chunk.choices) {
      let draft = choices.get(choice.index);
      if (!draft) {
        draft = { content: '', refusal: null, toolCalls: [], finishReason: null };
        choices.set(choice.index, draft);
      }
      const { delta } = choice;
      if (delta.content) draft.content += delta.content;
      if (delta.refusal) draft.refusal = (draft.refusal ?? '') + delta.refusal;
      for (const call of delta.tool_calls ?? []) {
        const slot = (draft.toolCalls[call.index] ??= { id: '', name: '', arguments: '' });
        if (call.id) slot.id = call.id;
        if (call.function?.name) slot.name += call.function.name;
        if (call.function?.arguments) slot.arguments += call.function.arguments;
      }
      if (choice.finish_reason) draft.finishReason = choice.finish_reason;
    }
  }
  return {
    id: first.id,
    object: 'chat.completion',
    created: first.created,
    model: first.model,
    choices: [...choices.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, draft]) => ({
        index,
        message: {
          role: 'assistant' as const,
          // A tool-calling answer without text has `content: null`, as providers send it.
          content: draft.content === '' && draft.toolCalls.length > 0 ? null : draft.content,
          ...(draft.refusal ? { refusal: draft.refusal } : {}),
          ...(draft.toolCalls.length > 0
            ? {
                tool_calls: draft.toolCalls.map((call) => ({
                  id: call.id,
                  type: 'function' as const,
                  function: { name: call.name, arguments: call.arguments },
                })),
              }
            : {}),
        },
        finish_reason: draft.finishReason,
      })),
    usage,
  };
}
