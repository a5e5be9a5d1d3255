/** Injection token of the service's one `VectorStore` (timed; Qdrant or embedded). */
export const VECTOR_STORE = Symbol('VECTOR_STORE');
