/** Injection token of the loaded `RetrievalConfig`. */
export const RETRIEVAL_CONFIG = Symbol('RETRIEVAL_CONFIG');
