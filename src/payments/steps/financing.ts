import { MathBN } from "@medusajs/framework/utils"
import { ASSUMPTIONS } from "../../flexiti/assumptions"
import { FlexitiError } from "../../flexiti/errors"
import { CalculateInterestResponse, FinancingOption, widgetSuccessEventDataSchema } from "../../flexiti/schemas"
import type {
  FlexitiCheckoutState,
  FlexitiFinancingChoice,
  FlexitiFinancingOffer,
  FlexitiOfferedFee,
  FlexitiOfferedOption,
  FlexitiTransactionType,
} from "../../modules/flexiti/types"
import { lte, toDollars, toFlexitiAmount } from "../../lib/money"
import type { RuntimeConfig } from "../../config/resolver"
import type { CheckoutsPort } from "../deps"

/**
 * The shopper's financing (Flexiti's "How to Implement the Purchase Flow": calculate-interest
 * lists the plans and terms for the amount, the customer chooses one, the authorization names
 * it). The offer is fetched once the widget verified the account and kept on the checkout; the
 * choice is checked against it, and the authorization uses that choice.
 */

/** What a storefront sends to name an option: a promotional plan and term, or the revolving purchase. */
export interface FinancingChoiceInput {
  transaction_type: FlexitiTransactionType
  plan_id?: number | null
  term?: number | null
}

function offeredFees(fees: { description?: string; amount?: number; type?: string; message?: string }[] | undefined): FlexitiOfferedFee[] {
  return (fees ?? []).map((fee) => ({
    description: fee.description ?? null,
    amount: typeof fee.amount === "number" ? toDollars(fee.amount) : null,
    type: fee.type ?? null,
    message: fee.message ?? null,
  }))
}

/** A plan's annual rate, read as docs/assumptions.md ("Assumptions about the Flexiti API") says (annual_rates is not public). */
export function planAnnualRate(annualRates: unknown): number | null {
  return ASSUMPTIONS.PLAN_ANNUAL_RATE === "plain number only" && typeof annualRates === "number" && Number.isFinite(annualRates) ? annualRates : null
}

/** Flexiti's calculate-interest answer as the options a shopper chooses from: each plan's terms, then the revolving purchase. */
export function offeredOptions(plans: CalculateInterestResponse): FlexitiOfferedOption[] {
  const options: FlexitiOfferedOption[] = []
  for (const plan of plans.promotional_purchase ?? []) {
    for (const term of plan.terms) {
      if (!(term.term > 0) || !(term.term_amount >= 0)) continue
      const monthly = toDollars(term.term_amount)
      options.push({
        transaction_type: "promotional_purchase",
        plan_id: plan.plan_id,
        term: term.term,
        monthly_amount: monthly,
        total: toDollars(MathBN.mult(monthly, term.term)),
        annual_rate: planAnnualRate(term.annual_rates),
        fees: offeredFees(term.fees),
        plan_name: plan.plan_name ?? null,
      })
    }
  }
  const regular = plans.regular_purchase
  if (regular && typeof regular.term_amount === "number" && regular.term_amount >= 0) {
    const air = regular.air ?? plans.customer?.air
    options.push({
      transaction_type: "regular_purchase",
      plan_id: null,
      term: null,
      monthly_amount: toDollars(regular.term_amount),
      total: null,
      annual_rate: typeof air === "number" ? air : null,
      fees: offeredFees(regular.fees),
      plan_name: null,
    })
  }
  return options
}

/** calculate-interest's `customer.available_credit` in dollars, or null when Flexiti did not give it. */
export function availableCreditOf(plans: CalculateInterestResponse): string | null {
  const credit = plans.customer?.available_credit
  if (typeof credit !== "number" || !Number.isFinite(credit)) return null
  // an account over its limit has nothing available (the stored amount is never negative)
  return credit > 0 ? toDollars(credit) : "0.00"
}

/**
 * Whether Flexiti's available credit covers an option (docs/assumptions.md, "Assumptions about
 * the Flexiti API", 31): a financed plan's total, at least the amount; a revolving purchase's
 * amount. Null when Flexiti gave no available credit: nothing can be said before authorizing.
 */
export function fitsAvailableCredit(option: FlexitiOfferedOption, offer: Pick<FlexitiFinancingOffer, "amount" | "available_credit">): boolean | null {
  if (offer.available_credit === null || offer.available_credit === undefined) return null
  const owed = option.total && !lte(option.total, offer.amount) ? option.total : offer.amount
  return lte(owed, offer.available_credit)
}

/** True when a choice names this option (a revolving purchase has no plan or term). */
export function isOption(option: FlexitiOfferedOption, choice: FinancingChoiceInput): boolean {
  if (option.transaction_type !== choice.transaction_type) return false
  return option.transaction_type === "regular_purchase" || (option.plan_id === (choice.plan_id ?? null) && option.term === (choice.term ?? null))
}

