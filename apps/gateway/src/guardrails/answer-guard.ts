import {
  DomainError,
  type ChatCompletion,
  type ChatCompletionChunk,
  type ChatCompletionRequest,
  type GuardrailPolicy,
  type OutputEdit,
  type OutputScanResult,
  type Placeholder,
} from '@conduit/contracts';
import type { GuardrailsClient } from './guardrails.client';
import { contentFiltered, type GuardrailFindings } from './guardrail-findings';
import { HeldChunks, type TextPart } from './held-chunks';
import {
  FIRST_SCAN_WINDOW_CHARS,
  MAX_SCAN_INTERVAL_MS,
  MAX_SCAN_WINDOW_CHARS,
  ScannedText,
} from './scanned-text';

export { FIRST_SCAN_WINDOW_CHARS, MAX_SCAN_INTERVAL_MS, MAX_SCAN_WINDOW_CHARS };

export interface AnswerGuardContext {
  requestId: string;
  policy: GuardrailPolicy | null;
  request: ChatCompletionRequest;
  systemPrompt: string | null;
  canary: string | null;
  placeholders: Placeholder[];
}

/** One streamed choice: its texts (content, each tool call's arguments) and its held chunks. */
interface ChoiceState {
  texts: Map<TextPart, ScannedText>;
  chunks: HeldChunks;
}

interface Released {
  text: string;
  held: number;
  edits: OutputEdit[] | undefined;
  session: string | null;
}

/** Where a scanned text belongs: its choice and, for tool-call arguments, the tool call. */
interface TextAddress {
  choice?: number;
  toolCall?: number;
}

/**
 * Puts one request's answer through the output scanners: a completion at once, a stream window
 * by window. The content and every tool call's arguments are scanned (the arguments as JSON,
 * redacted inside their strings). What a caller sees is what the guardrails released (redacted,
 * placeholders restored); in a stream the model's own chunks go out as they came (logprobs and
 * all) once their text is released, and only the chunks whose text changed are rewritten (with
 * `logprobs: null`). A block throws `content_filtered`.
 */
export class AnswerGuard {
  private readonly choices = new Map<number, ChoiceState>();
  private readonly contentIsJson: boolean;

  constructor(
    private readonly client: GuardrailsClient,
    private readonly context: AnswerGuardContext,
    private readonly findings: GuardrailFindings,
  ) {
    const format = context.request.response_format?.type;
    this.contentIsJson = format === 'json_object' || format === 'json_schema';
  }

  async completion(completion: ChatCompletion): Promise<ChatCompletion> {
    const choices = await Promise.all(
      completion.choices.map(async (choice) => {
        const { content, tool_calls: calls } = choice.message;
        const [released, toolCalls] = await Promise.all([
          content ? this.scan(content, true, null, {}) : undefined,
          calls
            ? Promise.all(calls.map((call, index) => this.scanToolCall(call, index)))
            : undefined,
        ]);
        const message = { ...choice.message };
        if (released) message.content = released.text;
        if (toolCalls) message.tool_calls = toolCalls;
        // The model's per-token figures name the tokens it wrote, redacted ones included.
        const changed = released !== undefined && released.text !== content;
        return { ...choice, message, ...(changed && { logprobs: null }) };
      }),
    );
    return { ...completion, choices };
  }

  /**
   * The chunks to send now for one received chunk: those of its choices whose text the
   * guardrails released, with any earlier ones still held, in the order they came.
   */
  async chunk(chunk: ChatCompletionChunk): Promise<ChatCompletionChunk[]> {
    const out: ChatCompletionChunk[] = [];
    for (const choice of chunk.choices) {
      const state = this.stateOf(choice.index);
      state.chunks.hold(chunk, choice);
      const ends = choice.finish_reason != null;
      for (const [part, text] of state.texts) {
        if (text.finished || !(ends || text.isScanDue())) continue;
        await this.release(choice.index, part, text, ends);
      }
      out.push(...state.chunks.takeReleased());
    }
    return out;
  }

  /** Releases what is still held for choices that never reported a finish reason. */
  async finish(): Promise<ChatCompletionChunk[]> {
    const out: ChatCompletionChunk[] = [];
    for (const [index, state] of this.choices) {
      for (const [part, text] of state.texts) {
        if (!text.finished) await this.release(index, part, text, true);
      }
      out.push(...state.chunks.takeReleased());
    }
    return out;
  }

