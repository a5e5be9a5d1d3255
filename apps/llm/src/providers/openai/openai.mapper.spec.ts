import OpenAI from 'openai';
import { toChatCompletion, toChunk, toDomainError, toProviderRequest } from './openai.mapper';

const request = {
  model: 'openai/gpt-4o-mini',
  messages: [{ role: 'user' as const, content: 'hi' }],
  max_tokens: 5,
};

function apiError(status: number, body: object, headers: Record<string, string> = {}) {
  return OpenAI.APIError.generate(status, { error: body }, undefined, new Headers(headers));
}

describe('openai mapper', () => {
  it('addresses the upstream model and always asks a stream for usage', () => {
    expect(toProviderRequest(request, 'gpt-4o-mini', false)).toMatchObject({
      model: 'gpt-4o-mini',
      stream: false,
      max_tokens: 5,
    });
    expect(toProviderRequest({ ...request, stream: true }, 'gpt-4o-mini', true)).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it("keeps the caller's other stream options while forcing usage on", () => {
    const streaming = {
      ...request,
      stream: true,
      stream_options: { include_usage: false, include_obfuscation: false },
    };
    expect(toProviderRequest(streaming, 'gpt-4o-mini', true).stream_options).toEqual({
      include_usage: true,
      include_obfuscation: false,
    });
  });

  it('passes the arguments of newer and older OpenAI clients through as given', () => {
    const newer = {
      modalities: ['text' as const, 'audio' as const],
      audio: { format: 'wav' as const, voice: 'alloy' },
      prediction: { type: 'content' as const, content: 'expected' },
      prompt_cache_key: 'tenant-a',
      safety_identifier: 'hash-1',
      verbosity: 'low' as const,
      web_search_options: { search_context_size: 'low' as const },
      functions: [{ name: 'lookup', parameters: { type: 'object' } }],
      function_call: { name: 'lookup' },
    };
    const body = toProviderRequest({ ...request, ...newer }, 'gpt-4o-mini', false);
    expect(body).toEqual({
      ...request,
      ...newer,
      model: 'gpt-4o-mini',
      stream: false,
      stream_options: undefined,
    });
  });

  it("never sends Conduit's own options upstream", () => {
    const withConduit = { ...request, conduit: { include_cost: true } };
    for (const stream of [false, true]) {
      const body = toProviderRequest(withConduit, 'gpt-4o-mini', stream);
      expect(body).not.toHaveProperty('conduit');
      expect(body).toMatchObject({ model: 'gpt-4o-mini', messages: request.messages });
    }
  });

  it('strips the prompt-cache markers only Anthropic models understand', () => {
    const marked = {
      ...request,
      messages: [
        {
          role: 'system' as const,
          content: [
            { type: 'text' as const, text: 'rules', cache_control: { type: 'ephemeral' as const } },
          ],
        },
        { role: 'user' as const, content: 'hi' },
      ],
    };
    expect(toProviderRequest(marked, 'gpt-4o-mini', false).messages).toEqual([
      { role: 'system', content: [{ type: 'text', text: 'rules' }] },
      { role: 'user', content: 'hi' },
    ]);
  });

  it('accepts a completion without usage and rejects a malformed one', () => {
    const completion = {
      id: 'chatcmpl-1',
      object: 'chat.completion',
      created: 1,
      model: 'gpt-4o-mini-2024-07-18',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'x' },
          finish_reason: 'stop',
          logprobs: null,
        },
      ],
    };
    expect(toChatCompletion(completion, 'openai').usage).toBeUndefined();
    expect(() => toChatCompletion({ ...completion, choices: 'nope' }, 'openai')).toThrow(
      /malformed completion/,
    );
    expect(() => toChunk({ object: 'chat.completion.chunk' }, 'openai')).toThrow(
      /malformed stream chunk/,
    );
  });

  it.each([
    [400, 'validation_error'],
    [401, 'provider_error'],
    [403, 'provider_error'],
    [404, 'not_found'],
    [429, 'rate_limit_exceeded'],
    [500, 'provider_error'],
    [503, 'provider_error'],
  ])('maps upstream %i to %s', (status, type) => {
    const error = toDomainError(
      apiError(status, { message: 'upstream says no', type: 'x', code: null }),
      'openai',
    );
    expect(error.type).toBe(type);
    expect(error.message).toBe('openai: upstream says no');
    expect(error.details).toMatchObject({ provider: 'openai', upstream_status: status });
  });

  it('keeps context_length_exceeded and the Retry-After of a 429', () => {
    expect(
      toDomainError(
        apiError(400, { message: 'too long', code: 'context_length_exceeded' }),
        'openai',
      ).type,
    ).toBe('context_length_exceeded');
    expect(
      toDomainError(apiError(429, { message: 'slow down' }, { 'retry-after': '12' }), 'openai')
        .details,
    ).toMatchObject({
      retry_after_seconds: 12,
    });
  });

  it('maps transport failures', () => {
    expect(toDomainError(new OpenAI.APIConnectionTimeoutError(), 'openai').type).toBe('timeout');
    expect(
      toDomainError(new OpenAI.APIConnectionError({ message: 'refused' }), 'openai').type,
    ).toBe('service_unavailable');
  });
});
