import { DomainError, TimeoutError } from '@conduit/contracts';
import type { ModelTimeouts } from '../catalog/model-policy';

const CANCELLED = 'cancelled';

type AbortCause = 'caller' | 'first_token' | 'total';

/**
 * The abort signal of one upstream attempt, fired by whichever comes first: the caller going
 * away, the model's total timeout, or — for a stream — no first chunk within its first-token
 * timeout. It also says afterwards which of them ended the attempt, since the SDKs report
 * every abort alike. Plain timers and one controller rather than `AbortSignal.any` and
 * `AbortSignal.timeout`, which cost measurably more per request on Node 20.
 */
export class AttemptSignals {
  private readonly controller = new AbortController();
  private cause?: AbortCause;
  private readonly totalTimer: NodeJS.Timeout;
  private firstTokenTimer?: NodeJS.Timeout;
  private readonly onCallerAbort = () => this.abort('caller');

  constructor(
    private readonly caller: AbortSignal | undefined,
    private readonly timeouts: ModelTimeouts,
    streaming: boolean,
  ) {
    this.totalTimer = setTimeout(() => this.abort('total'), timeouts.totalMs).unref();
    if (streaming) {
      this.firstTokenTimer = setTimeout(
        () => this.abort('first_token'),
        timeouts.firstTokenMs,
      ).unref();
    }
    if (caller?.aborted) this.abort('caller');
    else caller?.addEventListener('abort', this.onCallerAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The first chunk is in: from now on only the total timeout and the caller can end it. */
  firstTokenArrived(): void {
    clearTimeout(this.firstTokenTimer);
  }

  /** Why the attempt ended, when one of our signals ended it; undefined otherwise. */
  abortReason(): DomainError | undefined {
    switch (this.cause) {
      case 'caller':
        return new TimeoutError('The client cancelled the request.', { code: CANCELLED });
      case 'first_token':
        return new TimeoutError(
          `The provider sent no first token within ${this.timeouts.firstTokenMs} ms.`,
          { code: 'first_token_timeout' },
        );
      case 'total':
        return new TimeoutError(`The provider did not finish within ${this.timeouts.totalMs} ms.`, {
          code: 'provider_timeout',
        });
      default:
        return undefined;
    }
  }

  /** The error an attempt failed with, as the caller should see it. */
  explain(error: unknown): DomainError | undefined {
    return this.abortReason() ?? (error instanceof DomainError ? error : undefined);
  }

  /** The attempt is over (finished or failed): stop the timers, let go of the caller's signal. */
  dispose(): void {
    clearTimeout(this.totalTimer);
    clearTimeout(this.firstTokenTimer);
    this.caller?.removeEventListener('abort', this.onCallerAbort);
  }

  private abort(cause: AbortCause): void {
    if (this.cause) return;
    this.cause = cause;
    this.controller.abort(cause);
  }
}
