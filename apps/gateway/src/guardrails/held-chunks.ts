import type { ChatCompletionChunk } from '@conduit/contracts';
import type { Fragment, ScannedText } from './scanned-text';

type ChunkChoice = ChatCompletionChunk['choices'][number];
type ToolCallDelta = NonNullable<ChunkChoice['delta']['tool_calls']>[number];

/** Which text of a choice: its content, or the arguments of the tool call with this index. */
export type TextPart = 'content' | number;

/** One received chunk's choice, waiting until the guardrails released the text it carries. */
interface HeldChoice {
  chunk: ChatCompletionChunk;
  choice: ChunkChoice;
  /** The text fragments it carries, by part (position: the entry of `delta.tool_calls`). */
  fragments: { part: TextPart; position: number; fragment: Fragment; raw: string }[];
}

/**
 * The chunks of one choice of a stream, held in arrival order until the text they carry is
 * released, then sent one by one: unchanged (logprobs and all) when the guardrails changed
 * nothing in their text, else with the changed text and `logprobs: null`, since the model's
 * per-token figures no longer describe it. A chunk never overtakes an earlier one.
 */
export class HeldChunks {
  private readonly held: HeldChoice[] = [];

  constructor(private readonly textOf: (part: TextPart) => ScannedText) {}

  /** Holds a received choice; its content and tool-call arguments join their texts. */
  hold(chunk: ChatCompletionChunk, choice: ChunkChoice): void {
    const fragments: HeldChoice['fragments'] = [];
    const content = choice.delta.content;
    if (content) {
      const fragment = this.textOf('content').append(content);
      fragments.push({ part: 'content', position: -1, fragment, raw: content });
    }
    choice.delta.tool_calls?.forEach((call, position) => {
      const raw = call.function?.arguments;
      if (!raw) return;
      const fragment = this.textOf(call.index).append(raw);
      fragments.push({ part: call.index, position, fragment, raw });
    });
    this.held.push({ chunk, choice, fragments });
  }

  /** The chunks whose text is released now, in order, as they are to be sent. */
  takeReleased(): ChatCompletionChunk[] {
    const out: ChatCompletionChunk[] = [];
    let taken = 0;
    for (const entry of this.held) {
      const released = entry.fragments.every(({ part, fragment }) =>
        this.textOf(part).isReleased(fragment),
      );
      if (!released) break;
      taken++;
      const sent = this.rewrite(entry);
      if (sent) out.push(sent);
    }
    this.held.splice(0, taken);
    return out;
  }

  private rewrite(entry: HeldChoice): ChatCompletionChunk | null {
    const { chunk, choice } = entry;
    let content = choice.delta.content;
    const calls = choice.delta.tool_calls ? [...choice.delta.tool_calls] : undefined;
    let changed = false;
    for (const { part, position, fragment, raw } of entry.fragments) {
      const text = this.textOf(part).rewrite(fragment, raw);
      if (text === raw) continue;
      changed = true;
      if (part === 'content') content = text;
      else if (calls) calls[position] = withArguments(calls[position], text);
    }
    if (!changed) {
      return chunk.choices.length === 1 ? chunk : { ...chunk, choices: [choice] };
    }
    const delta = { ...choice.delta };
    if (content) delta.content = content;
    else delete delta.content;
    if (calls) {
      const kept = calls.filter(carriesToolCall);
      if (kept.length > 0) delta.tool_calls = kept;
      else delete delta.tool_calls;
    }
    const rewritten = { ...choice, delta, logprobs: null };
    return carriesSomething(rewritten) ? { ...chunk, choices: [rewritten] } : null;
  }
}

function withArguments(call: ToolCallDelta | undefined, text: string): ToolCallDelta {
  const base = call ?? { index: 0 };
  return { ...base, function: { ...base.function, arguments: text } };
}

/** A tool-call delta worth sending: its id, type or name, or some arguments. */
function carriesToolCall(call: ToolCallDelta): boolean {
  return (
    call.id != null ||
    call.type != null ||
    call.function?.name != null ||
    (call.function?.arguments ?? '') !== ''
  );
}

/** A chunk choice worth sending: text, a role, tool calls, a refusal or a finish reason. */
function carriesSomething(choice: ChunkChoice): boolean {
  const { delta } = choice;
  return (
    choice.finish_reason != null ||
    (delta.content != null && delta.content !== '') ||
    delta.role != null ||
    (delta.tool_calls?.length ?? 0) > 0 ||
    delta.refusal != null
  );
}
