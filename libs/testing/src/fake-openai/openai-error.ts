/**
 * OpenAI's error responses, with the wording api.openai.com uses, so code under test that
 * matches on status, `type`, `code` or `param` (as the official SDKs do) sees what production sees.
 */
export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | number | null };
}

export interface OpenAIErrorReply {
  status: number;
  body: OpenAIErrorBody;
  headers?: Record<string, string>;
}

function reply(
  status: number,
  message: string,
  type: string,
  param: string | null = null,
  code: string | number | null = null,
  headers?: Record<string, string>,
): OpenAIErrorReply {
  return { status, body: { error: { message, type, param, code } }, headers };
}

/** 400 `invalid_request_error` for a bad parameter. */
export function invalidRequest(
  message: string,
  param: string | null = null,
  code: string | null = null,
): OpenAIErrorReply {
  return reply(400, message, 'invalid_request_error', param, code);
}

export function invalidUrl(method: string, path: string): OpenAIErrorReply {
  return reply(404, `Invalid URL (${method} ${path})`, 'invalid_request_error');
}

export function invalidJsonBody(): OpenAIErrorReply {
  return invalidRequest(
    "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)",
  );
}

export function missingApiKey(): OpenAIErrorReply {
  return reply(
    401,
    "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.",
    'invalid_request_error',
  );
}

export function incorrectApiKey(presentedKey: string): OpenAIErrorReply {
  return reply(
    401,
    `Incorrect API key provided: ${maskApiKey(presentedKey)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
    'invalid_request_error',
    null,
    'invalid_api_key',
  );
}

/** OpenAI echoes only the ends of a wrong key, so the full secret never lands in a log. */
function maskApiKey(key: string): string {
  if (key.length <= 8) return key;
  return `${key.slice(0, 3)}${'*'.repeat(key.length - 7)}${key.slice(-4)}`;
}

/** Chat completions with an unknown model. */
export function modelNotFound(model: string): OpenAIErrorReply {
  return reply(
    404,
    `The model \`${model}\` does not exist or you do not have access to it.`,
    'invalid_request_error',
    null,
    'model_not_found',
  );
}

/** `GET /v1/models/{id}` for an unknown id: OpenAI words it differently and names the param. */
export function retrievedModelNotFound(model: string): OpenAIErrorReply {
  return reply(
    404,
    `The model '${model}' does not exist`,
    'invalid_request_error',
    'model',
    'model_not_found',
  );
}

export function rateLimited(
  model: string,
  retryAfterSeconds: number,
  limit: number,
): OpenAIErrorReply {
  return reply(
    429,
    `Rate limit reached for ${model} in organization org-fake on requests per min (RPM): Limit ${limit}, Used ${limit}, Requested 1. Please try again in ${formatResetDuration(retryAfterSeconds)}. Visit https://platform.openai.com/account/rate-limits to learn more.`,
    'requests',
    null,
    'rate_limit_exceeded',
    {
      'retry-after': String(Math.ceil(retryAfterSeconds)),
      'x-ratelimit-remaining-requests': '0',
      'x-ratelimit-reset-requests': formatResetDuration(retryAfterSeconds),
    },
  );
}

export function serverError(status: 500 | 502 | 503 = 500): OpenAIErrorReply {
  switch (status) {
    // 502 comes from OpenAI's Cloudflare edge, hence the odd type and numeric code.
    case 502:
      return reply(502, 'Bad gateway.', 'cf_bad_gateway', null, 502);
    case 503:
      return reply(503, 'The server is overloaded or not ready yet.', 'server_error');
    default:
      return reply(
        500,
        'The server had an error while processing your request. Sorry about that!',
        'server_error',
      );
  }
}

/** The fake's own failure (e.g. a throwing `reply` callback), shaped like OpenAI's 500 so clients handle it. */
export function internalError(message: string): OpenAIErrorReply {
  return reply(500, message, 'server_error');
}

/** Default body for a `status` fault that did not supply one. */
export function genericError(status: number): OpenAIErrorReply {
  return reply(
    status,
    `Fake OpenAI error (HTTP ${status}).`,
    status >= 500 ? 'server_error' : 'invalid_request_error',
  );
}

/** OpenAI's duration format for `x-ratelimit-reset-*`: `6ms`, `20s`, `1m30s`, `2h0m5s`. */
export function formatResetDuration(seconds: number): string {
  if (seconds < 1) return `${Math.round(seconds * 1000)}ms`;
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = Math.round((seconds % 60) * 1000) / 1000;
  if (hours > 0) return `${hours}h${minutes}m${rest}s`;
  if (minutes > 0) return `${minutes}m${rest}s`;
  return `${rest}s`;
}
