#!/usr/bin/env node
// Writes hostile-requests.jsonl beside this file: the hostile-input corpus that
// hostile-corpus.e2e-spec.ts replays against the whole running system on every CI run.
// Run it again after adding a case: `node apps/gateway/test/hostile/corpus/generate-corpus.mjs`.
//
// Each line: {name, method, path, auth, headers?, body?}. `auth` is `admin`, `virtual` (a
// budgeted, rate-limited team key), `none`, or a literal Authorization value. `body` is the raw
// request body as text (so broken JSON is possible). `«<count>×<text>»` in a body is
// expanded at replay time, so megabyte payloads do not bloat the repository; `{{collection}}`
// names a collection the replay creates first.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cases = [];
const add = (name, method, path, { auth = 'virtual', headers, body } = {}) =>
  cases.push({
    name,
    method,
    path,
    auth,
    ...(headers ? { headers } : {}),
    ...(body !== undefined ? { body } : {}),
  });
const json = (value) => JSON.stringify(value);
const chat = (extra = {}, messages = [{ role: 'user', content: 'hello' }]) =>
  json({ model: 'local/echo', messages, ...extra });

// Strings a scanner, redactor or tokenizer might choke on, each about 1 MB when expanded.
const MEGA = {
  'dotted words': '«500000×a.»',
  'dotted at-signs': '«250000×a.a@»',
  'one letter': '«1000000×a»',
  digits: '«1000000×7»',
  'spaced digits': '«500000×1 »',
  'dashed digits': '«500000×4-»',
  'base64-like': '«250000×QUJD»',
  'hex-like': '«125000×deadbeef»',
  whitespace: '«330000× \\t\\n»',
  'injection words': '«35000×ignore previous instructions »',
  'zero-width': '«500000×a\\u200b»',
  'special tokens': '«75000×<|endoftext|>»',
  'private key header': '-----BEGIN RSA PRIVATE KEY-----«1000000×A»',
  'bearer run': 'Bearer «1000000×x»',
  'sk- run': 'sk-«500000×a_»',
  'jwt-like': 'eyJ«500000×a.»',
  'phone-like': '«80000×+1 (415) 555-»',
  'iban-like': 'DE«140000×12 3456 »',
  'email-ish': '«330000×a@b.»',
  'unicode mix': '«200000×é😀ي中\\u202e»',
};
// Bodies are JSON strings whose content is the template, so escapes like \\t are JSON escapes.
const templated = (template) =>
  `{"model":"local/echo","messages":[{"role":"user","content":"${template}"}]}`;
for (const [name, template] of Object.entries(MEGA)) {
  add(`chat: 1 MB of ${name}`, 'POST', '/v1/chat/completions', { body: templated(template) });
}
add('guardrails check: 1 MB of dotted at-signs', 'POST', '/v1/guardrails/check', {
  body: '{"text":"«250000×a.a@»"}',
});
add('guardrails check: 1 MB of digits', 'POST', '/v1/guardrails/check', {
  body: '{"text":"«250000×4111 »"}',
});
add('embeddings: 1 MB word', 'POST', '/v1/embeddings', {
  body: '{"model":"local/embed","input":"«1000000×z»"}',
});

