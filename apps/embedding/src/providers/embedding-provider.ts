/** One provider call: texts of one model at one vector length. */
export interface EmbeddingCall {
  upstreamModel: string;
  texts: readonly string[];
  /** Sent to the provider only when set: null asks for the model's own length. */
  dimensions: number | null;
  /** The length every returned vector must have; anything else is the provider's fault. */
  expectedDimensions: number;
}

/**
 * A deployment that turns texts into vectors. Vectors come back packed (base64 float32, see
 * `packVector`), one per text in order: the form they are cached in and cross NATS in.
 */
export interface EmbeddingProvider {
  readonly name: string;
  embed(call: EmbeddingCall): Promise<string[]>;
}
