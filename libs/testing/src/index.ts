export * from './nats-url';
export * from './in-memory-tracing';
export * from './fake-openai';
export * from './fake-anthropic';
export * from './test-messaging';
export * from './fake-qdrant/fake-qdrant.server';
export * from './adversarial-strings';
export * from './time-budget';
