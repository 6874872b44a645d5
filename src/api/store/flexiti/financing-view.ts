import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { declaredProviderOptions, runtimeConfigOf } from "../../../config/from-container"
import type { FlexitiLang } from "../../../lib/vocabulary"
import type { PgConnection } from "../../../modules/flexiti/stores/connection"
import { readLabels } from "../../../modules/flexiti/stores/i18n-store"
import { ASSUMPTIONS } from "../../../flexiti/assumptions"
import { loadCart, provinceOfAddress } from "./cart-context"
import type { FlexitiCheckoutState, FlexitiOfferedOption, FlexitiTransactionType } from "../../../modules/flexiti/types"
import type { StoreFinancing, StoreFinancingOption } from "../../../storefront/store-answers"
import { fetchFinancingOffer, findOffered, fitsAvailableCredit, preselectedOption, recordsOf, verifiedAccount } from "../../../payments"
import { asMedusaError } from "../../../payments"

/** One option as a storefront shows it (the wire shape lives with the storefront kit that reads it). */
export type FinancingOptionView = StoreFinancingOption

/** What GET/POST …/financing and the widget result answer about a checkout's financing. */
export type FinancingView = StoreFinancing

/** Used when Flexiti's labels were never synced. */
const TRANSACTION_TYPE_FALLBACK: Record<FlexitiLang, Record<FlexitiTransactionType, string>> = {
  en: { promotional_purchase: "Financed purchase", regular_purchase: "Revolving purchase" },
  fr: { promotional_purchase: "Achat financé", regular_purchase: "Achat renouvelable" },
}

export function optionKey(option: Pick<FlexitiOfferedOption, "transaction_type" | "plan_id" | "term">): string {
  return option.transaction_type === "regular_purchase" ? "regular_purchase" : `promotional_purchase:${option.plan_id}:${option.term}`
}

function pgConnection(container: MedusaContainer): PgConnection {
  return container.resolve(ContainerRegistrationKeys.PG_CONNECTION) as PgConnection
}

/** Whether the cart's billing or shipping address is in Quebec (read from the cart, never from the browser). */
async function shopperInQuebec(container: MedusaContainer, cartId: string | null): Promise<boolean> {
  if (!cartId) return false
  const cart = await loadCart(container, cartId)
  const quebec = ASSUMPTIONS.DISCLOSURES_SHOWN.quebecProvince
  return provinceOfAddress(cart.billing_address ?? null) === quebec || provinceOfAddress(cart.shipping_address ?? null) === quebec
}

/** Flexiti's synced disclosure texts this shopper must see (assumptions.ts DISCLOSURES_SHOWN). */
export function disclosuresFor(synced: Record<string, string>, inQuebec: boolean): { code: string; text: string }[] {
  const quebecOnly: readonly string[] = ASSUMPTIONS.DISCLOSURES_SHOWN.quebecOnly
  return Object.entries(synced)
    .filter(([code]) => inQuebec || !quebecOnly.includes(code))
    .sort(([a], [b]) => Number(quebecOnly.includes(b)) - Number(quebecOnly.includes(a)))
    .map(([code, text]) => ({ code, text }))
}

/** The checkout's financing for display, labelled in the shopper's language. */
export async function financingView(container: MedusaContainer, checkout: FlexitiCheckoutState, lang: FlexitiLang): Promise<FinancingView> {
  const offer = checkout.financing_options
  const labels = (await readLabels(pgConnection(container), checkout.environment)).find((l) => l.lang === lang)
  const inQuebec = await shopperInQuebec(container, checkout.cart_id)
  const options = offer?.options ?? []
  const defaults = declaredProviderOptions(container)
  const preselected = preselectedOption(options, { planId: defaults.default_plan_id, term: defaults.default_term })
  const chosen = checkout.financing_choice ? findOffered(offer, checkout.financing_choice) : undefined
  return {
    payment_session_id: checkout.payment_session_id,
    amount: offer?.amount ?? checkout.amount ?? "0.00",
    lang,
    options: options.map((o): FinancingOptionView => ({
      key: optionKey(o),
      transaction_type: o.transaction_type,
      plan_id: o.plan_id,
      term: o.term,
      label:
        o.plan_id === null
          ? (labels?.transaction_types[o.transaction_type] ?? TRANSACTION_TYPE_FALLBACK[lang][o.transaction_type])
          : (labels?.plan_ids[String(o.plan_id)] ?? o.plan_name ?? `Plan ${o.plan_id}`),
      transaction_type_label: labels?.transaction_types[o.transaction_type] ?? TRANSACTION_TYPE_FALLBACK[lang][o.transaction_type],
      monthly_amount: o.monthly_amount,
      months: o.term,
      total: o.total,
      annual_rate: o.annual_rate,
      fees: o.fees,
      within_available_credit: offer ? fitsAvailableCredit(o, offer) : null,
    })),
    preselected: preselected ? optionKey(preselected) : null,
    chosen: chosen ? optionKey(chosen) : null,
    disclosures: disclosuresFor(labels?.disclosures ?? {}, inQuebec),
    disclosures_synced: !!labels,
  }
}

/** A widget checkout whose account Flexiti verified and that holds no authorization yet, or a 4xx saying why not. */
export function requireChoosable(checkout: FlexitiCheckoutState | undefined): FlexitiCheckoutState {
  if (!checkout || checkout.flow !== "widget") {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "Financing is chosen in Flexiti's widget checkout only; this session is not one.")
  }
  if (checkout.authorization_id) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "This Flexiti checkout is already authorized; start a new one to pay again.")
  }
  if (!("accountNumber" in verifiedAccount(checkout))) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "Flexiti has not approved an account for this checkout yet: finish the Flexiti window first.")
  }
  return checkout
}

/** Asks Flexiti for the checkout's financing (calculate-interest) when it was not stored yet. */
export async function ensureOffer(container: MedusaContainer, checkout: FlexitiCheckoutState): Promise<FlexitiCheckoutState> {
  if (checkout.financing_options) return checkout
  try {
    const config = await runtimeConfigOf(container, checkout.environment)
    return await fetchFinancingOffer({ config, checkouts: recordsOf(container).checkouts, checkout })
  } catch (error) {
    throw asMedusaError("list the financing options", error)
  }
}