export function findOffered(offer: FlexitiFinancingOffer | null, choice: FinancingChoiceInput): FlexitiOfferedOption | undefined {
  return offer?.options.find((option) => isOption(option, choice))
}

/**
 * The option a picker shows selected first: the store's default plan and term when offered
 * (provider options default_plan_id / default_term), else that plan's first term, else the first
 * promotional term, else the revolving purchase. Only a preselection: the shopper confirms it.
 */
export function preselectedOption(options: FlexitiOfferedOption[], defaults: { planId?: number; term?: number }): FlexitiOfferedOption | undefined {
  const promos = options.filter((o) => o.transaction_type === "promotional_purchase")
  const ofPlan = promos.filter((o) => o.plan_id === defaults.planId)
  const candidates = ofPlan.length ? ofPlan : promos
  return candidates.find((o) => o.term === defaults.term) ?? candidates[0] ?? options[0]
}

export type FinancingDecision = { kind: "chosen"; option: FlexitiOfferedOption } | { kind: "choice_required" }

/**
 * The financing an authorization uses: the shopper's recorded choice, or the only option Flexiti
 * offered. Never the store's default: with several options and no choice the shopper is asked.
 */
export function financingForAuthorization(checkout: Pick<FlexitiCheckoutState, "financing_options" | "financing_choice">): FinancingDecision {
  const offer = checkout.financing_options
  if (checkout.financing_choice) {
    const option = findOffered(offer, checkout.financing_choice)
    if (option) return { kind: "chosen", option }
  }
  if (offer?.options.length === 1) return { kind: "chosen", option: offer.options[0] }
  return { kind: "choice_required" }
}

/** The authorization's financing_option for a chosen option. */
export function financingOptionOf(option: FlexitiOfferedOption): FinancingOption {
  return option.transaction_type === "regular_purchase"
    ? { transaction_type: "regular_purchase" }
    : { transaction_type: "promotional_purchase", plan_id: option.plan_id!, term: option.term! }
}

/** The verified account of a widget checkout (README "How a payment maps onto Flexiti"), or why there is none. */
export function verifiedAccount(checkout: FlexitiCheckoutState): { accountNumber: number } | { reason: "widget_not_completed" | "purchase_not_verified" } {
  const result = widgetSuccessEventDataSchema.safeParse(checkout.widget_result)
  if (!result.success) return { reason: "widget_not_completed" }
  const accountNumber = checkout.account_number ? Number(checkout.account_number) : undefined
  if (!result.data.verified || result.data.action !== "purchase" || !accountNumber) return { reason: "purchase_not_verified" }
  return { accountNumber }
}

/**
 * Asks Flexiti what it offers this checkout (calculate-interest, on the checkout's own
 * customer-scope lineage: Flexiti's Authentication Endpoints page lists it among the customer-scope
 * calls) and stores the offer. A choice that the new offer no longer holds is dropped.
 */
export async function fetchFinancingOffer(args: {
  config: RuntimeConfig
  checkouts: CheckoutsPort
  checkout: FlexitiCheckoutState
}): Promise<FlexitiCheckoutState> {
  const { config, checkouts, checkout } = args
  const account = verifiedAccount(checkout)
  if (!("accountNumber" in account) || !checkout.customer_token || !checkout.amount) {
    throw new FlexitiError({ kind: "invalid_request", message: "Flexiti has not verified an account for this checkout yet" })
  }
  const lineage = config.client.restoreCustomerLineage(checkout.customer_token as Parameters<typeof config.client.restoreCustomerLineage>[0])
  try {
    const plans = await config.client.calculateInterest(account.accountNumber, toFlexitiAmount(checkout.amount), {
      lineage,
      referenceId: checkout.reference_id,
    })
    const offer: FlexitiFinancingOffer = {
      amount: checkout.amount,
      fetched_at: new Date().toISOString(),
      options: offeredOptions(plans),
      available_credit: availableCreditOf(plans),
    }
    const keepChoice = checkout.financing_choice && findOffered(offer, checkout.financing_choice)
    return await checkouts.write({
      payment_session_id: checkout.payment_session_id,
      financing_options: offer,
      ...(keepChoice ? {} : { financing_choice: null }),
      customer_token: lineage.snapshot() ?? checkout.customer_token,
    })
  } catch (error) {
    // Keep a refreshed lineage even when the call failed, so the next one continues the same flow.
    const snapshot = lineage.snapshot()
    if (snapshot && snapshot.accessToken !== checkout.customer_token.accessToken) {
      await checkouts.write({ payment_session_id: checkout.payment_session_id, customer_token: snapshot }).catch(() => undefined)
    }
    throw error
  }
}

/** The stored choice of an offered option. */
export function choiceOf(option: FlexitiOfferedOption): FlexitiFinancingChoice {
  return { transaction_type: option.transaction_type, plan_id: option.plan_id, term: option.term, chosen_at: new Date().toISOString() }
}
