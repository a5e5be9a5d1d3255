export { FakeOpenAIServer } from './fake-openai.server';
export type {
  FakeChatCompletionRequest,
  FakeChatMessage,
  FakeEmbeddingModel,
  FakeOpenAIFault,
  FakeOpenAIServerOptions,
  RecordedRequest,
} from './fake-openai.types';
export { countEmbeddingInputTokens, countPromptTokens, countTokens } from './token-count';
export { fakeEmbedding } from './fake-embedding';
