import { lte, toDollars } from "./money"

export type EligibilityCode =
  "not_configured" | "not_enabled_in_region" | "currency_not_cad" | "amount_below_minimum" | "amount_above_maximum" | "province_not_allowed" | "cart_completed"

export interface EligibilityReason {
  code: EligibilityCode
  message_en: string
  message_fr: string
}

export interface EligibilityFacts {
  currency_code: string
  /** cart total in dollars (Medusa amounts are in major units) */
  total: number | string
  province?: string
  enabled_in_region: boolean
  completed: boolean
}

export interface EligibilityLimits {
  minAmount: string
  maxAmount: string
  allowedProvinces: string[]
}

/** "1 250,00 $" for French, "$1,250.00" for English. */
function money(amount: string, lang: "en" | "fr"): string {
  const n = Number(amount)
  return lang === "fr"
    ? `${n.toLocaleString("fr-CA", { minimumFractionDigits: 2, maximumFractionDigits: 2 })} $`
    : `$${n.toLocaleString("en-CA", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`
}

export function reason(
  code: EligibilityCode,
  vars: { amount?: string; min?: string; max?: string; province?: string; currency?: string } = {}
): EligibilityReason {
  const m = (lang: "en" | "fr", v?: string) => (v ? money(v, lang) : "")
  switch (code) {
    case "not_configured":
      return {
        code,
        message_en: "Flexiti financing is not available in this store right now.",
        message_fr: "Le financement Flexiti n'est pas offert dans cette boutique pour le moment.",
      }
    case "not_enabled_in_region":
      return {
        code,
        message_en: "Flexiti financing is not offered in your region.",
        message_fr: "Le financement Flexiti n'est pas offert dans votre région.",
      }
    case "currency_not_cad":
      return {
        code,
        message_en: `Flexiti financing is available in Canadian dollars only; this cart is in ${vars.currency}.`,
        message_fr: `Le financement Flexiti est offert en dollars canadiens seulement; ce panier est en ${vars.currency}.`,
      }
    case "amount_below_minimum":
      return {
        code,
        message_en: `Flexiti financing is available for orders of ${m("en", vars.min)} or more.`,
        message_fr: `Le financement Flexiti est offert pour les commandes de ${m("fr", vars.min)} et plus.`,
      }
    case "amount_above_maximum":
      return {
        code,
        message_en: `Flexiti financing is available for orders up to ${m("en", vars.max)}.`,
        message_fr: `Le financement Flexiti est offert pour les commandes jusqu'à ${m("fr", vars.max)}.`,
      }
    case "province_not_allowed":
      return {
        code,
        message_en: `Flexiti financing is not offered in ${vars.province} by this store.`,
        message_fr: `Cette boutique n'offre pas le financement Flexiti dans la province ${vars.province}.`,
      }
    case "cart_completed":
      return {
        code,
        message_en: "This cart is already completed.",
        message_fr: "Ce panier est déjà complété.",
      }
  }
}

/**
 * The provider's own rules (service.ts initiatePayment: CAD, min ≤ amount ≤ max, allowed province
 * when the cart has one) plus the region check, evaluated without starting a Flexiti session.
 * Every failing rule is reported, not only the first.
 */
export function evaluateEligibility(facts: EligibilityFacts, limits: EligibilityLimits): EligibilityReason[] {
  const reasons: EligibilityReason[] = []
  if (facts.completed) reasons.push(reason("cart_completed"))
  if (!facts.enabled_in_region) reasons.push(reason("not_enabled_in_region"))
  const currency = String(facts.currency_code ?? "").toUpperCase()
  if (currency !== "CAD") reasons.push(reason("currency_not_cad", { currency }))
  const amount = toDollars(facts.total ?? 0)
  if (!lte(limits.minAmount, amount)) reasons.push(reason("amount_below_minimum", { amount, min: limits.minAmount }))
  if (!lte(amount, limits.maxAmount)) reasons.push(reason("amount_above_maximum", { amount, max: limits.maxAmount }))
  if (facts.province && !limits.allowedProvinces.includes(facts.province)) {
    reasons.push(reason("province_not_allowed", { province: facts.province }))
  }
  return reasons
}

/**
 * Provinces where Flexiti is offered: the allowed ones, narrowed to those Flexiti listed at the
 * last i18n sync of the environment when there was one.
 */
export function eligibleProvinces(allowed: string[], synced: string[] | undefined): string[] {
  return synced ? allowed.filter((p) => synced.includes(p.toUpperCase())) : allowed
}
