import { contentPieces, type ChatCompletionPlan, type ChoicePlan } from './chat-completion.plan';
import { SYSTEM_FINGERPRINT } from './openai-ids';

export const DONE_FRAME = 'data: [DONE]\n\n';

/**
 * The `chat.completion.chunk` SSE frames for a plan, in the order api.openai.com sends them:
 * a role chunk, content deltas one token each, a finish chunk with an empty delta, and with
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
  const choice = (index: number, delta: unknown, finishReason: string | null = null): unknown => ({
    index,
    delta,
    logprobs: null,
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
    frames.push(frame([choice(index, {}, planned.finishReason)])),
  );
  if (includeUsage) frames.push(`${prefix}[],"usage":${JSON.stringify(plan.usage)}}\n\n`);
  return frames;
}

function toDeltas(choice: ChoicePlan): unknown[] {
  if (choice.kind === 'toolCall') {
    return [
      {
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
      },
      { tool_calls: [{ index: 0, function: { arguments: choice.arguments } }] },
    ];
  }
  const deltas: unknown[] = [{ role: 'assistant', content: '', refusal: null }];
  for (const piece of contentPieces(choice)) deltas.push({ content: piece });
  return deltas;
}
