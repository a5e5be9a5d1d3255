import {
  BudgetExceededError,
  ContextLengthExceededError,
  ERROR_TYPES,
  InternalError,
  ProviderError,
  RateLimitExceededError,
  ValidationError,
  domainErrorFromPayload,
  type ErrorType,
} from '@conduit/contracts';
import Anthropic, * as sdk from '@anthropic-ai/sdk';
import { NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { toHttpError } from '../http/openai-error';
import {
  ANTHROPIC_ERROR_TYPE_OF,
  anthropicErrorBody,
  anthropicErrorStatus,
  toAnthropicHttpError,
} from './anthropic-error.mapper';

const EXPECTED: Record<ErrorType, [string, number, new (...args: never[]) => sdk.APIError]> = {
  validation_error: ['invalid_request_error', 400, sdk.BadRequestError],
  context_length_exceeded: ['invalid_request_error', 400, sdk.BadRequestError],
  content_filtered: ['invalid_request_error', 400, sdk.BadRequestError],
  authentication_error: ['authentication_error', 401, sdk.AuthenticationError],
  permission_denied: ['permission_error', 403, sdk.PermissionDeniedError],
  not_found: ['not_found_error', 404, sdk.NotFoundError],
  rate_limit_exceeded: ['rate_limit_error', 429, sdk.RateLimitError],
  budget_exceeded: ['rate_limit_error', 429, sdk.RateLimitError],
  provider_error: ['api_error', 502, sdk.InternalServerError],
  internal_error: ['api_error', 500, sdk.InternalServerError],
  timeout: ['timeout_error', 504, sdk.InternalServerError],
  service_unavailable: ['overloaded_error', 503, sdk.InternalServerError],
};

/** What the official SDK throws for our HTTP error, over a fake fetch. */
async function sdkErrorFor(error: unknown): Promise<sdk.APIError> {
  const { status, headers, body } = toAnthropicHttpError(error, 'req_42');
  const client = new Anthropic({
    apiKey: 'sk-test',
    baseURL: 'http://conduit.test',
    maxRetries: 0,
    fetch: () =>
      Promise.resolve(
        new Response(JSON.stringify(body), {
          status,
          headers: { ...headers, 'content-type': 'application/json', 'request-id': 'req_42' },
        }),
      ),
  });
  const failure: unknown = await client.messages
    .create({ model: 'm', max_tokens: 1, messages: [{ role: 'user', content: 'hi' }] })
    .catch((thrown: unknown) => thrown);
  if (!(failure instanceof sdk.APIError)) throw new Error('expected an APIError');
  return failure;
}

describe('anthropic error mapping', () => {
  it('covers every Conduit error type', () => {
    expect(Object.keys(ANTHROPIC_ERROR_TYPE_OF).sort()).toEqual([...ERROR_TYPES].sort());
  });

  it.each(ERROR_TYPES)(
    'maps %s to the Anthropic type, the OpenAI status and SDK class',
    async (type) => {
      const [anthropicType, status, sdkClass] = EXPECTED[type];
      const error = domainErrorFromPayload({ type, message: `a ${type}`, code: null, param: null });
      expect(anthropicErrorStatus(error)).toBe(status);
      expect(anthropicErrorStatus(error)).toBe(toHttpError(error, 'r').status);
      expect(anthropicErrorBody(error, 'req_42')).toEqual({
        type: 'error',
        error: { type: anthropicType, message: `a ${type}`, details: { error_code: type } },
        request_id: 'req_42',
      });

      const thrown = await sdkErrorFor(error);
      expect(thrown).toBeInstanceOf(sdkClass);
      expect(thrown).toMatchObject({
        status,
        type: anthropicType,
        apiMessage: `a ${type}`,
        errorCode: type,
        requestID: 'req_42',
      });
    },
  );

  it('keeps our code and param in error.details, where the SDK reads errorCode', async () => {
    const error = new ValidationError('top_k is not supported.', {
      code: 'unsupported_parameter',
      param: 'top_k',
    });
    expect(anthropicErrorBody(error.toPayload(), null)).toEqual({
      type: 'error',
      error: {
        type: 'invalid_request_error',
        message: 'top_k is not supported.',
        details: { error_code: 'unsupported_parameter', param: 'top_k' },
      },
      request_id: null,
    });
    const thrown = await sdkErrorFor(error);
    expect(thrown.errorCode).toBe('unsupported_parameter');
    expect(thrown.details).toEqual({ error_code: 'unsupported_parameter', param: 'top_k' });
    expect(
      anthropicErrorBody(new ContextLengthExceededError('too long', { code: null }), 'r').error,
    ).toMatchObject({
      type: 'invalid_request_error',
      details: { error_code: 'context_length_exceeded' },
    });
  });

  it('uses the status of codes more specific than their type', () => {
    const tooLarge = new ValidationError('big', { code: 'request_too_large' });
    expect(anthropicErrorStatus(tooLarge)).toBe(413);
    expect(toAnthropicHttpError(new PayloadTooLargeException(), 'r').status).toBe(413);
  });

  it('passes Retry-After on, and tells the SDK not to retry a spent budget', async () => {
    const limited = toAnthropicHttpError(
      new RateLimitExceededError('slow down', { details: { retry_after_seconds: 1.2 } }),
      'r',
    );
    expect(limited.headers).toEqual({ 'retry-after': '2' });
    const budget = toAnthropicHttpError(new BudgetExceededError('budget spent'), 'r');
    expect(budget.headers).toEqual({ 'x-should-retry': 'false' });

    // With retries on, the SDK makes exactly one call for a spent budget.
    let calls = 0;
    const client = new Anthropic({
      apiKey: 'k',
      baseURL: 'http://conduit.test',
      maxRetries: 2,
      fetch: () => {
        calls++;
        return Promise.resolve(
          new Response(JSON.stringify(budget.body), {
            status: budget.status,
            headers: budget.headers,
          }),
        );
      },
    });
    await expect(
      client.messages.create({
        model: 'm',
        max_tokens: 1,
        messages: [{ role: 'user', content: 'x' }],
      }),
    ).rejects.toBeInstanceOf(sdk.RateLimitError);
    expect(calls).toBe(1);
  });

  it('classifies non-domain errors like the OpenAI surface, without leaking them', () => {
    const unexpected = toAnthropicHttpError(new Error('password=hunter2'), 'req_9');
    expect(unexpected.status).toBe(500);
    expect(unexpected.body.error.type).toBe('api_error');
    expect(unexpected.body.error.message).not.toContain('hunter2');
    expect(unexpected.body.request_id).toBe('req_9');

    const route = toAnthropicHttpError(new NotFoundException(), 'r', 'GET /v1/nope');
    expect(route.status).toBe(404);
    expect(route.body.error).toEqual({
      type: 'not_found_error',
      message: 'Unknown request URL: GET /v1/nope.',
      details: { error_code: 'unknown_url' },
    });

    const json = toAnthropicHttpError(new SyntaxError('Unexpected token'), 'r');
    expect(json.status).toBe(400);
    expect(json.body.error.details.error_code).toBe('invalid_json');
  });

  it('accepts a payload or a DomainError alike', () => {
    const error = new ProviderError('upstream 500', { code: 'provider_error' });
    expect(anthropicErrorBody(error.toPayload(), 'r')).toEqual(anthropicErrorBody(error, 'r'));
    expect(anthropicErrorStatus(new InternalError('x').toPayload())).toBe(500);
  });
});