  /**
   * Scans what arrived since the last window and marks what may be shown. With a session open
   * on a guardrails replica only the new text is sent; without one (the first window, or the
   * session's replica is gone) everything still held is sent, and a session is asked for.
   */
  private async release(
    choice: number,
    part: TextPart,
    text: ScannedText,
    final: boolean,
  ): Promise<void> {
    const address: TextAddress = { choice, ...(part === 'content' ? {} : { toolCall: part }) };
    let released: Released | undefined;
    if (text.session) {
      const fresh = text.pending.slice(text.scannedLength);
      released = await this.scanInSession(text.session, address, fresh, final);
    }
    // JSON needs the text before the window: the schema check all of it, a reopened session
    // (starting from the held text only) whether the window begins inside a string.
    const answer = text.whole !== null && text.whole !== text.pending ? text.whole : null;
    released ??= await this.scan(text.pending, final, answer, address, !final);
    text.session = final ? null : released.session;
    text.finished = final;
    text.accept(released.text, released.held, released.edits);
  }

  private async scanToolCall(
    call: NonNullable<ChatCompletion['choices'][number]['message']['tool_calls']>[number],
    index: number,
  ) {
    if (!call.function.arguments) return call;
    const released = await this.scan(call.function.arguments, true, null, { toolCall: index });
    return { ...call, function: { ...call.function, arguments: released.text } };
  }

  private async scan(
    text: string,
    final: boolean,
    answer: string | null,
    address: TextAddress,
    openSession?: boolean,
  ): Promise<Released> {
    const { requestId, policy, request, systemPrompt, canary, placeholders } = this.context;
    const result = await this.client.scanOutput({
      requestId,
      policy,
      text,
      final,
      systemPrompt,
      canary,
      placeholders,
      responseFormat: request.response_format ?? null,
      answer,
      ...address,
      ...(openSession !== undefined && { openSession }),
    });
    // Unreachable guardrails in fail-open mode: the text goes out as the model wrote it.
    if (!result) return { text, held: 0, edits: [], session: null };
    return this.verdict(result);
  }

  /** Undefined when the session is gone (its replica died or dropped it): scan without one. */
  private async scanInSession(
    replica: string,
    address: TextAddress,
    text: string,
    final: boolean,
  ): Promise<Released | undefined> {
    let result: OutputScanResult;
    try {
      result = await this.client.scanOutputInSession(replica, {
        requestId: this.context.requestId,
        choice: address.choice ?? 0,
        ...(address.toolCall !== undefined && { toolCall: address.toolCall }),
        text,
        final,
      });
    } catch (error) {
      if (isSessionLost(error)) return undefined;
      throw error;
    }
    return this.verdict(result);
  }

  private verdict(result: OutputScanResult): Released {
    this.findings.add(result.findings);
    if (result.blocked) throw contentFiltered(result.blocked, 'answer');
    return {
      text: result.release,
      held: result.held,
      edits: result.edits,
      session: result.session ?? null,
    };
  }

  private stateOf(index: number): ChoiceState {
    let state = this.choices.get(index);
    if (!state) {
      const texts = new Map<TextPart, ScannedText>();
      const textOf = (part: TextPart) => {
        let text = texts.get(part);
        if (!text) {
          // Tool-call arguments are JSON whatever the response format.
          text = new ScannedText(part !== 'content' || this.contentIsJson ? '' : null);
          texts.set(part, text);
        }
        return text;
      };
      state = { texts, chunks: new HeldChunks(textOf) };
      this.choices.set(index, state);
    }
    return state;
  }
}

/**
 * A session request that failed because the session is not there any more: its replica died or
 * restarted (no responders, no heartbeat), timed out, or dropped it. The held text is still
 * here, so a stateless scan of it loses nothing.
 */
function isSessionLost(error: unknown): boolean {
  if (!(error instanceof DomainError)) return false;
  if (error.code === 'bus_unavailable') return false;
  return (
    error.code === 'session_not_found' ||
    error.type === 'service_unavailable' ||
    error.type === 'timeout'
  );
}
