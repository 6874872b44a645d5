import { DEVELOPER_PORTALS } from "../../../../flexiti/environments"
import type { FlexitiEnvironmentName } from "../../../../lib/vocabulary"
import type { TrustUrlCheck as TrustUrlCheckAnswer, TrustUrls } from "../../../../api-types/admin"

export type TrustUrlCheck = TrustUrlCheckAnswer
export type TrustUrlsAnswer = TrustUrls

/**
 * A Trust URL as Flexiti registers it (Flexiti's developer portal, "Trust URL (or IP)"): an https origin, no trailing
 * slash, no path, no query, no fragment, no credentials. Every failed rule is named.
 */
export function checkTrustUrl(value: string): TrustUrlCheck {
  const url = value.trim()
  const reasons: string[] = []
  if (/^\/.*\/[a-z]*$/.test(url)) {
    return { url, ok: false, reasons: ["is a CORS pattern, not an origin: register each storefront origin"] }
  }
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return { url, ok: false, reasons: ["is not a URL"] }
  }
  if (parsed.protocol !== "https:") reasons.push("must use https")
  if (url.endsWith("/")) reasons.push("must not end with a slash")
  const afterHost = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, "")
  if (/^\/[^?#]+/.test(afterHost)) reasons.push("must not have a path")
  if (parsed.search || url.includes("?")) reasons.push("must not have a query")
  if (parsed.hash || url.includes("#")) reasons.push("must not have a fragment")
  if (parsed.username || parsed.password) reasons.push("must not contain credentials")
  return { url, ok: reasons.length === 0, reasons }
}

export function splitCors(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
}

export function trustUrls(args: { environment: FlexitiEnvironmentName; storefrontOrigins: string[]; storeCors?: string }): TrustUrlsAnswer {
  const fromSettings = args.storefrontOrigins.length > 0
  const list = fromSettings ? args.storefrontOrigins : splitCors(args.storeCors)
  const origins = Array.from(new Set(list)).map(checkTrustUrl)
  return {
    environment: args.environment,
    portal_url: DEVELOPER_PORTALS[args.environment] ?? null,
    source: fromSettings ? "settings" : "store_cors",
    origins,
    all_ok: origins.length > 0 && origins.every((o) => o.ok),
  }
}
