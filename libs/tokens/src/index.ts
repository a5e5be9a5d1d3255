export * from './bpe-segments';
export * from './bounded-tokenizer';
export * from './o200k.tokenizer';
export * from './cl100k.tokenizer';
export * from './tokenizers';
export * from './prompt-tokens';
export {
  countTokensOffThread,
  encodeOffThread,
  closeTokenizerThreads,
  OFF_THREAD_MIN_COST,
  tokenizingCost,
  NON_ASCII_WEIGHT,
} from './off-thread/off-thread-tokenizer';
export { WorkerPool, textWorkerCount } from './off-thread/worker-pool';
