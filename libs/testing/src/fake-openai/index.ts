export { FakeOpenAIServer } from './fake-openai.server';
export type {
  FakeChatCompletionRequest,
  FakeChatMessage,
  FakeOpenAIFault,
  FakeOpenAIServerOptions,
  RecordedRequest,
} from './fake-openai.types';
export { countPromptTokens, countTokens } from './token-count';
