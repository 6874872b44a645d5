/**
 * Flexiti environments and the hosts of its two APIs (Flexiti's API overview and Online API pages).
 * Paths under a host are identical in every environment, so the local sandbox
 * is reached by overriding the origin only.
 */
export const FLEXITI_ENVIRONMENTS = ["training", "merchant_integration", "production"] as const
export type FlexitiEnvironment = (typeof FLEXITI_ENVIRONMENTS)[number]

/** POS API origins (Flexiti's API overview). */
export const POS_API_ORIGINS: Record<FlexitiEnvironment, string> = {
  training: "https://posapi-training.flexiti.fi",
  merchant_integration: "https://posapi-mi.flexiti.fi",
  production: "https://posapi.flexiti.fi",
}

/**
 * Online API origins (Online API Endpoints Reference, Flexiti's JavaScript SDK). The merchant-integration host is not
 * published; it is left undefined on purpose and must be configured.
 */
export const ONLINE_API_ORIGINS: Record<FlexitiEnvironment, string | undefined> = {
  training: "https://onlineapi-training.flexiti.fi",
  merchant_integration: undefined,
  production: "https://onlineapi.flexiti.fi",
}

/** Developer portals where the Trust URL is registered (widget implementation steps); production's is not public. */
export const DEVELOPER_PORTALS: Record<FlexitiEnvironment, string | undefined> = {
  training: "https://developer.flexiti.fi/",
  merchant_integration: "https://developer-mi.flexiti.fi/",
  production: undefined,
}

export const POS_API_PATH = "/flexiti/pos-api"
export const ONLINE_API_PATH = "/flexiti/online-api"
export type PosApiVersion = "v2.5" | "v2.5.1"

export interface FlexitiHosts {
  /** e.g. https://posapi-training.flexiti.fi or http://127.0.0.1:4010 (sandbox) */
  posOrigin: string
  /** undefined when the environment has no known Online API host and none was configured */
  onlineOrigin?: string
}

function stripTrailingSlash(url: string): string {
  return url.replace(/\/+$/, "")
}

/** Resolve the hosts for an environment; explicit origins (the sandbox) win. */
export function resolveHosts(environment: FlexitiEnvironment, overrides: { posOrigin?: string; onlineOrigin?: string } = {}): FlexitiHosts {
  const posOrigin = overrides.posOrigin ?? POS_API_ORIGINS[environment]
  const onlineOrigin = overrides.onlineOrigin ?? overrides.posOrigin ?? ONLINE_API_ORIGINS[environment]
  return {
    posOrigin: stripTrailingSlash(posOrigin),
    onlineOrigin: onlineOrigin ? stripTrailingSlash(onlineOrigin) : undefined,
  }
}

export function posApiBase(hosts: FlexitiHosts, version: PosApiVersion): string {
  return `${hosts.posOrigin}${POS_API_PATH}/${version}`
}

export function onlineApiBase(hosts: FlexitiHosts): string {
  if (!hosts.onlineOrigin) {
    throw new Error("No Flexiti Online API host is known for this environment: set online_base_url (Flexiti has not published the merchant-integration host).")
  }
  return `${hosts.onlineOrigin}${ONLINE_API_PATH}`
}
