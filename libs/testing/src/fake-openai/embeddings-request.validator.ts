import type { FakeEmbeddingModel, FakeEmbeddingsRequest } from './fake-openai.types';
import { invalidRequest, modelNotFound, type OpenAIErrorReply } from './openai-error';
import { checkOptionalInteger, invalidType, isObject, missing } from './param-errors';

export type EmbeddingsRequestValidation =
  { ok: true; request: FakeEmbeddingsRequest } | { ok: false; error: OpenAIErrorReply };

/** OpenAI's limit on inputs per request. */
export const MAX_EMBEDDING_INPUTS = 2048;

// What api.openai.com says to an input it cannot take (an empty string, an empty list, a list
// mixing types): one message for all of them, naming no parameter.
const INVALID_INPUT =
  "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.";

/**
 * Checks an embeddings request the way OpenAI does, with its 400/404 bodies, so a client that
 * sends something OpenAI would refuse fails here too instead of getting plausible vectors.
 */
export function validateEmbeddingsRequest(
  body: unknown,
  models: ReadonlyMap<string, FakeEmbeddingModel>,
): EmbeddingsRequestValidation {
  if (!isObject(body)) return fail(invalidType('body', 'an object', body));
  if (body.model === undefined || body.model === null || body.model === '') {
    return fail(invalidRequest('you must provide a model parameter'));
  }
  if (typeof body.model !== 'string') return fail(invalidType('model', 'a string', body.model));
  if (body.input === undefined || body.input === null) {
    return fail(missing('input'));
  }
  const inputs = normaliseInput(body.input);
  if (!inputs) return fail(invalidRequest(INVALID_INPUT));
  const format = body.encoding_format ?? 'float';
  if (format !== 'float' && format !== 'base64') {
    return fail(
      invalidRequest(
        `Invalid value: '${typeof format === 'string' ? format : JSON.stringify(format)}'. Supported values are: 'float' and 'base64'.`,
        'encoding_format',
        'invalid_value',
      ),
    );
  }
  const model = models.get(body.model);
  if (!model) return fail(modelNotFound(body.model));
  const dimensionsError = checkDimensions(body, model);
  if (dimensionsError) return fail(dimensionsError);
  return {
    ok: true,
    request: {
      model: body.model,
      inputs,
      encodingFormat: format,
      dimensions: typeof body.dimensions === 'number' ? body.dimensions : null,
    },
  };
}

/** A string, a list of strings, a token-id list or a list of them; undefined when none of these. */
function normaliseInput(input: unknown): (string | number[])[] | undefined {
  if (typeof input === 'string') return input.length > 0 ? [input] : undefined;
  if (!Array.isArray(input) || input.length === 0 || input.length > MAX_EMBEDDING_INPUTS) {
    return undefined;
  }
  if (input.every((item) => typeof item === 'string' && item.length > 0)) {
    return input as string[];
  }
  if (input.every(isTokenId)) return [input as number[]];
  if (input.every((item) => Array.isArray(item) && item.length > 0 && item.every(isTokenId))) {
    return input as number[][];
  }
  return undefined;
}

function isTokenId(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function checkDimensions(
  body: Record<string, unknown>,
  model: FakeEmbeddingModel,
): OpenAIErrorReply | undefined {
  if (body.dimensions === undefined || body.dimensions === null) return undefined;
  if (!model.supportsDimensions) {
    return invalidRequest('This model does not support specifying dimensions.');
  }
  return checkOptionalInteger(body, 'dimensions', 1, model.dimensions);
}

function fail(error: OpenAIErrorReply): EmbeddingsRequestValidation {
  return { ok: false, error };
}
