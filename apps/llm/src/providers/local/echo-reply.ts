import {
  messageText,
  requestedMaxTokens,
  type ChatCompletionRequest,
  type FinishReason,
} from '@conduit/contracts';
import { countPromptTokensAsync, encodeOffThread } from '@conduit/tokens';
import { decode } from 'gpt-tokenizer';

export interface EchoReply {
  /** The reply's o200k tokens (see `splitIntoTokenPieces` for streaming them). */
  tokens: number[];
  text: string;
  finishReason: FinishReason;
  promptTokens: number;
  completionTokens: number;
}

/**
 * What `local/echo` answers: the last user message exactly as the provider received it, so
 * users and tests can see what reached the model. Honours `max_tokens` (finish "length") and
 * `stop` (cut before the first stop string) like a real model. A long message is tokenized in
 * a worker thread, so echoing a megabyte does not stall the llm service.
 */
export async function echoReply(request: ChatCompletionRequest): Promise<EchoReply> {
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
  let tokens = await encodeOffThread('o200k_base', text);
  const maxTokens = requestedMaxTokens(request);
  if (maxTokens !== undefined && tokens.length > maxTokens) {
    tokens = tokens.slice(0, maxTokens);
    text = decode(tokens);
    finishReason = 'length';
  }
  return {
    tokens,
    text,
    finishReason,
    promptTokens: await countPromptTokensAsync(request.messages),
    completionTokens: tokens.length,
  };
}

/**
 * The reply split into streamable pieces, one per token: decoded token by token, holding back a
 * token that ends inside a multi-byte character.
 */
export function splitIntoTokenPieces(tokens: number[]): string[] {
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
