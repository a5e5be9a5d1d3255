import type { ChatProvider } from '../providers/chat-provider';
import type { PricedModel } from '../pricing/model-pricing';

/** One served model: where requests for it go and what they cost. */
export interface CatalogEntry extends PricedModel {
  /** The id clients use, `<provider>/<upstream id>`. */
  id: string;
  upstreamModel: string;
  provider: ChatProvider;
  created: number;
}
