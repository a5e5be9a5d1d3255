import { ValidationError } from '@conduit/contracts';
import type { EmbeddingModel } from '../catalog/embedding-model';

/** The length a request's vectors will have, and what (if anything) to ask the provider for. */
export interface VectorLength {
  /** Every returned vector's length. */
  dimensions: number;
  /** `dimensions` for the provider call; null when the model's own length is wanted. */
  requested: number | null;
}

/**
 * Resolves a request's `dimensions` against the model. Asking for the model's own length is
 * the same as not asking (so it also works on fixed-length models, and both share cache
 * entries and batches); anything else needs a model that can shorten its vectors.
 */
export function vectorLength(
  model: EmbeddingModel,
  dimensions: number | null | undefined,
): VectorLength {
  if (dimensions === null || dimensions === undefined || dimensions === model.dimensions) {
    return { dimensions: model.dimensions, requested: null };
  }
  if (model.maxDimensions === null) {
    throw new ValidationError(
      `The model '${model.id}' always produces ${model.dimensions}-dimensional vectors and does not support dimensions: leave it out.`,
      { code: 'dimensions_not_supported', param: 'dimensions' },
    );
  }
  if (dimensions > model.maxDimensions) {
    throw new ValidationError(
      `The model '${model.id}' produces at most ${model.maxDimensions} dimensions, but ${dimensions} were requested.`,
      { code: 'dimensions_too_large', param: 'dimensions' },
    );
  }
  return { dimensions, requested: dimensions };
}
