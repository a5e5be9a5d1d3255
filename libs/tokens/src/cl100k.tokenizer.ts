import { clearMergeCache, countTokens, encode } from 'gpt-tokenizer/encoding/cl100k_base';
import { CL100K_TOKEN_SPLIT_REGEX } from 'gpt-tokenizer/encodingParams/constants';
import { boundedTokenizer } from './bounded-tokenizer';

/** cl100k_base, the encoding of OpenAI's embedding models (and gpt-4/gpt-3.5). */
export const cl100k = boundedTokenizer(
  { countTokens, encode, clearMergeCache },
  CL100K_TOKEN_SPLIT_REGEX,
);
