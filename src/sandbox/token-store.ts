import { randomBytes, randomUUID } from "node:crypto"
import { SandboxClock } from "./clock"
import { TokenScope } from "./types"

export interface IssuedToken {
  access_token: string
  refresh_token: string
  client_id: string
  scope: TokenScope
  /**
   * Tokens obtained by refreshing share the lineage of the token they replace. Flexiti "takes the
   * access_token as a referential value for the entire flow" (Authentication Endpoints, widget steps): widget/init
   * and the following authorization must come from the same lineage.
   */
  lineage_id: string
  expires_at: number
}

export type TokenCheck = { ok: true; token: IssuedToken } | { ok: false; reason: "unknown" | "expired" }

function opaque(): string {
  return randomBytes(24).toString("hex")
}

export class TokenStore {
  private readonly byAccess = new Map<string, IssuedToken>()
  private readonly byRefresh = new Map<string, IssuedToken>()

  constructor(
    private readonly clock: SandboxClock,
    readonly lifetimeSeconds: number
  ) {}

  issue(clientId: string, scope: TokenScope, lineageId: string = randomUUID()): IssuedToken {
    const token: IssuedToken = {
      access_token: opaque(),
      refresh_token: opaque(),
      client_id: clientId,
      scope,
      lineage_id: lineageId,
      expires_at: this.clock.now() + this.lifetimeSeconds * 1000,
    }
    this.byAccess.set(token.access_token, token)
    this.byRefresh.set(token.refresh_token, token)
    return token
  }

  /** "It cannot be refreshed after it is expired" (Authentication Endpoints): refresh works only while its access token lives. */
  refresh(clientId: string, refreshToken: string): IssuedToken | "unknown" | "expired" {
    const previous = this.byRefresh.get(refreshToken)
    if (!previous || previous.client_id !== clientId) return "unknown"
    if (this.isExpired(previous)) return "expired"
    return this.issue(clientId, previous.scope, previous.lineage_id)
  }

  check(accessToken: string): TokenCheck {
    const token = this.byAccess.get(accessToken)
    if (!token) return { ok: false, reason: "unknown" }
    if (this.isExpired(token)) return { ok: false, reason: "expired" }
    return { ok: true, token }
  }

  /** Fault injection: every token issued so far expires now (tokens issued later are unaffected). */
  expireAll(): void {
    const now = this.clock.now()
    for (const token of this.byAccess.values()) token.expires_at = Math.min(token.expires_at, now)
  }

  reset(): void {
    this.byAccess.clear()
    this.byRefresh.clear()
  }

  private isExpired(token: IssuedToken): boolean {
    return this.clock.now() >= token.expires_at
  }
}
