/**
 * The shopper's financing after Flexiti's widget approved an account: what Flexiti offers
 * (GET …/financing, also in the widget result's answer), the texts a picker shows for each
 * option, and recording the choice (POST …/financing). Shared by the framework-free picker and
 * the React one.
 */
import { flexitiText, formatCad, FlexitiLang } from "./i18n"
import { FlexitiStoreOptions, storeRequest } from "./store-api"
import { stepText } from "./step-texts"
import type { StoreFinancing, StoreFinancingAnswer, StoreFinancingFee, StoreFinancingOption } from "./store-answers"

/** A fee of an option, as the store route answers it. */
export type FlexitiFinancingFee = StoreFinancingFee

/** One option as the store route answers it (amounts in dollars, as strings). */
export type FlexitiFinancingOption = StoreFinancingOption

/** A checkout's financing, as GET and POST …/financing answer it. */
export type FlexitiFinancing = StoreFinancing

/** Asks the shopper to pick one option; resolves null when they close the picker. */
export type FlexitiPlanChooser = (financing: FlexitiFinancing) => Promise<FlexitiFinancingOption | null>

type SessionCall = FlexitiStoreOptions & { cartId: string; sessionId: string; lang?: FlexitiLang }

const financingPath = (sessionId: string) => `/store/flexiti/payment-sessions/${encodeURIComponent(sessionId)}/financing`

/** GET …/financing: the options Flexiti offers this checkout. */
export async function fetchFinancing(options: SessionCall): Promise<FlexitiFinancing> {
  const q = new URLSearchParams({ cart_id: options.cartId })
  if (options.lang) q.set("lang", options.lang)
  return (await storeRequest<StoreFinancingAnswer>(options, `${financingPath(options.sessionId)}?${q}`)).financing
}

/** POST …/financing: records the shopper's choice (the store checks Flexiti offered it). */
export async function chooseFinancing(options: SessionCall & { option: Pick<FlexitiFinancingOption, "transaction_type" | "plan_id" | "term"> }) {
  const { option } = options
  const body =
    option.transaction_type === "regular_purchase"
      ? { cart_id: options.cartId, transaction_type: option.transaction_type, lang: options.lang }
      : { cart_id: options.cartId, transaction_type: option.transaction_type, plan_id: option.plan_id, term: option.term, lang: options.lang }
  return (await storeRequest<StoreFinancingAnswer>(options, financingPath(options.sessionId), body)).financing
}

/** False when the store said this option is over the account's available credit (it cannot be chosen). */
export function fitsCredit(option: FlexitiFinancingOption): boolean {
  return option.within_available_credit !== false
}

/** True when Flexiti offered options and every one is over the account's available credit. */
export function noOptionFitsCredit(financing: FlexitiFinancing): boolean {
  return financing.options.length > 0 && !financing.options.some(fitsCredit)
}

/**
 * The option selected when the picker opens: the shopper's earlier choice, else the store's
 * default, else the first; only options within the available credit.
 */
export function initialOption(financing: FlexitiFinancing): FlexitiFinancingOption | undefined {
  const options = financing.options.filter(fitsCredit)
  return options.find((o) => o.key === financing.chosen) ?? options.find((o) => o.key === financing.preselected) ?? options[0]
}

/** The lines a picker shows for an option: its name, then the payments, the rate, the total and fees. */
export function planOptionText(option: FlexitiFinancingOption, lang: string | undefined): { title: string; details: string[] } {
  const money = (v: string) => formatCad(v, lang)
  const details = [
    option.months
      ? flexitiText(lang, "planMonthly", { amount: money(option.monthly_amount), months: option.months })
      : flexitiText(lang, "planRevolving", { amount: money(option.monthly_amount) }),
  ]
  if (option.annual_rate !== null)
    details.push(flexitiText(lang, "planRate", { rate: new Intl.NumberFormat(lang === "fr" ? "fr-CA" : "en-CA").format(option.annual_rate) }))
  if (option.total) details.push(flexitiText(lang, "planTotal", { total: money(option.total) }))
  for (const fee of option.fees) {
    const text = [fee.description ?? fee.type, fee.amount ? money(fee.amount) : null, fee.message].filter(Boolean).join(" ")
    if (text) details.push(flexitiText(lang, "planFee", { fee: text }))
  }
  if (!fitsCredit(option)) details.push(stepText(lang, "planOverCredit"))
  return { title: option.label, details }
}

/**
 * What a picker shows in its disclosures box before the shopper confirms: Flexiti's texts, or a
 * notice that the store could not load them (never an empty box that looks like "nothing to know").
 */
export function disclosureLines(financing: FlexitiFinancing, lang: string | undefined): { code: string; text: string }[] {
  if (financing.disclosures.length) return financing.disclosures
  return financing.disclosures_synced === false ? [{ code: "not_synced", text: flexitiText(lang, "planDisclosuresMissing") }] : []
}
