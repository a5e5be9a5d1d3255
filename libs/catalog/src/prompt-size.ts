import { messageText, type ChatCompletionRequest } from '@conduit/contracts';
import {
  countRequestTokens,
  countRequestTokensAsync,
  isCostlyToCount,
  NON_ASCII_WEIGHT,
  OFF_THREAD_MIN_COST,
} from '@conduit/tokens';

// The framing countPromptTokens adds: 3 per message, 1 per name, 3 to prime the reply.
const FRAMING_PER_MESSAGE = 3;
const FRAMING_PER_NAME = 1;
const REPLY_PRIMING = 3;

/**
 * A request's input size for the context check, counted only when it matters. Tokenizing
 * costs about as much as the rest of an llm call for a short prompt, and most prompts are
 * nowhere near the window: the UTF-8 byte count bounds the o200k count from above (every
 * token stands for at least one byte), so when even that bound fits, nothing is tokenized.
 */
export class PromptSize {
  private exactCount?: number;
  /** Never less than `exact()`. */
  readonly upperBound: number;

  constructor(private readonly request: ChatCompletionRequest) {
    let bound = REPLY_PRIMING;
    for (const message of request.messages) {
      bound += FRAMING_PER_MESSAGE + byteLength(message.role) + byteLength(messageText(message));
      if ('name' in message && message.name) bound += FRAMING_PER_NAME + byteLength(message.name);
    }
    if (request.tools?.length) bound += byteLength(JSON.stringify(request.tools));
    this.upperBound = bound;
  }

  /**
   * Counts a long prompt now, in a worker thread, so a later `exact()` does not block the
   * event loop on it (a megabyte of CJK takes seconds). Short prompts stay lazy: most never
   * need counting.
   */
  async countIfLong(): Promise<void> {
    if (this.exactCount !== undefined) return;
    // No character weighs more than NON_ASCII_WEIGHT, and there are no more than bytes: skip the
    // scan for the short prompts that are nearly all traffic.
    if (this.upperBound * NON_ASCII_WEIGHT < OFF_THREAD_MIN_COST) return;
    if (!isCostlyToCount(this.request)) return;
    this.exactCount = await countRequestTokensAsync(this.request);
  }

  /** The counted input tokens (o200k), computed once. */
  exact(): number {
    this.exactCount ??= countRequestTokens(this.request);
    return this.exactCount;
  }
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
