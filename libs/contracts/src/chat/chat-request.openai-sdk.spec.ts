import { dirname, join } from 'node:path';
import type { ChatCompletionCreateParamsBase } from 'openai/resources/chat/completions/completions';
import * as ts from 'typescript';
import type { z } from 'zod';
import { ChatCompletionRequestSchema } from './chat-request.schema';

/**
 * The accepted chat arguments must keep up with the installed `openai` SDK: a field the SDK
 * learns to send and Conduit does not know would be refused as "Unrecognized request argument".
 * Checked twice — by the compiler (typecheck) and at run time from the SDK's own declarations
 * (jest compiles with swc, which does not type-check) — so an SDK upgrade fails here first.
 */

type SdkArgument = keyof ChatCompletionCreateParamsBase;
type ConduitArgument = keyof z.input<typeof ChatCompletionRequestSchema>;
type UnknownToConduit = Exclude<SdkArgument, ConduitArgument>;

/** The declared properties of an interface exported by the SDK, read with the compiler. */
function sdkInterfaceProperties(interfaceName: string): string[] {
  const module = require.resolve('openai/resources/chat/completions/completions');
  const file = join(dirname(module), 'completions.d.ts');
  const program = ts.createProgram([file], { noEmit: true, skipLibCheck: true, types: [] });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  const exports = source && checker.getSymbolAtLocation(source);
  const symbol =
    exports && checker.getExportsOfModule(exports).find((s) => s.name === interfaceName);
  if (!symbol) throw new Error(`${interfaceName} is not exported by ${file}`);
  return checker
    .getDeclaredTypeOfSymbol(symbol)
    .getProperties()
    .map((property) => property.name)
    .sort();
}

/** Every SDK argument with a value OpenAI accepts; `Required` makes the compiler list them all. */
const everySdkArgument: Required<ChatCompletionCreateParamsBase> = {
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: 'hi' }],
  audio: { format: 'wav', voice: 'alloy' },
  frequency_penalty: 0,
  function_call: { name: 'lookup' },
  functions: [{ name: 'lookup', parameters: { type: 'object', properties: {} } }],
  logit_bias: { '50256': -100 },
  logprobs: false,
  max_completion_tokens: 64,
  max_tokens: 64,
  metadata: { team: 'a' },
  modalities: ['text', 'audio'],
  moderation: { model: 'omni-moderation-latest', policy: { input: { mode: 'score' } } },
  n: 1,
  parallel_tool_calls: true,
  prediction: { type: 'content', content: 'the expected answer' },
  presence_penalty: 0,
  prompt_cache_key: 'tenant-a',
  prompt_cache_options: { mode: 'explicit', ttl: '30m' },
  prompt_cache_retention: '24h',
  reasoning_effort: 'low',
  response_format: { type: 'text' },
  safety_identifier: 'user-hash-1',
  seed: 7,
  service_tier: 'auto',
  stop: ['\n\n'],
  store: false,
  stream: true,
  stream_options: { include_usage: true, include_obfuscation: false },
  temperature: 0.5,
  tool_choice: 'auto',
  tools: [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object' } } }],
  top_logprobs: 0,
  top_p: 1,
  user: 'user-1',
  verbosity: 'low',
  web_search_options: {
    search_context_size: 'low',
    user_location: { type: 'approximate', approximate: { country: 'DE' } },
  },
};

describe('ChatCompletionRequestSchema against the installed openai SDK', () => {
  it('knows every argument of ChatCompletionCreateParams (compile time)', () => {
    // Does not compile when the SDK has an argument the schema lacks; names it in the error.
    const unknownToConduit: [UnknownToConduit] extends [never] ? true : UnknownToConduit = true;
    expect(unknownToConduit).toBe(true);
  });

  it('knows every argument of ChatCompletionCreateParams (run time, from the .d.ts)', () => {
    const sdkArguments = sdkInterfaceProperties('ChatCompletionCreateParamsBase');
    expect(sdkArguments.length).toBeGreaterThan(30); // the reader found the real interface
    const known = new Set(Object.keys(ChatCompletionRequestSchema.shape));
    expect(sdkArguments.filter((name) => !known.has(name))).toEqual([]);
  });

  it('knows every stream option of the SDK', () => {
    const sdkOptions = sdkInterfaceProperties('ChatCompletionStreamOptions');
    expect(sdkOptions).toContain('include_obfuscation');
    const streamOptions = ChatCompletionRequestSchema.shape.stream_options.unwrap().unwrap();
    expect(sdkOptions.filter((name) => !(name in streamOptions.shape))).toEqual([]);
  });

  it('accepts a request using every SDK argument and keeps each one as sent', () => {
    const parsed = ChatCompletionRequestSchema.parse(everySdkArgument);
    expect(parsed).toEqual(everySdkArgument);
  });

  it('has no argument of its own beyond the SDK but `conduit`', () => {
    const sdkArguments = new Set(sdkInterfaceProperties('ChatCompletionCreateParamsBase'));
    const ours = Object.keys(ChatCompletionRequestSchema.shape).filter((k) => k !== 'conduit');
    expect(ours.filter((name) => !sdkArguments.has(name))).toEqual([]);
  });
});
