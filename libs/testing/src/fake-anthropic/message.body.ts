import type { BlockPlan, MessagePlan, UsagePlan } from './message.plan';

/**
 * The `message` object, field for field as the official SDK's `Message` type declares it and
 * in api.anthropic.com's key order (`model` first). Fields for features the fake does not
 * have (containers, citations, server tools…) are present and null, as on the real API.
 */
export function toMessageBody(plan: MessagePlan, includeUsage: boolean): Record<string, unknown> {
  const body = messageEnvelope(
    plan,
    plan.blocks.map(toContentBlock),
    plan.stopReason,
    plan.stopSequence,
  );
  if (includeUsage) body.usage = toUsage(plan.usage, plan.usage.output_tokens);
  return body;
}

/**
 * The message as `message_start` carries it: no content, no stop reason yet, and the usage
 * known so far (all input counts, one output token). The SDK's accumulator turns it into the
 * non-streaming body by appending blocks and applying `message_delta`.
 */
export function toStartMessage(plan: MessagePlan): Record<string, unknown> {
  const body = messageEnvelope(plan, [], null, null);
  body.usage = toUsage(plan.usage, 1);
  return body;
}

function messageEnvelope(
  plan: MessagePlan,
  content: unknown[],
  stopReason: string | null,
  stopSequence: string | null,
): Record<string, unknown> {
  return {
    model: plan.model,
    id: plan.id,
    type: 'message',
    role: 'assistant',
    content,
    stop_reason: stopReason,
    stop_sequence: stopSequence,
    stop_details: null,
    container: null,
    diagnostics: null,
  };
}

export function toContentBlock(block: BlockPlan): Record<string, unknown> {
  return block.type === 'text'
    ? { type: 'text', text: block.text, citations: null }
    : {
        type: 'tool_use',
        id: block.id,
        name: block.name,
        input: block.input,
        caller: { type: 'direct' },
      };
}

function toUsage(usage: UsagePlan, outputTokens: number): Record<string, unknown> {
  return {
    input_tokens: usage.input_tokens,
    cache_creation_input_tokens: usage.cache_creation_input_tokens,
    cache_read_input_tokens: usage.cache_read_input_tokens,
    cache_creation: { ...usage.cache_creation },
    output_tokens: outputTokens,
    output_tokens_details: null,
    server_tool_use: null,
    service_tier: 'standard',
    inference_geo: null,
    speed: null,
  };
}