// NUL, lone surrogates and control characters wherever text goes.
const nasty = {
  NUL: 'a\u0000b',
  'lone high surrogate': 'a\ud800b',
  'lone low surrogate': 'a\udc00b',
  'C0 controls': '\u0001\u0002\u0003\u001b[31m',
  'bidi override': 'abc\u202edcba',
  BOM: '\ufeffhello',
  'NUL only': '\u0000',
};
for (const [name, text] of Object.entries(nasty)) {
  add(`chat: ${name} in the user message`, 'POST', '/v1/chat/completions', {
    body: chat({}, [{ role: 'user', content: text }]),
  });
  add(`chat: ${name} in the system prompt`, 'POST', '/v1/chat/completions', {
    body: chat({}, [
      { role: 'system', content: text },
      { role: 'user', content: 'hi' },
    ]),
  });
  add(`chat: ${name} in a message name`, 'POST', '/v1/chat/completions', {
    body: chat({}, [{ role: 'user', name: text, content: 'hi' }]),
  });
  add(`chat: ${name} in the user field`, 'POST', '/v1/chat/completions', {
    body: chat({ user: text }),
  });
  add(`chat: ${name} as the model`, 'POST', '/v1/chat/completions', {
    body: chat({ model: text }),
  });
  add(`chat: ${name} in a stop sequence`, 'POST', '/v1/chat/completions', {
    body: chat({ stop: [text] }),
  });
  add(`chat: ${name} in a tool name`, 'POST', '/v1/chat/completions', {
    body: chat({
      tools: [{ type: 'function', function: { name: text, parameters: { type: 'object' } } }],
    }),
  });
  add(`chat: ${name}, streamed`, 'POST', '/v1/chat/completions', {
    body: chat({ stream: true, stream_options: { include_usage: true } }, [
      { role: 'user', content: text },
    ]),
  });
  add(`messages: ${name} in the text`, 'POST', '/v1/messages', {
    body: json({
      model: 'local/echo',
      max_tokens: 16,
      messages: [{ role: 'user', content: text }],
    }),
  });
  add(`embeddings: ${name}`, 'POST', '/v1/embeddings', {
    body: json({ model: 'local/embed', input: text }),
  });
  add(`guardrails check: ${name}`, 'POST', '/v1/guardrails/check', { body: json({ text }) });
  add(`admin: team named with ${name}`, 'POST', '/v1/admin/teams', {
    auth: 'admin',
    body: json({ name: text }),
  });
  add(`collections: ${name} as the name`, 'POST', '/v1/collections', {
    body: json({ name: text }),
  });
  add(`documents: ${name} in the text`, 'POST', '/v1/collections/{{collection}}/documents', {
    body: json({ id: 'doc-1', text: `before ${text} after` }),
  });
  add(`documents: ${name} in the id`, 'POST', '/v1/collections/{{collection}}/documents', {
    body: json({ id: `doc${text}`, text: 'hello' }),
  });
  add(`documents: ${name} in metadata`, 'POST', '/v1/collections/{{collection}}/documents', {
    body: json({ id: 'doc-2', text: 'hello', metadata: { tag: text } }),
  });
  add(`search: ${name} as the query`, 'POST', '/v1/collections/{{collection}}/search', {
    body: json({ query: text }),
  });
  add(`search: ${name} in a filter`, 'POST', '/v1/collections/{{collection}}/search', {
    body: json({ query: 'hello', filter: { tag: text } }),
  });
}

