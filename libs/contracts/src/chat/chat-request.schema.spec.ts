import { formatZodIssue } from '../errors/zod-issue.format';
import { ChatCompletionRequestSchema } from './chat-request.schema';

function issueOf(body: unknown) {
  const result = ChatCompletionRequestSchema.safeParse(body);
  if (result.success) throw new Error('expected the request to be rejected');
  return formatZodIssue(result.error);
}

const valid = { model: 'local/echo', messages: [{ role: 'user', content: 'hi' }] };

describe('ChatCompletionRequestSchema', () => {
  it('accepts a minimal request and the content-parts form', () => {
    expect(ChatCompletionRequestSchema.parse(valid)).toEqual(valid);
    const parts = {
      ...valid,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
    };
    expect(ChatCompletionRequestSchema.safeParse(parts).success).toBe(true);
  });

  it('accepts a legacy function-calling conversation and keeps its fields', () => {
    const legacy = {
      ...valid,
      functions: [{ name: 'lookup', parameters: { type: 'object' } }],
      function_call: 'auto',
      messages: [
        { role: 'user', content: 'weather?' },
        { role: 'assistant', content: null, function_call: { name: 'lookup', arguments: '{}' } },
        { role: 'function', name: 'lookup', content: 'sunny' },
      ],
    };
    expect(ChatCompletionRequestSchema.parse(legacy)).toEqual(legacy);
  });

  it.each([
    [
      'a misspelt new argument',
      { ...valid, safety_identifer: 'x' },
      'safety_identifer',
      /Unrecognized request argument supplied: safety_identifer/,
    ],
    [
      'a function message without its name',
      { model: 'm', messages: [{ role: 'function', content: 'x' }] },
      'messages[0].name',
      /Missing required/,
    ],
    ['an unknown verbosity', { ...valid, verbosity: 'chatty' }, 'verbosity', /Invalid/],
    ['no messages key', { model: 'm' }, 'messages', /Missing required parameter/],
    ['empty messages', { model: 'm', messages: [] }, 'messages', /at least one message/],
    [
      'unknown role',
      { model: 'm', messages: [{ role: 'wizard', content: 'x' }] },
      'messages[0].role',
      /Invalid value/,
    ],
    ['temperature 7', { ...valid, temperature: 7 }, 'temperature', /<=2|2/],
    ['max_tokens 0', { ...valid, max_tokens: 0 }, 'max_tokens', />=1|1/],
    ['fractional max_tokens', { ...valid, max_tokens: 1.5 }, 'max_tokens', /int/i],
    [
      'unknown argument',
      { ...valid, frobnicate: true },
      'frobnicate',
      /Unrecognized request argument supplied: frobnicate/,
    ],
    [
      'stream_options without stream',
      { ...valid, stream_options: { include_usage: true } },
      'stream_options',
      /only allowed when stream/,
    ],
    [
      'tool message without id',
      { model: 'm', messages: [{ role: 'tool', content: 'x' }] },
      'messages[0].tool_call_id',
      /Missing required/,
    ],
  ])('rejects %s naming the parameter', (_name, body, param, message) => {
    const issue = issueOf(body);
    expect(issue.param).toBe(param);
    expect(issue.message).toMatch(message);
  });
});
