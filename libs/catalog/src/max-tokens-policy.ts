/** `reject` answers 400 as OpenAI does; `clamp` lowers the request's cap to the model's limit. */
export type MaxTokensPolicy = 'reject' | 'clamp';
