/** One entry of `logprobs.content`, as OpenAI sends it for each generated token. */
export interface TokenLogprob {
  token: string;
  logprob: number;
  bytes: number[];
  top_logprobs: [];
}

/**
 * A log probability for the token at `position`: made up, but different for every position, so a
 * test can tell whether each token's figures still travel with that token.
 */
export function tokenLogprob(token: string, position: number): TokenLogprob {
  return {
    token,
    logprob: -Number(((position + 1) / 1000).toFixed(6)),
    bytes: [...Buffer.from(token, 'utf8')],
    top_logprobs: [],
  };
}
