import {
  argumentPieces,
  contentPieces,
  type ChatCompletionPlan,
  type ChoicePlan,
} from './chat-completion.plan';
import { SYSTEM_FINGERPRINT } from './openai-ids';
import { tokenLogprob } from './token-logprobs';

export const DONE_FRAME = 'data: [DONE]\n\n';

/**
 * The `chat.completion.chunk` SSE frames for a plan, in the order api.openai.com sends them:
 * a role chunk, content (or tool-call arguments) deltas one token each (with that token's
 * `logprobs` when the request asked for them), a finish chunk with an empty delta, and with
 * `include_usage` a final chunk with no choices and the usage (every earlier chunk then
 * carries `"usage":null`). `[DONE]` is not included: the writer decides whether it is sent.
 */
export function toChunkFrames(plan: ChatCompletionPlan, includeUsage: boolean): string[] {
  // The envelope is identical on every chunk: serialise it once and splice each chunk's
  // choices in, which keeps streaming cheap on the benchmark's hot path.
  const envelope = JSON.stringify({
    id: plan.id,
    object: 'chat.completion.chunk',
    created: plan.created,
    model: plan.model,
    service_tier: 'default',
    system_fingerprint: SYSTEM_FINGERPRINT,
  });
  const prefix = `data: ${envelope.slice(0, -1)},"choices":`;
  const suffix = includeUsage ? ',"usage":null}\n\n' : '}\n\n';
  const frame = (choices: unknown[]): string => prefix + JSON.stringify(choices) + suffix;
  const choice = (
    index: number,
    { delta, logprobs = null }: Delta,
    finishReason: string | null = null,
  ): unknown => ({
    index,
    delta,
    logprobs,
    finish_reason: finishReason,
  });

  const deltasPerChoice = plan.choices.map(toDeltas);
  const frames: string[] = [];
  // With n > 1 OpenAI interleaves the choices; round-robin keeps each choice's order intact.
  const longest = Math.max(...deltasPerChoice.map((deltas) => deltas.length));
  for (let step = 0; step < longest; step++) {
    deltasPerChoice.forEach((deltas, index) => {
      if (step < deltas.length) frames.push(frame([choice(index, deltas[step])]));
    });
  }
  plan.choices.forEach((planned, index) =>
    frames.push(frame([choice(index, { delta: {} }, planned.finishReason)])),
  );
  if (includeUsage) frames.push(`${prefix}[],"usage":${JSON.stringify(plan.usage)}}\n\n`);
  return frames;
}

interface Delta {
  delta: unknown;
  logprobs?: unknown;
}

function toDeltas(choice: ChoicePlan): Delta[] {
  if (choice.kind === 'toolCall') {
    const head = {
      role: 'assistant',
      content: null,
      tool_calls: [
        {
          index: 0,
          id: choice.callId,
          type: 'function',
          function: { name: choice.name, arguments: '' },
        },
      ],
      refusal: null,
    };
    return [
      { delta: head },
      ...argumentPieces(choice).map((piece) => ({
        delta: { tool_calls: [{ index: 0, function: { arguments: piece } }] },
      })),
    ];
  }
  const deltas: Delta[] = [{ delta: { role: 'assistant', content: '', refusal: null } }];
  contentPieces(choice).forEach((piece, position) =>
    deltas.push({
      delta: { content: piece },
      ...(choice.logprobs && {
        logprobs: { content: [tokenLogprob(piece, position)], refusal: null },
      }),
    }),
  );
  return deltas;
}
