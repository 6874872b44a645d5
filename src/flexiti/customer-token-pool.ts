import { HeldToken, TokenClock } from "./token-manager"

/**
 * Customer-scope tokens requested ahead of time, so that opening Flexiti's widget costs one
 * round trip (widget/init) rather than two (token, then widget/init).
 *
 * Each token goes to one checkout only: in the widget flow Flexiti ties the shopper who passes
 * the widget to the token lineage the checkout then authorizes with (Authentication Endpoints,
 * SDK Init Method), so a token is never shared. Taking a token starts the request of its
 * replacement in the background; a token with less than `minLifetimeMs` left is dropped: a
 * checkout needs its lineage from widget/init to the authorization, and a token that expires in
 * between can no longer be refreshed (Authentication Endpoints). A failed background request is
 * not retried: the next checkout requests its token itself, as it would without the pool.
 */
export class CustomerTokenPool {
  private ready: HeldToken[] = []
  private filling = 0

  constructor(
    private readonly request: () => Promise<HeldToken>,
    private readonly clock: TokenClock,
    private readonly size: number,
    private readonly minLifetimeMs = 15 * 60_000
  ) {}

  /** A fresh token, removed from the pool, or undefined when none is ready; refills either way. */
  take(): HeldToken | undefined {
    const now = this.clock.now()
    this.ready = this.ready.filter((token) => token.expiresAt - now > this.minLifetimeMs)
    const token = this.ready.shift()
    this.refill()
    return token
  }

  /** Tokens ready to hand out (for tests and figures). */
  get readyCount(): number {
    return this.ready.length
  }

  private refill(): void {
    while (this.ready.length + this.filling < this.size) {
      this.filling++
      this.request()
        .then((token) => {
          this.ready.push(token)
        })
        .catch(() => undefined)
        .finally(() => {
          this.filling--
        })
    }
  }
}
