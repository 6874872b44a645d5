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
export type TokenFetcher = (request: { scope: TokenScope; refreshToken?: string }) => Promise<TokenResponse>

/**
 * Where processes that share one Flexiti client id keep its merchant token, so N Medusa instances
 * make one token request per lifetime, not N (README, "Running on several instances"). The plugin
 * adapts Medusa's caching module; read and write may fail (the lineage then works alone).
 */
export interface SharedTokenStore {
  read(key: string): Promise<HeldToken | undefined>
  write(key: string, token: HeldToken): Promise<void>
  /** Runs `work` while no other process runs it for `key` (a renewal); without it, processes may renew at once. */
  exclusive?<T>(key: string, work: () => Promise<T>): Promise<T>
}

export interface TokenClock {
  now(): number
}

export const systemClock: TokenClock = { now: () => Date.now() }

/** `requested` is the scope asked for: the answer may not repeat it (Authentication Endpoints' first example). */
export function toHeldToken(response: TokenResponse, requested: TokenScope, clock: TokenClock): HeldToken {
  return {
    accessToken: response.access_token,
    refreshToken: response.refresh_token,
    scope: requested,
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
  /** the token Flexiti last rejected: never adopted again from the shared store */
  private rejected?: string
  private shared?: { store: SharedTokenStore; key: string }

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

  /** Keeps this lineage's token in `store` under `key`, shared with other processes (see SharedTokenStore). */
  shareThrough(store: SharedTokenStore | undefined, key: string): void {
    this.shared = store ? { store, key } : undefined
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
      this.rejected = accessToken
    }
  }

  private needsRenewal(held: HeldToken): boolean {
    if (this.forceRenewal) return true
    const lifetimeLeft = held.expiresAt - this.clock.now()
    return lifetimeLeft <= this.refreshSkewMs
  }

  private renew(): Promise<HeldToken> {
    if (!this.inFlight) {
      const shared = this.shared
      const renewal = shared ? this.renewShared(shared) : this.doRenew()
      this.inFlight = renewal.finally(() => {
        this.inFlight = undefined
      })
    }
    return this.inFlight
  }

  /**
   * Another process may already hold a fresh token: adopt it. Otherwise renew (one process at a
   * time when the store can lock) and publish the result. A failing store costs a token request,
   * never a checkout.
   */
  private async renewShared(shared: { store: SharedTokenStore; key: string }): Promise<HeldToken> {
    const adoptOrRenew = async () => {
      const found = await shared.store.read(shared.key).catch(() => undefined)
      if (found && found.scope === this.scope && found.accessToken !== this.rejected && found.expiresAt - this.clock.now() > this.refreshSkewMs) {
        this.held = found
        this.forceRenewal = false
        return found
      }
      // a newer token from the store still carries a refresh token this lineage may use
      if (found && found.accessToken !== this.rejected && (!this.held || found.expiresAt > this.held.expiresAt)) this.held = found
      const renewed = await this.doRenew()
      await shared.store.write(shared.key, renewed).catch(() => undefined)
      return renewed
    }
    if (!shared.store.exclusive) return adoptOrRenew()
    return shared.store.exclusive(shared.key, adoptOrRenew)
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
    this.held = toHeldToken(response, this.scope, this.clock)
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
  private store?: SharedTokenStore

  /** Shares every lineage of this cache, present and future, through `store` (undefined: stop sharing). */
  shareThrough(store: SharedTokenStore | undefined): void {
    this.store = store
    for (const [key, lineage] of this.lineages) lineage.shareThrough(store, key)
  }

  lineageFor(credentials: TokenCredentials, scope: TokenScope, create: () => TokenLineage): TokenLineage {
    const secretHash = createHash("sha256").update(credentials.clientSecret).digest("hex").slice(0, 16)
    const key = `${credentials.tokenUrl}|${credentials.clientId}|${secretHash}|${scope}`
    let lineage = this.lineages.get(key)
    if (!lineage) {
      lineage = create()
      lineage.shareThrough(this.store, key)
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
