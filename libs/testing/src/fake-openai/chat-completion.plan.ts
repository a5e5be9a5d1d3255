import type { FakeChatCompletionRequest } from './fake-openai.types';
import { newCompletionId, newToolCallId } from './openai-ids';
import {
  contentText,
  countPromptTokens,
  countTokens,
  encodeText,
  tokenPieces,
} from './token-count';
import { decode } from 'gpt-tokenizer';

export interface TextChoicePlan {
  kind: 'text';
  content: string;
  tokens: number[];
  finishReason: 'stop' | 'length';
  /** Whether the request asked for per-token log probabilities. */
  logprobs: boolean;
}

export interface ToolCallChoicePlan {
  kind: 'toolCall';
  callId: string;
  name: string;
  arguments: string;
  finishReason: 'tool_calls';
}

export type ChoicePlan = TextChoicePlan | ToolCallChoicePlan;

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number; audio_tokens: number };
  completion_tokens_details: {
    reasoning_tokens: number;
    audio_tokens: number;
    accepted_prediction_tokens: number;
    rejected_prediction_tokens: number;
  };
}

/**
 * Everything a completion will say, decided up front, so the JSON body and the SSE stream
 * are two renderings of the same answer and always agree on content and usage.
 */
export interface ChatCompletionPlan {
  id: string;
  created: number;
  model: string;
  choices: ChoicePlan[];
  usage: Usage;
}

export function defaultReply(request: FakeChatCompletionRequest): string {
  for (let i = request.messages.length - 1; i >= 0; i--) {
    const message = request.messages[i];
    if (message.role === 'user') return `Fake reply to: ${contentText(message.content)}`;
  }
  return 'Fake reply to: ';
}

export function defaultToolArguments(): string {
  return '{}';
}

export function planChatCompletion(
  request: FakeChatCompletionRequest,
  reply: (request: FakeChatCompletionRequest) => string,
  toolArguments: (
    request: FakeChatCompletionRequest,
    toolName: string,
  ) => string = defaultToolArguments,
): ChatCompletionPlan {
  const toolName = forcedToolName(request);
  // Every choice gets the same answer: the fake has no sampling, and `n` only tests fan-out.
  const choice: ChoicePlan =
    toolName === undefined
      ? planText(reply(request), request)
      : planToolCall(toolName, toolArguments(request, toolName));
  const choiceCount = request.n ?? 1;
  const choices: ChoicePlan[] = [choice];
  for (let i = 1; i < choiceCount; i++) {
    choices.push(choice.kind === 'toolCall' ? { ...choice, callId: newToolCallId() } : choice);
  }

  const promptTokens = countPromptTokens(request.messages);
  let completionTokens = 0;
  for (const planned of choices) completionTokens += completionTokensOf(planned);
  return {
    id: newCompletionId(),
    created: Math.floor(Date.now() / 1000),
    model: request.model,
    choices,
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: {
        reasoning_tokens: 0,
        audio_tokens: 0,
        accepted_prediction_tokens: 0,
        rejected_prediction_tokens: 0,
      },
    },
  };
}

/** Content pieces for streaming: one per token, as OpenAI streams them. */
export function contentPieces(choice: TextChoicePlan): string[] {
  return tokenPieces(choice.tokens);
}

/** Arguments pieces for streaming: one per token, as OpenAI streams them. */
export function argumentPieces(choice: ToolCallChoicePlan): string[] {
  return tokenPieces(encodeText(choice.arguments));
}

/**
 * A model generates until a stop sequence or the token budget, whichever comes first;
 * the stop sequence itself is never part of the output.
 */
function planText(fullReply: string, request: FakeChatCompletionRequest): TextChoicePlan {
  let text = fullReply;
  const stops = typeof request.stop === 'string' ? [request.stop] : (request.stop ?? []);
  for (const stop of stops) {
    const at = stop.length > 0 ? text.indexOf(stop) : -1;
    if (at !== -1) text = text.slice(0, at);
  }
  const tokens = encodeText(text);
  const logprobs = request.logprobs === true;
  // max_tokens is the deprecated spelling; OpenAI honours either.
  const limit = request.max_completion_tokens ?? request.max_tokens ?? Infinity;
  if (tokens.length > limit) {
    const kept = tokens.slice(0, limit);
    return { kind: 'text', content: decode(kept), tokens: kept, finishReason: 'length', logprobs };
  }
  return { kind: 'text', content: text, tokens, finishReason: 'stop', logprobs };
}

function planToolCall(name: string, args: string): ToolCallChoicePlan {
  return {
    kind: 'toolCall',
    callId: newToolCallId(),
    name,
    arguments: args,
    finishReason: 'tool_calls',
  };
}

/** The function the request forces, if any: `required` picks the first tool. */
function forcedToolName(request: FakeChatCompletionRequest): string | undefined {
  const choice = request.tool_choice;
  if (typeof choice === 'object' && choice !== null) return choice.function.name;
  if (choice !== 'required') return undefined;
  return request.tools?.find((tool) => tool.function !== undefined)?.function?.name;
}

// Approximation: a real tool call also spends a few formatting tokens we cannot know.
function completionTokensOf(choice: ChoicePlan): number {
  return choice.kind === 'text'
    ? choice.tokens.length
    : countTokens(choice.name) + countTokens(choice.arguments);
}
