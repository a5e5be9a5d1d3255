import { clearMergeCache, countTokens, encode } from 'gpt-tokenizer/encoding/o200k_base';
import { O200K_TOKEN_SPLIT_REGEX } from 'gpt-tokenizer/encodingParams/constants';
import { boundedTokenizer } from './bounded-tokenizer';

/** o200k_base, the encoding of the gpt-4o family and later: Conduit's default count. */
export const o200k = boundedTokenizer(
  { countTokens, encode, clearMergeCache },
  O200K_TOKEN_SPLIT_REGEX,
);