// Wrong types and out-of-range values for every chat argument.
const wrongChat = {
  'model a number': { model: 42 },
  'model null': { model: null },
  'model empty': { model: '' },
  'model 10k chars': { model: 'm'.repeat(10_000) },
  'messages a string': { messages: 'hello' },
  'messages empty': { messages: [] },
  'messages of nulls': { messages: [null, null] },
  'message without role': { messages: [{ content: 'hi' }] },
  'message with unknown role': { messages: [{ role: 'root', content: 'hi' }] },
  'content a number': { messages: [{ role: 'user', content: 12 }] },
  'content parts of unknown type': {
    messages: [{ role: 'user', content: [{ type: 'video', url: 'x' }] }],
  },
  'image part with a bad url': {
    messages: [
      { role: 'user', content: [{ type: 'image_url', image_url: { url: 'javascript:alert(1)' } }] },
    ],
  },
  '10,000 messages': {
    messages: Array.from({ length: 10_000 }, () => ({ role: 'user', content: 'x' })),
  },
  'temperature a string': { temperature: 'hot' },
  'temperature 1e308': { temperature: 1e308 },
  'temperature -1': { temperature: -1 },
  'top_p 2': { top_p: 2 },
  'n 0': { n: 0 },
  'n 1000': { n: 1000 },
  'n negative': { n: -5 },
  'max_tokens 1e20': { max_tokens: 1e20 },
  'max_tokens -1': { max_tokens: -1 },
  'max_tokens a float': { max_tokens: 1.5 },
  'max_completion_tokens a string': { max_completion_tokens: '100' },
  'stop of 1000 strings': { stop: Array.from({ length: 1000 }, (_, i) => `s${i}`) },
  'stop a number': { stop: 5 },
  'seed a float': { seed: 1.25 },
  'seed 2^70': { seed: 1.1805916207174113e21 },
  'logit_bias with garbage keys': { logit_bias: { abc: 500, '-1': -1000 } },
  'logprobs a string': { logprobs: 'yes' },
  'top_logprobs 100': { logprobs: true, top_logprobs: 100 },
  'stream a string': { stream: 'true' },
  'stream_options without stream': { stream_options: { include_usage: true } },
  'stream_options garbage': { stream: true, stream_options: { include_usage: 'x' } },
  'response_format unknown type': { response_format: { type: 'xml' } },
  'json_schema without a schema': {
    response_format: { type: 'json_schema', json_schema: { name: 'x' } },
  },
  'json_schema an invalid schema': {
    response_format: {
      type: 'json_schema',
      json_schema: { name: 'x', schema: { type: 42, properties: 'no' } },
    },
  },
  'json_schema with a $ref loop': {
    response_format: {
      type: 'json_schema',
      json_schema: {
        name: 'x',
        schema: { $ref: '#/definitions/a', definitions: { a: { $ref: '#/definitions/a' } } },
      },
    },
  },
  'json_schema with a catastrophic pattern': {
    response_format: {
      type: 'json_schema',
      json_schema: { name: 'x', schema: { type: 'string', pattern: '^(a+)+$' } },
    },
  },
  'tools not an array': { tools: { type: 'function' } },
  'tool without a function': { tools: [{ type: 'function' }] },
  'tool with a 10k name': { tools: [{ type: 'function', function: { name: 'f'.repeat(10_000) } }] },
  '1000 tools': {
    tools: Array.from({ length: 1000 }, (_, i) => ({
      type: 'function',
      function: { name: `f${i}` },
    })),
  },
  'tool_choice unknown': { tool_choice: 'sometimes' },
  'tool_choice naming a missing tool': {
    tool_choice: { type: 'function', function: { name: 'nope' } },
  },
  'unknown argument': { frobnicate: true },
  '__proto__ argument': JSON.parse('{"__proto__":{"admin":true}}'),
  'constructor argument': { constructor: { prototype: { admin: true } } },
  'conduit field garbage': { conduit: 'yes' },
  'conduit.retrieval on a missing collection': {
    conduit: { retrieval: { collection: 'does-not-exist' } },
  },
  'conduit.retrieval with top_k 1e9': {
    conduit: { retrieval: { collection: '{{collection}}', top_k: 1e9 } },
  },
  'metadata with 2k keys': {
    metadata: Object.fromEntries(Array.from({ length: 2_000 }, (_, i) => [`k${i}`, 'v'])),
  },
};
for (const [name, extra] of Object.entries(wrongChat)) {
  add(`chat: ${name}`, 'POST', '/v1/chat/completions', { body: chat(extra) });
}
// A tool-call conversation with dangling references.
add('chat: tool result without a tool call', 'POST', '/v1/chat/completions', {
  body: chat({}, [{ role: 'tool', tool_call_id: 'call_x', content: 'result' }]),
});
add('chat: assistant tool_calls with garbage arguments', 'POST', '/v1/chat/completions', {
  body: chat({}, [
    { role: 'user', content: 'hi' },
    {
      role: 'assistant',
      tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{{{' } }],
    },
    { role: 'tool', tool_call_id: 'c1', content: 'x' },
  ]),
});

// Bodies that are not what they claim.
const brokenBodies = {
  'empty body': '',
  'whitespace body': '   ',
  'truncated JSON': '{"model":"local/echo","messages":[{"role":"user","content":"hi"',
  'JSON null': 'null',
  'JSON array': '[]',
  'JSON string': '"hello"',
  'JSON number': '12345',
  'trailing garbage': '{"model":"local/echo","messages":[]} xyz',
  'duplicate keys':
    '{"model":"local/echo","model":"other","messages":[{"role":"user","content":"hi"}]}',
  'single quotes': "{'model':'local/echo'}",
  'NaN literal': '{"model":"local/echo","temperature":NaN,"messages":[]}',
  'raw control character in a string':
    '{"model":"local/echo","messages":[{"role":"user","content":"a\u0001b"}]}',
  'invalid escape': '{"model":"local/echo","messages":[{"role":"user","content":"\\x41"}]}',
  'lone surrogate escape':
    '{"model":"local/echo","messages":[{"role":"user","content":"\\ud800"}]}',
  'NUL escape': '{"model":"local/echo","messages":[{"role":"user","content":"\\u0000"}]}',
  'nested 10,000 arrays': '«10000×[»«10000×]»',
  'nested 100,000 objects': '«100000×{"a":»1«100000×}»',
  '__proto__ pollution':
    '{"__proto__":{"polluted":true},"model":"local/echo","messages":[{"role":"user","content":"hi"}]}',
  'constructor pollution':
    '{"constructor":{"prototype":{"polluted":true}},"model":"local/echo","messages":[{"role":"user","content":"hi"}]}',
  'huge number':
    '{"model":"local/echo","max_tokens":1e999999,"messages":[{"role":"user","content":"hi"}]}',
  'number with 100k digits':
    '{"model":"local/echo","max_tokens":«100000×9»,"messages":[{"role":"user","content":"hi"}]}',
  '3 MB string of quotes escaped':
    '{"model":"local/echo","messages":[{"role":"user","content":"«1500000×\\"»"}]}',
  'body over the size limit':
    '{"model":"local/echo","messages":[{"role":"user","content":"«5000000×x»"}]}',
};
for (const [name, body] of Object.entries(brokenBodies)) {
  add(`chat body: ${name}`, 'POST', '/v1/chat/completions', {
    headers: { 'content-type': 'application/json' },
    body,
  });
}
for (const [name, body] of Object.entries(brokenBodies).slice(0, 8)) {
  add(`messages body: ${name}`, 'POST', '/v1/messages', {
    headers: { 'content-type': 'application/json' },
    body,
  });
  add(`admin body: ${name}`, 'POST', '/v1/admin/teams', {
    auth: 'admin',
    headers: { 'content-type': 'application/json' },
    body,
  });
}
const contentTypes = {
  'text/plain': 'hello',
  'application/x-www-form-urlencoded': 'model=local%2Fecho&messages=hi',
  'multipart/form-data; boundary=x':
    '--x\r\nContent-Disposition: form-data; name="model"\r\n\r\nlocal/echo\r\n--x--\r\n',
  'application/xml': '<model>local/echo</model>',
  'application/json; charset=utf-16': chat(),
  'application/json; charset=latin1': chat(),
  'APPLICATION/JSON': chat(),
  'application/octet-stream': '\u0000\u0001\u0002',
  '': chat(),
};
for (const [type, body] of Object.entries(contentTypes)) {
  add(`chat: content-type '${type}'`, 'POST', '/v1/chat/completions', {
    headers: { 'content-type': type },
    body,
  });
}

// Anthropic's Messages API.
const wrongMessages = {
  'missing max_tokens': { model: 'local/echo', messages: [{ role: 'user', content: 'hi' }] },
  'max_tokens 0': {
    model: 'local/echo',
    max_tokens: 0,
    messages: [{ role: 'user', content: 'hi' }],
  },
  'unknown block type': {
    model: 'local/echo',
    max_tokens: 8,
    messages: [{ role: 'user', content: [{ type: 'hologram' }] }],
  },
  'tool_result without tool_use': {
    model: 'local/echo',
    max_tokens: 8,
    messages: [
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'x', content: 'y' }] },
    ],
  },
  'system an object': {
    model: 'local/echo',
    max_tokens: 8,
    system: { evil: true },
    messages: [{ role: 'user', content: 'hi' }],
  },
  'assistant first': {
    model: 'local/echo',
    max_tokens: 8,
    messages: [{ role: 'assistant', content: 'hi' }],
  },
  'image with bad base64': {
    model: 'local/echo',
    max_tokens: 8,
    messages: [
      {
        role: 'user',
        content: [
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: '!!!' } },
        ],
      },
    ],
  },
  'stream with a 1 MB prompt': {
    model: 'local/echo',
    max_tokens: 8,
    stream: true,
    messages: [{ role: 'user', content: 'x'.repeat(200) }],
  },
};
for (const [name, body] of Object.entries(wrongMessages)) {
  add(`messages: ${name}`, 'POST', '/v1/messages', { body: json(body) });
}

