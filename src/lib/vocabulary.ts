/**
 * The plugin's vocabulary, defined once and used by every room (module, provider, routes,
 * workflows, admin): Medusa's id of the provider, Flexiti's environments, the two checkout
 * flows, the languages and the Canadian provinces. No Medusa imports.
 */
import { FLEXITI_ENVIRONMENTS, FlexitiEnvironment } from "../flexiti/environments"

/** Medusa's id of the payment provider: `pp_` + identifier `flexiti` + id `flexiti` (README, "Install"). */
export const FLEXITI_PROVIDER_ID = "pp_flexiti_flexiti"

export { FLEXITI_ENVIRONMENTS }
export type FlexitiEnvironmentName = FlexitiEnvironment

/** widget: Flexiti's POS API widget in a modal; hosted: Flexiti's Online API hosted pages. */
export const FLEXITI_FLOWS = ["widget", "hosted"] as const
export type FlexitiFlow = (typeof FLEXITI_FLOWS)[number]

export const FLEXITI_LANGS = ["en", "fr"] as const
export type FlexitiLang = (typeof FLEXITI_LANGS)[number]

/** The 13 Canadian provinces and territories (ISO 3166-2:CA suffixes). */
export const CANADIAN_PROVINCES = ["AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"] as const

/** A province code ("ON") from what Medusa stores ("on", "ca-on"), or undefined when it is not one. */
export function provinceCode(province: string | null | undefined): string | undefined {
  const raw = province?.trim().toUpperCase()
  if (!raw) return undefined
  const code = raw.startsWith("CA-") ? raw.slice(3) : raw
  return /^[A-Z]{2}$/.test(code) ? code : undefined
}
