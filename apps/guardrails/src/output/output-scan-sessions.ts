import {
  NotFoundError,
  type OutputScanRequest,
  type OutputScanResult,
  type OutputSessionScanRequest,
} from '@conduit/contracts';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { GuardrailsConfig } from '../config/guardrails-config.schema';
import { GUARDRAILS_CONFIG } from '../config/guardrails-config.token';
import { OutputScanService } from './output-scan.service';

interface Session {
  /** The stream's context as its first window brought it (policy, system prompt, …). */
  context: OutputScanRequest;
  /** Text scanned but not yet released: scanned again in front of the next window. */
  held: string;
  /** The answer so far, kept only when the response format is JSON (the schema check). */
  whole: string | null;
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
    const result = this.output.scan(request);
    if (!request.openSession || request.final || result.blocked) return result;
    if (this.sessions.size >= this.config.GUARDRAILS_MAX_SESSIONS) return result;
    const keepsWhole = isJsonFormat(request);
    this.sessions.set(keyOf(request.requestId, request.choice ?? 0), {
      context: { ...request, text: '', answer: null, openSession: false },
      held: heldTail(request.text, result.held),
      // A reopened session's gateway sends the answer so far, which may be more than `text`.
      whole: keepsWhole ? (request.answer ?? request.text) : null,
      touchedAt: Date.now(),
    });
    return { ...result, session: replica };
  }

  /** A later window of a session: its new text, scanned behind what the session holds. */
  scanInSession(request: OutputSessionScanRequest, replica: string): OutputScanResult {
    const key = keyOf(request.requestId, request.choice);
    const session = this.sessions.get(key);
    if (!session) {
      throw new NotFoundError(
        `No scanning session for '${request.requestId}' here; scan without one.`,
        { code: 'session_not_found' },
      );
    }
    const text = session.held + request.text;
    if (session.whole !== null) session.whole += request.text;
    const result = this.output.scan({
      ...session.context,
      text,
      final: request.final,
      answer: request.final ? session.whole : null,
    });
    if (request.final || result.blocked) {
      this.sessions.delete(key);
      return result;
    }
    session.held = heldTail(text, result.held);
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

function keyOf(requestId: string, choice: number): string {
  return `${requestId}\u0000${choice}`;
}

function heldTail(text: string, held: number): string {
  return held > 0 ? text.slice(-held) : '';
}

function isJsonFormat(request: OutputScanRequest): boolean {
  const format = request.responseFormat?.type;
  return format === 'json_object' || format === 'json_schema';
}
