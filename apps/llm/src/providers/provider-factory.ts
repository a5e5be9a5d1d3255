import type { ProviderDefinition } from '../catalog/catalog-definition';
import { AnthropicProvider } from './anthropic/anthropic.provider';
import type { ChatProvider } from './chat-provider';
import { LocalEchoProvider } from './local/local-echo.provider';
import { OpenAIProvider } from './openai/openai.provider';
import { providerTransport, type ProviderTransport } from './provider-transport';

// The Anthropic SDK's own per-request timeout is a backstop only: the router aborts each attempt at the
// model's total timeout, which may differ between models of one deployment.
const SDK_BACKSTOP_TIMEOUT_MS = 3_600_000;

export interface BuiltProvider {
  provider: ChatProvider;
  transport?: ProviderTransport;
}

/** The adapter serving one provider deployment of the catalog. */
export function buildProvider(definition: ProviderDefinition): BuiltProvider {
  switch (definition.type) {
    case 'local':
      return { provider: new LocalEchoProvider(definition.tokenDelayMs, definition.name) };
    case 'openai':
    case 'openai-compatible':
    case 'anthropic': {
      const transport = providerTransport(definition.connectTimeoutMs);
      const options = {
        name: definition.name,
        apiKey: definition.apiKey,
        baseURL: definition.baseUrl,
        transport,
      };
      const provider =
        definition.type === 'anthropic'
          ? new AnthropicProvider({ ...options, timeoutMs: SDK_BACKSTOP_TIMEOUT_MS })
          : new OpenAIProvider(options);
      return { provider, transport };
    }
  }
}