// Embeddings.
const wrongEmbeddings = {
  'input missing': { model: 'local/embed' },
  'input a number': { model: 'local/embed', input: 5 },
  'empty string': { model: 'local/embed', input: '' },
  '5000 inputs': { model: 'local/embed', input: Array.from({ length: 5000 }, (_, i) => `t${i}`) },
  'token ids negative': { model: 'local/embed', input: [-1, -2, -3] },
  'token ids huge': { model: 'local/embed', input: [1e15] },
  'nested token arrays empty': { model: 'local/embed', input: [[]] },
  'dimensions 0': { model: 'local/embed', input: 'hi', dimensions: 0 },
  'dimensions 1e9': { model: 'local/embed', input: 'hi', dimensions: 1e9 },
  'encoding_format hex': { model: 'local/embed', input: 'hi', encoding_format: 'hex' },
  'a chat model': { model: 'local/echo', input: 'hi' },
  'unknown model': { model: 'nope/nope', input: 'hi' },
};
for (const [name, body] of Object.entries(wrongEmbeddings)) {
  add(`embeddings: ${name}`, 'POST', '/v1/embeddings', { body: json(body) });
}

// Collections, documents and search.
const wrongCollections = {
  'name 1000 chars': { name: 'c'.repeat(1000) },
  'name with a slash': { name: 'a/b' },
  'name dot-dot': { name: '..' },
  'unknown embedding model': { name: 'valid-name-x', embedding_model: 'nope/nope' },
  'embedding model a chat model': { name: 'valid-name-y', embedding_model: 'local/echo' },
  'description 1 MB': { name: 'valid-name-z', description: 'd'.repeat(1_000_000) },
};
for (const [name, body] of Object.entries(wrongCollections)) {
  add(`collections: ${name}`, 'POST', '/v1/collections', { body: json(body) });
}
const wrongDocuments = {
  'text missing': { id: 'x' },
  'text empty': { id: 'x', text: '' },
  '1000 documents': {
    documents: Array.from({ length: 1000 }, (_, i) => ({ id: `d${i}`, text: 'x' })),
  },
  'metadata nested': { id: 'x', text: 'hi', metadata: { a: { b: 1 } } },
  'metadata key with a dot': { id: 'x', text: 'hi', metadata: { 'a.b': 1 } },
  'metadata 1000 keys': {
    id: 'x',
    text: 'hi',
    metadata: Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}`, i])),
  },
  'id 10k chars': { id: 'i'.repeat(10_000), text: 'hi' },
  'text of 1 MB dotted words': { id: 'big', text: 'a.'.repeat(499_000) },
};
for (const [name, body] of Object.entries(wrongDocuments)) {
  add(`documents: ${name}`, 'POST', '/v1/collections/{{collection}}/documents', {
    body: json(body),
  });
}
const wrongSearches = {
  'query missing': {},
  'top_k 0': { query: 'x', top_k: 0 },
  'top_k 1e9': { query: 'x', top_k: 1e9 },
  'score_threshold 5': { query: 'x', score_threshold: 5 },
  'filter with operators': { query: 'x', filter: { $where: 'sleep(1000)' } },
  'filter with in of 10k': {
    query: 'x',
    filter: { tag: { in: Array.from({ length: 10_000 }, (_, i) => i) } },
  },
  'filter range inverted': { query: 'x', filter: { n: { gte: 10, lte: 1 } } },
  'query 1 MB': { query: 'q'.repeat(1_000_000) },
};
for (const [name, body] of Object.entries(wrongSearches)) {
  add(`search: ${name}`, 'POST', '/v1/collections/{{collection}}/search', { body: json(body) });
}
add('search: a missing collection', 'POST', '/v1/collections/does-not-exist/search', {
  body: json({ query: 'x' }),
});
add(
  'documents: delete with an encoded NUL id',
  'DELETE',
  '/v1/collections/{{collection}}/documents/a%00b',
);
add('collections: get with an encoded NUL name', 'GET', '/v1/collections/a%00b');
add('collections: get with broken percent-encoding', 'GET', '/v1/collections/%E0%A4%A');

// The admin API.
const wrongAdmin = [
  ['teams', { name: 'x', budget: { amount_usd: -5, period: 'monthly' } }],
  ['teams', { name: 'x', budget: { amount_usd: 1e308, period: 'monthly' } }],
  ['teams', { name: 'x', budget: { amount_usd: 'lots', period: 'monthly' } }],
  ['teams', { name: 'x', budget: { amount_usd: 5, period: 'fortnightly' } }],
  ['teams', { name: 'x', request_log_retention_days: -1 }],
  ['teams', { name: '   ' }],
  ['teams', { name: 'n'.repeat(1000) }],
  ['users', { name: 'u', team_id: 'team_nothex' }],
  ['users', { name: 'u', team_id: `team_${'0'.repeat(32)}` }],
  ['users', { name: 'u', team_id: `team_${'0'.repeat(32)}`, email: 'not-an-email' }],
  ['keys', { name: 'k', team_id: `team_${'0'.repeat(32)}` }],
  ['keys', { name: 'k', team_id: 'x', rpm: 0 }],
  ['keys', { name: 'k', team_id: 'x', models: Array.from({ length: 5000 }, (_, i) => `m${i}`) }],
  ['keys', { name: 'k', team_id: 'x', expires_at: 'tomorrow' }],
  ['keys', { name: 'k', team_id: 'x', expires_at: '1970-01-01T00:00:00Z' }],
  ['keys', { name: 'k', team_id: 'x', guardrails: { pii: 'nuke' } }],
  ['keys', { name: 'k', team_id: 'x', guardrails: { injection_threshold: 7 } }],
];
wrongAdmin.forEach(([resource, body], i) =>
  add(`admin: bad ${resource} #${i}`, 'POST', `/v1/admin/${resource}`, {
    auth: 'admin',
    body: json(body),
  }),
);
add('admin: revoke a malformed key id', 'DELETE', '/v1/admin/keys/key_%00', { auth: 'admin' });
add('admin: revoke an unknown key', 'DELETE', `/v1/admin/keys/key_${'f'.repeat(32)}`, {
  auth: 'admin',
});
add('admin: budget on an unknown team', 'PUT', `/v1/admin/teams/team_${'f'.repeat(32)}/budget`, {
  auth: 'admin',
  body: json({ amount_usd: 5, period: 'monthly' }),
});
add('admin: called with a virtual key', 'POST', '/v1/admin/teams', {
  auth: 'virtual',
  body: json({ name: 'x' }),
});

