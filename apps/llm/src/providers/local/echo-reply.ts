import {
  messageText,
  requestedMaxTokens,
  type ChatCompletionRequest,
  type FinishReason,
} from '@conduit/contracts';
import { o200k } from '@conduit/tokens';
import { decode } from 'gpt-tokenizer';
import { countPromptTokens } from '@conduit/tokens';

export interface EchoReply {
  /** The reply split into streamable pieces, one per token (multi-byte characters kept whole). */
  pieces: string[];
  text: string;
  finishReason: FinishReason;
  promptTokens: number;
  completionTokens: number;
}

/**
 * What `local/echo` answers: the last user message exactly as the provider received it, so
 * users and tests can see what reached the model. Honours `max_tokens` (finish "length") and
 * `stop` (cut before the first stop string) like a real model.
 */
export function echoReply(request: ChatCompletionRequest): EchoReply {
  const lastUser = [...request.messages].reverse().find((message) => message.role === 'user');
  let text = lastUser ? messageText(lastUser) : '';
  let finishReason: FinishReason = 'stop';

  const stops =
    request.stop == null ? [] : Array.isArray(request.stop) ? request.stop : [request.stop];
  const stopAt = Math.min(
    ...stops.map((stop) => (stop ? text.indexOf(stop) : -1)).filter((at) => at >= 0),
  );
  if (Number.isFinite(stopAt)) text = text.slice(0, stopAt);

  // Bounded encoding: the echo is caller text, and special-token text is echoed as text.
  let tokens = o200k.encode(text);
  const maxTokens = requestedMaxTokens(request);
  if (maxTokens !== undefined && tokens.length > maxTokens) {
    tokens = tokens.slice(0, maxTokens);
    text = decode(tokens);
    finishReason = 'length';
  }
  return {
    pieces: splitIntoTokenPieces(tokens),
    text,
    finishReason,
    promptTokens: countPromptTokens(request.messages),
    completionTokens: tokens.length,
  };
}

/** Decodes token by token, holding back a token that ends inside a multi-byte character. */
function splitIntoTokenPieces(tokens: number[]): string[] {
  const pieces: string[] = [];
  let pending: number[] = [];
  for (const token of tokens) {
    pending.push(token);
    const piece = decode(pending);
    if (!piece.endsWith('\uFFFD')) {
      pieces.push(piece);
      pending = [];
    }
  }
  if (pending.length > 0) pieces.push(decode(pending));
  return pieces;
}
