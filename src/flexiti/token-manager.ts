import { createHash } from "node:crypto"
import { ASSUMPTIONS } from "./assumptions"
import { FlexitiError } from "./errors"
import { TokenResponse, TokenScope } from "./schemas/token"

/** A token as held by the server: never sent to a browser. */
export interface HeldToken {
  accessToken: string
  refreshToken?: string
  scope: TokenScope
  /** epoch milliseconds */
  expiresAt: number
}

/** Performs the actual oauth/token request (client_credentials or refresh_token). */
export type TokenFetcher = (request: {
  scope: TokenScope
  refreshToken?: string
}) => Promise<TokenResponse>

export interface TokenClock {
  now(): number
}

export const systemClock: TokenClock = { now: () => Date.now() }

export function toHeldToken(response: TokenResponse, clock: TokenClock): HeldToken {
  return {
    accessToken: response.access_token,
    refreshToken: response.refresh_token,
    scope: response.scope,
    expiresAt: clock.now() + response.expires_in * 1000,
  }
}

/**
 * One token lineage: a token, refreshed shortly before it expires (Flexiti refuses a refresh
 * after expiry, Authentication Endpoints), replaced by a new one when the refresh fails or it is
 * too late. Concurrent callers share one in-flight request (single flight).
 *
 * The merchant-scope lineage is shared by all back-office calls; a widget checkout owns a
 * customer-scope lineage from widget/init to authorization, which can be
 * exported with `snapshot()` and restored with `TokenLineage.restore()`.
 */
export class TokenLineage {
  private held?: HeldToken
  private inFlight?: Promise<HeldToken>
  /** set by invalidate(): Flexiti rejected the held token before its expiry */
  private forceRenewal = false

  constructor(
    readonly scope: TokenScope,
    private readonly fetcher: TokenFetcher,
    private readonly clock: TokenClock = systemClock,
    private readonly refreshSkewMs = ASSUMPTIONS.TOKEN_REFRESH_SKEW_SECONDS * 1000,
    initial?: HeldToken
  ) {
    this.held = initial
  }

  static restore(snapshot: HeldToken, fetcher: TokenFetcher, clock?: TokenClock): TokenLineage {
    return new TokenLineage(snapshot.scope, fetcher, clock, undefined, snapshot)
  }

  snapshot(): HeldToken | undefined {
    return this.held ? { ...this.held } : undefined
  }

  /** A token valid for at least the refresh skew (or as long as the lifetime allows). */
  async get(): Promise<HeldToken> {
    const held = this.held
    if (held && !this.needsRenewal(held)) {
      return held
    }
    return this.renew()
  }

  /**
   * Called when Flexiti answered 401 invalid_token for `accessToken`: the next get() renews.
   * Ignored when another caller has already replaced that token.
   */
  invalidate(accessToken: string): void {
    // Keep the refresh token: refreshing keeps the lineage when Flexiti still allows it.
    if (this.held?.accessToken === accessToken) {
      this.forceRenewal = true
    }
  }

  private needsRenewal(held: HeldToken): boolean {
    if (this.forceRenewal) return true
    const lifetimeLeft = held.expiresAt - this.clock.now()
    return lifetimeLeft <= this.refreshSkewMs
  }

  private renew(): Promise<HeldToken> {
    if (!this.inFlight) {
      this.inFlight = this.doRenew().finally(() => {
        this.inFlight = undefined
      })
    }
    return this.inFlight
  }

  private async doRenew(): Promise<HeldToken> {
    const held = this.held
    const stillRefreshable = held?.refreshToken && held.expiresAt > this.clock.now()
    if (held && stillRefreshable) {
      try {
        const refreshed = await this.fetcher({ scope: this.scope, refreshToken: held.refreshToken })
        return this.keep(refreshed)
      } catch (error) {
        // A refused refresh (expired, revoked) is answered with a new token; a transport
        // failure is not, since a new token request would fail the same way.
        if (error instanceof FlexitiError && error.isTransient) {
          throw error
        }
      }
    }
    return this.keep(await this.fetcher({ scope: this.scope }))
  }

  private keep(response: TokenResponse): HeldToken {
    this.held = toHeldToken(response, this.clock)
    this.forceRenewal = false
    return this.held
  }
}

export interface TokenCredentials {
  tokenUrl: string
  clientId: string
  clientSecret: string
}

/**
 * Shared lineages, one per (token URL, client id, secret, scope). The secret is part of the
 * key only as a hash, so rotating a secret starts a new cache entry without keeping the
 * secret itself as a map key.
 */
export class TokenCache {
  private readonly lineages = new Map<string, TokenLineage>()

  lineageFor(credentials: TokenCredentials, scope: TokenScope, create: () => TokenLineage): TokenLineage {
    const secretHash = createHash("sha256").update(credentials.clientSecret).digest("hex").slice(0, 16)
    const key = `${credentials.tokenUrl}|${credentials.clientId}|${secretHash}|${scope}`
    let lineage = this.lineages.get(key)
    if (!lineage) {
      lineage = create()
      this.lineages.set(key, lineage)
    }
    return lineage
  }

  clear(): void {
    this.lineages.clear()
  }
}

/** Process-wide cache: providers, routes and jobs reuse one token per scope and credentials. */
export const sharedTokenCache = new TokenCache()
