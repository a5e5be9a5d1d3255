/** Nest token of the embedding service's parsed `EmbeddingConfig`. */
export const EMBEDDING_CONFIG = Symbol('EMBEDDING_CONFIG');
