import type { Tokenizer } from './bounded-tokenizer';
import { cl100k } from './cl100k.tokenizer';
import { o200k } from './o200k.tokenizer';

/** The encodings Conduit counts in, by their tiktoken names. */
export type EncodingName = 'o200k_base' | 'cl100k_base';

/** Each encoding's bounded tokenizer, for code that picks the encoding by name. */
export const TOKENIZERS: Readonly<Record<EncodingName, Tokenizer>> = {
  o200k_base: o200k,
  cl100k_base: cl100k,
};
