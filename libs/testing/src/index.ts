export * from './nats-url';
export * from './in-memory-tracing';
export * from './fake-openai';
export * from './test-messaging';
