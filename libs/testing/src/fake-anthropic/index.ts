export { FakeAnthropicServer } from './fake-anthropic.server';
export type {
  FakeAnthropicContentBlock,
  FakeAnthropicErrorType,
  FakeAnthropicFault,
  FakeAnthropicMessage,
  FakeAnthropicServerOptions,
  FakeAnthropicTool,
  FakeAnthropicToolChoice,
  FakeCacheControl,
  FakeMessagesRequest,
} from './fake-anthropic.types';
export {
  countInputTokens as countAnthropicInputTokens,
  countTokens as countAnthropicTokens,
} from './token-count';
