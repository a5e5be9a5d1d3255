/** The Nest token of the gateway's `ResponseCacheStore`. */
export const RESPONSE_CACHE_STORE = Symbol('RESPONSE_CACHE_STORE');
