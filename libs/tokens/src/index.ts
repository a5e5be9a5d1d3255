export * from './bpe-segments';
export * from './bounded-tokenizer';
export * from './o200k.tokenizer';
export * from './cl100k.tokenizer';
export * from './tokenizers';
export * from './prompt-tokens';
