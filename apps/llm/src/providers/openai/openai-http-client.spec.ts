import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { Agent } from 'undici';
import { OpenAIHttpClient } from './openai-http-client';

/** A loopback server answering each POST with what `answer` says, recording what it got. */
async function upstream(
  answer: (body: string) => { status: number; headers?: Record<string, string>; body: string },
) {
  const seen: { url?: string; headers: IncomingHttpHeaders; body: string }[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      seen.push({ url: request.url, headers: request.headers, body });
      const reply = answer(body);
      response.writeHead(reply.status, reply.headers).end(reply.body);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  return { baseURL: `http://127.0.0.1:${port}/v1/`, seen, close: () => server.close() };
}

describe('OpenAIHttpClient', () => {
  const dispatcher = new Agent();
  afterAll(() => dispatcher.close());

  it('posts the body to <base>/chat/completions with the key and returns the parsed answer', async () => {
    const server = await upstream(() => ({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: '{"id":"c1","object":"chat.completion"}',
    }));
    try {
      const call = new OpenAIHttpClient({
        dispatcher,
        baseURL: server.baseURL,
        apiKey: 'sk-up',
        organization: 'org-1',
      });
      await expect(call.complete({ model: 'm', messages: [] })).resolves.toEqual({
        id: 'c1',
        object: 'chat.completion',
      });
      expect(server.seen[0]).toMatchObject({
        url: '/v1/chat/completions',
        body: '{"model":"m","messages":[]}',
        headers: { authorization: 'Bearer sk-up', 'openai-organization': 'org-1' },
      });
      expect(server.seen[0]?.headers['openai-project']).toBeUndefined();
    } finally {
      server.close();
    }
  });

  it('throws the SDK’s error class for an error status, with the body and the headers', async () => {
    const server = await upstream(() => ({
      status: 429,
      headers: { 'content-type': 'application/json', 'retry-after': '3' },
      body: '{"error":{"message":"slow down","code":"rate_limit_exceeded"}}',
    }));
    try {
      const call = new OpenAIHttpClient({ dispatcher, baseURL: server.baseURL, apiKey: 'k' });
      const error = await call.complete({}).catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(OpenAI.RateLimitError);
      expect(error).toMatchObject({ status: 429, code: 'rate_limit_exceeded' });
      expect((error as { headers?: Headers }).headers?.get('retry-after')).toBe('3');
    } finally {
      server.close();
    }
  });

  it('keeps a non-JSON error body as the message', async () => {
    const server = await upstream(() => ({ status: 502, body: 'Bad Gateway from the proxy' }));
    try {
      const call = new OpenAIHttpClient({ dispatcher, baseURL: server.baseURL, apiKey: 'k' });
      const error = await call.complete({}).catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(OpenAI.InternalServerError);
      expect((error as Error).message).toContain('Bad Gateway from the proxy');
    } finally {
      server.close();
    }
  });

  it('returns a 2xx body that is not JSON as text, for the caller’s shape check to refuse', async () => {
    const server = await upstream(() => ({ status: 200, body: '<html>login</html>' }));
    try {
      const call = new OpenAIHttpClient({ dispatcher, baseURL: server.baseURL, apiKey: 'k' });
      await expect(call.complete({})).resolves.toBe('<html>login</html>');
    } finally {
      server.close();
    }
  });

  it('reports a refused connection as APIConnectionError and an abort as APIUserAbortError', async () => {
    const server = await upstream(() => ({ status: 200, body: '{}' }));
    const baseURL = server.baseURL;
    server.close();
    const refused = new OpenAIHttpClient({ dispatcher, baseURL, apiKey: 'k' });
    const connectionError = await refused.complete({}).catch((thrown: unknown) => thrown);
    expect(connectionError).toBeInstanceOf(OpenAI.APIConnectionError);
    expect(connectionError).not.toBeInstanceOf(OpenAI.APIConnectionTimeoutError);

    const hung = createServer(() => undefined);
    hung.listen(0, '127.0.0.1');
    await once(hung, 'listening');
    try {
      const port = (hung.address() as AddressInfo).port;
      const call = new OpenAIHttpClient({
        dispatcher,
        baseURL: `http://127.0.0.1:${port}/v1`,
        apiKey: 'k',
      });
      const controller = new AbortController();
      const pending = call.complete({}, controller.signal).catch((thrown: unknown) => thrown);
      setTimeout(() => controller.abort(), 20);
      expect(await pending).toBeInstanceOf(OpenAI.APIUserAbortError);
    } finally {
      hung.closeAllConnections();
      hung.close();
    }
  });

  it('streams each data payload as JSON until [DONE], whatever the chunking', async () => {
    const events =
      'data: {"n":1}\r\n\r\n: keep-alive comment\n\ndata: {"n":2}\n\ndata: [DONE]\n\ndata: {"n":3}\n\n';
    const server = await upstream(() => ({
      status: 200,
      headers: { 'content-type': 'text/event-stream' },
      body: events,
    }));
    try {
      const client = new OpenAIHttpClient({ dispatcher, baseURL: server.baseURL, apiKey: 'k' });
      const seen: unknown[] = [];
      for await (const chunk of await client.stream({ stream: true })) seen.push(chunk);
      expect(seen).toEqual([{ n: 1 }, { n: 2 }]);
      expect(server.seen[0]?.headers.accept).toBe('text/event-stream');
    } finally {
      server.close();
    }
  });

  it('refuses a stream before any chunk on an error status, and throws on an error event or garbage', async () => {
    const refusing = await upstream(() => ({
      status: 401,
      headers: { 'content-type': 'application/json' },
      body: '{"error":{"message":"bad key"}}',
    }));
    try {
      const client = new OpenAIHttpClient({ dispatcher, baseURL: refusing.baseURL, apiKey: 'k' });
      await expect(client.stream({})).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    } finally {
      refusing.close();
    }
    for (const [body, expected] of [
      ['data: {"n":1}\n\ndata: {"error":{"message":"overloaded"}}\n\n', OpenAI.APIError],
      ['data: {"n":1}\n\ndata: {not json\n\n', SyntaxError],
    ] as const) {
      const server = await upstream(() => ({ status: 200, body }));
      try {
        const client = new OpenAIHttpClient({ dispatcher, baseURL: server.baseURL, apiKey: 'k' });
        const seen: unknown[] = [];
        const failure = (async () => {
          for await (const chunk of await client.stream({})) seen.push(chunk);
        })();
        await expect(failure).rejects.toBeInstanceOf(expected);
        expect(seen).toEqual([{ n: 1 }]);
      } finally {
        server.close();
      }
    }
  });
});
