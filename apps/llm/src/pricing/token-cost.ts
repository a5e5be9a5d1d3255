// The arithmetic lives in @conduit/contracts so the gateway prices a stream whose llm replica
// died before reporting usage exactly as this service would have.
export { billableTokens, tokenCostMicroUsd, type BillableTokens } from '@conduit/contracts';
