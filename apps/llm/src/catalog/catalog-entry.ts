import type { ChatProvider } from '../providers/chat-provider';
import type { PricedModel } from '@conduit/catalog';
import type { ModelPolicy } from './model-policy';

/** One served model: where requests for it go, what they cost, and how failures are handled. */
export interface CatalogEntry extends PricedModel {
  /** The id clients use, e.g. `openai/gpt-4o-mini`. */
  id: string;
  upstreamModel: string;
  /** The deployment serving it; its name keys the circuit breaker. */
  provider: ChatProvider;
  aliases: readonly string[];
  /** Catalog ids tried in order when this model fails. */
  fallbacks: readonly string[];
  policy: ModelPolicy;
  created: number;
}