// Usage queries.
for (const query of [
  'from=yesterday',
  'from=2026-13-45',
  'to=1970-01-01&from=2030-01-01',
  'group_by=password',
  'group_by=day,day,day,day',
  'key_id=%00',
  'team_id[]=x',
  `cursor=${'A'.repeat(190)}`,
  'cursor=%FF%FE',
  'limit=-1',
  `${'x'.repeat(20)}=${'y'.repeat(8000)}`,
]) {
  add(`usage: ?${query.slice(0, 40)}`, 'GET', `/v1/usage?${query}`);
  add(`usage export: ?${query.slice(0, 40)}`, 'GET', `/v1/usage/export?${query}`);
}

// URLs, methods and credentials.
for (const path of [
  '/v1/../v1/admin/teams',
  '/v1//chat//completions',
  '/v1/chat/completions%00',
  '/v1/models/%2e%2e%2fadmin',
  `/v1/models/${'m'.repeat(5000)}`,
  '/v1/nope',
  '/%ff',
  '/v1/chat/completions?stream=true&stream=false',
]) {
  add(`url: ${path.slice(0, 60)}`, 'GET', path);
}
for (const method of ['PATCH', 'OPTIONS', 'PUT', 'DELETE', 'HEAD']) {
  add(`method: ${method} /v1/chat/completions`, method, '/v1/chat/completions');
}
for (const [name, value] of Object.entries({
  'Bearer with no key': 'Bearer ',
  'Basic scheme': 'Basic YWxhZGRpbjpvcGVuc2VzYW1l',
  'two keys': 'Bearer a b',
  '8 kB key': `Bearer sk-cnd-${'a'.repeat(8000)}`,
  'latin-1 key': 'Bearer sk-cnd-\u00ff\u00fe\u00e9',
  'wrong virtual key': `Bearer sk-cnd-${'z'.repeat(40)}`,
  'key with NUL (percent)': 'Bearer sk-cnd-%00',
})) {
  add(`auth: ${name}`, 'POST', '/v1/chat/completions', { auth: value, body: chat() });
}
add('auth: none on chat', 'POST', '/v1/chat/completions', { auth: 'none', body: chat() });
add('auth: x-api-key garbage', 'POST', '/v1/messages', {
  auth: 'none',
  headers: { 'x-api-key': 'garbage' },
  body: json({ model: 'local/echo', max_tokens: 8, messages: [{ role: 'user', content: 'hi' }] }),
});

/** Long runs of a repeated unit become `«count×unit»`, so the corpus file stays small. */
const compressRuns = (text) =>
  text.replace(/([^«»×]{1,64}?)\1{99,}/g, (run, unit) => `«${run.length / unit.length}×${unit}»`);

const file = join(dirname(fileURLToPath(import.meta.url)), 'hostile-requests.jsonl');
writeFileSync(
  file,
  cases
    .map((entry) => JSON.stringify(entry.body === undefined ? entry : { ...entry, body: compressRuns(entry.body) }))
    .join('\n') + '\n',
);
console.log(`${cases.length} hostile requests written to ${file}`);
