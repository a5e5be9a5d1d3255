import {
  DomainError,
  type ChatCompletion,
  type ChatCompletionChunk,
  type ChatCompletionRequest,
  type GuardrailPolicy,
  type OutputScanResult,
  type Placeholder,
} from '@conduit/contracts';
import type { GuardrailsClient } from './guardrails.client';
import { contentFiltered, type GuardrailFindings } from './guardrail-findings';

/**
 * Streamed text is sent for scanning once a window of new text has arrived (or the choice
 * ends). The first window is small, so the first words show as soon as they did with a fixed
 * window; each later one doubles up to the cap, so a 2,000-character answer costs about 8 scans
 * instead of 40 (every scan re-sends the held tail, the system prompt and the placeholders).
 */
export const FIRST_SCAN_WINDOW_CHARS = 48;
export const MAX_SCAN_WINDOW_CHARS = 512;
/**
 * A slow model still gets its text released at least this often (checked as chunks arrive, so
 * no timer runs): the cap on how long a visible stream can stall behind a growing window.
 */
export const MAX_SCAN_INTERVAL_MS = 1_000;

export interface AnswerGuardContext {
  requestId: string;
  policy: GuardrailPolicy | null;
  request: ChatCompletionRequest;
  systemPrompt: string | null;
  canary: string | null;
  placeholders: Placeholder[];
}

interface ChoiceText {
  /** Received but not yet released (held back by the guardrails or not yet scanned). */
  pending: string;
  /** Length of `pending` when it was last scanned. */
  scannedLength: number;
  /** New characters that make the next scan. */
  window: number;
  /** When text was last released (performance.now()). */
  releasedAt: number;
  /** The whole answer, kept only when the response format is JSON (the schema check needs it). */
  whole: string | null;
  /** The guardrails replica keeping this choice's scanning session, once one is open. */
  session: string | null;
}

interface Released {
  text: string;
  held: number;
  session: string | null;
}

/**
 * Puts one request's answer through the output scanners: a completion at once, a stream window
 * by window. The text a caller sees is what the guardrails released (redacted, placeholders
 * restored); a block throws `content_filtered`.
 */
export class AnswerGuard {
  private readonly choices = new Map<number, ChoiceText>();
  private readonly keepsWhole: boolean;

  constructor(
    private readonly client: GuardrailsClient,
    private readonly context: AnswerGuardContext,
    private readonly findings: GuardrailFindings,
  ) {
    const format = context.request.response_format?.type;
    this.keepsWhole = format === 'json_object' || format === 'json_schema';
  }

  async completion(completion: ChatCompletion): Promise<ChatCompletion> {
    const choices = await Promise.all(
      completion.choices.map(async (choice) => {
        const content = choice.message.content;
        if (!content) return choice;
        const released = await this.scan(content, true, null);
        return { ...choice, message: { ...choice.message, content: released.text } };
      }),
    );
    return { ...completion, choices };
  }

  /** The chunks to send for one received chunk: its text replaced by what may be released now. */
  async chunk(chunk: ChatCompletionChunk): Promise<ChatCompletionChunk[]> {
    const choices = [];
    for (const choice of chunk.choices) {
      const state = this.stateOf(choice.index);
      const delta = choice.delta.content ?? '';
      state.pending += delta;
      if (state.whole !== null) state.whole += delta;
      const ends = choice.finish_reason != null;
      if (!ends && !isScanDue(state)) {
        choices.push(withContent(choice, ''));
        continue;
      }
      choices.push(withContent(choice, await this.release(choice.index, state, ends)));
      state.window = Math.min(state.window * 2, MAX_SCAN_WINDOW_CHARS);
    }
    const rewritten = { ...chunk, choices };
    return choices.some(carriesSomething) ? [rewritten] : [];
  }

  /** Releases what is still held for choices that never reported a finish reason. */
  async finish(template: ChatCompletionChunk | undefined): Promise<ChatCompletionChunk[]> {
    if (!template) return [];
    const out: ChatCompletionChunk[] = [];
    for (const [index, state] of this.choices) {
      if (state.pending === '') continue;
      const content = await this.release(index, state, true);
      out.push({
        ...template,
        choices: [{ index, delta: { content }, finish_reason: null, logprobs: null }],
      });
    }
    return out;
  }

  /**
   * Scans what arrived since the last window and returns what may be shown. With a session open
   * on a guardrails replica only the new text is sent; without one (the first window, or the
   * session's replica is gone) everything still held is sent, and a session is asked for.
   */
  private async release(choice: number, state: ChoiceText, final: boolean): Promise<string> {
    let released: Released | undefined;
    if (state.session) {
      const fresh = state.pending.slice(state.scannedLength);
      released = await this.scanInSession(state.session, choice, fresh, final);
    }
    // A JSON answer's schema check needs all of it: the final window carries it, and so does a
    // session reopened after a lost one (the new session starts from the held text only).
    const answer =
      final || (state.whole !== null && state.whole !== state.pending) ? state.whole : null;
    released ??= await this.scan(state.pending, final, answer, { choice, openSession: !final });
    state.session = final ? null : released.session;
    state.pending = released.held > 0 ? state.pending.slice(-released.held) : '';
    state.scannedLength = state.pending.length;
    state.releasedAt = performance.now();
    return released.text;
  }

  private async scan(
    text: string,
    final: boolean,
    answer: string | null,
    stream?: { choice: number; openSession: boolean },
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
      ...(stream && { choice: stream.choice, openSession: stream.openSession }),
    });
    // Unreachable guardrails in fail-open mode: the text goes out as the model wrote it.
    if (!result) return { text, held: 0, session: null };
    return this.verdict(result);
  }

  /** Undefined when the session is gone (its replica died or dropped it): scan without one. */
  private async scanInSession(
    replica: string,
    choice: number,
    text: string,
    final: boolean,
  ): Promise<Released | undefined> {
    let result: OutputScanResult;
    try {
      result = await this.client.scanOutputInSession(replica, {
        requestId: this.context.requestId,
        choice,
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
    return { text: result.release, held: result.held, session: result.session ?? null };
  }

  private stateOf(index: number): ChoiceText {
    let state = this.choices.get(index);
    if (!state) {
      state = {
        pending: '',
        scannedLength: 0,
        window: FIRST_SCAN_WINDOW_CHARS,
        releasedAt: performance.now(),
        whole: this.keepsWhole ? '' : null,
        session: null,
      };
      this.choices.set(index, state);
    }
    return state;
  }
}

type ChunkChoice = ChatCompletionChunk['choices'][number];

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

function isScanDue(state: ChoiceText): boolean {
  const unscanned = state.pending.length - state.scannedLength;
  if (unscanned >= state.window) return true;
  return unscanned > 0 && performance.now() - state.releasedAt >= MAX_SCAN_INTERVAL_MS;
}

function withContent(choice: ChunkChoice, content: string): ChunkChoice {
  if (choice.delta.content == null && content === '') return choice;
  const delta = { ...choice.delta };
  if (content === '') delete delta.content;
  else delta.content = content;
  return { ...choice, delta };
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
