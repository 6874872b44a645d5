/** The Flexiti client's configuration and per-call options. No Medusa imports. */
import type { FlexitiEnvironment } from "./environments"
import type { HttpOptions } from "./http"
import type * as S from "./schemas"
import type { TokenCache, TokenClock, TokenLineage } from "./token-manager"

export interface FlexitiClientConfig {
  environment: FlexitiEnvironment
  clientId: string
  clientSecret: string
  /** Overrides the POS API origin (the local sandbox); the Online API follows unless set. */
  posOrigin?: string
  onlineOrigin?: string
  lang?: S.FlexitiLang
  http?: Partial<HttpOptions>
  tokenCache?: TokenCache
  clock?: TokenClock
  /**
   * Customer-scope tokens kept ready for the next checkouts (see customer-token-pool.ts);
   * 0 (the default) requests each checkout's token when it starts.
   */
  customerTokenPool?: number
}

export interface CallOptions {
  /** x-reference-id; fix it for a whole flow, or one per back-office action (default: new) */
  referenceId?: string
  lang?: S.FlexitiLang
}

export interface CustomerCallOptions extends CallOptions {
  /** the checkout's own customer-scope token lineage */
  lineage: TokenLineage
}

export interface WidgetSession {
  redirection_url: string
  widget_session_id: string
  reference_id: string
}
