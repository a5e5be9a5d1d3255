import {
  NotFoundError,
  type OutputScanRequest,
  type OutputScanResult,
  type OutputSessionScanRequest,
} from '@conduit/contracts';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { GuardrailsConfig } from '../config/guardrails-config.schema';
import { GUARDRAILS_CONFIG } from '../config/guardrails-config.token';
import { jsonStartOf } from './json-text';
import type { JsonLexState } from './json-text.lexer';
import { OutputScanService } from './output-scan.service';

interface Session {
  /** The stream's context as its first window brought it (policy, system prompt, …). */
  context: OutputScanRequest;
  /** Text scanned but not yet released: scanned again in front of the next window. */
  held: string;
  /** The answer so far, kept only when the response format is JSON (the schema check). */
  whole: string | null;
  /** For JSON text (see `isJsonText`): where its lexer stands at the start of `held`. */
  json: JsonLexState | null;
  touchedAt: number;
}

/**
 * The scanning sessions of the streams this replica serves: a stream's first window opens one
 * (`openSession`), and each later window brings only its new text, scanned behind what the
 * session still holds. So each character of an answer crosses the bus once, and the system
 * prompt and placeholders only with the first window. A session ends with its final window or
 * a block; one left idle (its gateway went away) is dropped after GUARDRAILS_SESSION_IDLE_MS.
 */
@Injectable()
export class OutputScanSessions implements OnModuleDestroy {
  private readonly sessions = new Map<string, Session>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly output: OutputScanService,
    @Inject(GUARDRAILS_CONFIG) private readonly config: GuardrailsConfig,
  ) {
    this.sweeper = setInterval(
      () => this.dropIdle(),
      Math.min(config.GUARDRAILS_SESSION_IDLE_MS, 30_000),
    ).unref();
  }

  /** Scans a window; opens a session for a stream's first one when asked and when there is room. */
  scan(request: OutputScanRequest, replica: string): OutputScanResult {
    const jsonStart = jsonStartOf(request);
    const { result, jsonAtCut } = this.output.scanWindow(request, jsonStart);
    if (!request.openSession || request.final || result.blocked) return result;
    if (this.sessions.size >= this.config.GUARDRAILS_MAX_SESSIONS) return result;
    const keepsWhole = isJsonFormat(request);
    this.sessions.set(keyOf(request.requestId, request.choice ?? 0, request.toolCall), {
      context: { ...request, text: '', answer: null, openSession: false },
      held: heldTail(request.text, result.held),
      // A reopened session's gateway sends the answer so far, which may be more than `text`.
      whole: keepsWhole ? (request.answer ?? request.text) : null,
      json: jsonAtCut,
      touchedAt: Date.now(),
    });
    return { ...result, session: replica };
  }

  /** A later window of a session: its new text, scanned behind what the session holds. */
  scanInSession(request: OutputSessionScanRequest, replica: string): OutputScanResult {
    const key = keyOf(request.requestId, request.choice, request.toolCall);
    const session = this.sessions.get(key);
    if (!session) {
      throw new NotFoundError(
        `No scanning session for '${request.requestId}' here; scan without one.`,
        { code: 'session_not_found' },
      );
    }
    const text = session.held + request.text;
    if (session.whole !== null) session.whole += request.text;
    const { result, jsonAtCut } = this.output.scanWindow(
      {
        ...session.context,
        text,
        final: request.final,
        answer: request.final ? session.whole : null,
      },
      session.json,
    );
    if (request.final || result.blocked) {
      this.sessions.delete(key);
      return result;
    }
    session.held = heldTail(text, result.held);
    session.json = jsonAtCut;
    session.touchedAt = Date.now();
    return { ...result, session: replica };
  }

  /** Sessions open now (metrics and tests). */
  get size(): number {
    return this.sessions.size;
  }

  private dropIdle(): void {
    const oldest = Date.now() - this.config.GUARDRAILS_SESSION_IDLE_MS;
    for (const [key, session] of this.sessions) {
      if (session.touchedAt < oldest) this.sessions.delete(key);
    }
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }
}

/** A session per choice, and per tool call of a choice (its arguments are a text of their own). */
function keyOf(requestId: string, choice: number, toolCall: number | undefined): string {
  return `${requestId}\u0000${choice}\u0000${toolCall ?? 'content'}`;
}

function heldTail(text: string, held: number): string {
  return held > 0 ? text.slice(-held) : '';
}

/** The schema check needs a JSON content's whole answer; tool-call arguments are not checked. */
function isJsonFormat(request: OutputScanRequest): boolean {
  if (request.toolCall !== undefined) return false;
  const format = request.responseFormat?.type;
  return format === 'json_object' || format === 'json_schema';
}
