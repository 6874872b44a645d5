import { Lang } from "./types"
import { I18N_LABELS } from "./i18n-labels"

/**
 * Financing the sandbox offers. Rates are basis points of annual interest; all payment maths
 * is in integer cents, rounded half-up.
 */
export const OFFERED_PLANS = [
  { plan_id: 5, annual_rate_bp: 0, terms: [6, 12] },
  { plan_id: 2, annual_rate_bp: 999, terms: [24, 36] },
] as const

/** The plan an Online API approval books (the hosted flow has no plan choice for the merchant). */
export const ONLINE_APPROVAL_PLAN = { plan_id: 5, term: 12 } as const

/** Annual interest rate of revolving (regular) purchases, percent. */
export const REGULAR_PURCHASE_AIR = 29.99

/** payment-calculator: below this price no plan is offered; above it, this many equal payments. */
export const PAYMENT_CALCULATOR = { minPriceCents: 10000, months: 12 } as const

export function isPlanTermOffered(planId: number, term: number): boolean {
  return OFFERED_PLANS.some((p) => p.plan_id === planId && (p.terms as readonly number[]).includes(term))
}

/** a / b for positive integers, rounded half-up, exactly. */
export function divideHalfUp(a: number, b: number): number {
  return Math.floor((2 * a + b) / (2 * b))
}

/** Equal monthly payment in cents: straight division without interest, annuity formula with it. */
export function termAmountCents(amountCents: number, annualRateBp: number, term: number): number {
  if (annualRateBp === 0) return divideHalfUp(amountCents, term)
  const monthlyRate = annualRateBp / 10000 / 12
  return Math.round((amountCents * monthlyRate) / (1 - Math.pow(1 + monthlyRate, -term)))
}

/** Minimum monthly payment of a revolving purchase: 3 % of the amount, at least 10.00 (or the amount). */
export function regularMinimumPaymentCents(amountCents: number): number {
  return Math.max(Math.min(1000, amountCents), divideHalfUp(amountCents * 3, 100))
}

export function planName(planId: number, lang: Lang): string {
  return I18N_LABELS[lang].plan_ids[String(planId)] ?? `Plan ${planId}`
}

/** What the shopper repays under a plan: the amount plus interest (credit_exceeded compares this). */
export function planTotalCents(amountCents: number, planId: number, term: number): number {
  const plan = OFFERED_PLANS.find((p) => p.plan_id === planId)
  if (!plan || plan.annual_rate_bp === 0) return amountCents
  return Math.max(amountCents, termAmountCents(amountCents, plan.annual_rate_bp, term) * term)
}
