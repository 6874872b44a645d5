import { FlexitiClient } from "../flexiti/client"
import { newReferenceId } from "../flexiti/reference-id"
import { Authorization, AuthorizationCreateRequest, CalculateInterestResponse, FinancingOption } from "../flexiti/schemas"
import { TokenLineage } from "../flexiti/token-manager"
import { CallLog } from "./call-log"
import { CaseFailure, NeedsTester } from "./case-outcomes"

/**
 * One purchase made the way the store makes it (README, "How a payment maps onto Flexiti"):
 * widget/init on a fresh customer-scope lineage, the shopper's verification in the widget,
 * calculate-interest and POST authorization on that same lineage. Flexiti's Authentication
 * Endpoints page lists these among the customer-scope calls; the back-office moves that follow
 * (capture, release, return, refund) use the merchant token.
 */

/** What the shopper's side of the widget gave: a verified account, or a step left to a tester. */
export type Verification = { kind: "verified"; accountNumber: number } | { kind: "manual"; instructions: string }

/** Finishes the widget as a shopper would: the sandbox's control API, a tester at the keyboard, or nobody. */
export type ShopperVerifier = (widget: { redirectionUrl: string; widgetSessionId: string; accountNumber: number }) => Promise<Verification>

export type PurchaseOutcome =
  | { kind: "manual"; instructions: string; redirectionUrl: string }
  | { kind: "verified"; accountNumber: number; lineage: TokenLineage; plans: CalculateInterestResponse }

/** widget/init and the shopper's verification; calculate-interest on the same lineage once verified. */
export async function verifyShopper(args: {
  client: FlexitiClient
  shopper: ShopperVerifier
  accountNumber: number
  amount: number
  calls: CallLog
}): Promise<PurchaseOutcome> {
  const { client, calls } = args
  const lineage = client.newCustomerLineage()
  const widget = await calls.observe("widget/init (purchase flow)", lineage.scope, (referenceId) =>
    client.widgetInit({ flow: "purchase", customer_identification: { account_number: args.accountNumber } }, { lineage, referenceId })
  )
  calls.note(`widget redirection_url: ${widget.redirection_url}`)
  const verification = await args.shopper({
    redirectionUrl: widget.redirection_url,
    widgetSessionId: widget.widget_session_id,
    accountNumber: args.accountNumber,
  })
  if (verification.kind === "manual") return { ...verification, redirectionUrl: widget.redirection_url }
  calls.note(`the widget verified account ${verification.accountNumber} (widget_session_id ${widget.widget_session_id})`)
  const plans = await calls.observe(`calculate-interest ${args.amount.toFixed(2)}`, lineage.scope, (referenceId) =>
    client.calculateInterest(verification.accountNumber, args.amount, { lineage, referenceId })
  )
  return { kind: "verified", accountNumber: verification.accountNumber, lineage, plans }
}

/** The first promotional plan offered, or a regular purchase. */
export function financingFrom(plans: CalculateInterestResponse, prefer: FinancingOption["transaction_type"]): FinancingOption | undefined {
  if (prefer === "regular_purchase") return { transaction_type: "regular_purchase" }
  const promo = plans.promotional_purchase?.find((p) => p.terms.length > 0)
  return promo ? { transaction_type: "promotional_purchase", plan_id: promo.plan_id, term: promo.terms[0].term } : undefined
}

/** POST authorization on the verified shopper's customer-scope lineage. */
export async function authorizeAsTheStore(args: {
  client: FlexitiClient
  verified: Extract<PurchaseOutcome, { kind: "verified" }>
  body: Omit<AuthorizationCreateRequest, "account_number">
  calls: CallLog
}): Promise<Authorization> {
  const { client, verified, calls } = args
  const label = `POST authorization ${args.body.amount.toFixed(2)} (${args.body.financing_option.transaction_type}${args.body.sku_data ? ", with sku_data" : ""})`
  return calls.observe(label, verified.lineage.scope, (referenceId) =>
    client.createAuthorization({ account_number: verified.accountNumber, ...args.body }, { lineage: verified.lineage, referenceId })
  )
}

export const newUatReference = (what: string) => `uat-${what}-${newReferenceId().slice(0, 8)}`

export interface StorePurchaseContext {
  client: FlexitiClient
  shopper: ShopperVerifier
  calls: CallLog
}

/**
 * A whole store purchase up to the authorization. A step left to a tester makes the case manual;
 * `requirePlan` fails the case when a promotional purchase was asked for and none is offered.
 */
export async function purchaseAsTheStore(
  ctx: StorePurchaseContext,
  args: {
    accountNumber: number
    amount: number
    prefer: FinancingOption["transaction_type"]
    reference: string
    requirePlan?: boolean
    extra?: Pick<AuthorizationCreateRequest, "sku_data" | "vcc_number">
  }
): Promise<Authorization> {
  const verified = await verifyShopper({ ...ctx, accountNumber: args.accountNumber, amount: args.amount })
  if (verified.kind === "manual") throw new NeedsTester(verified.instructions)
  const offered = financingFrom(verified.plans, args.prefer)
  if (!offered && args.requirePlan) throw new CaseFailure(`calculate-interest offered no promotional plan on account ${args.accountNumber}`)
  const financing = offered ?? { transaction_type: "regular_purchase" as const }
  const auth = await authorizeAsTheStore({
    ...ctx,
    verified,
    body: { amount: args.amount, auto_capture: false, reference: newUatReference(args.reference), financing_option: financing, ...args.extra },
  })
  ctx.calls.note(
    `authorization ${auth.authorization_id} on account ${args.accountNumber}: ${financing.transaction_type}${financing.plan_id ? ` plan ${financing.plan_id}, ${financing.term} months` : ""}, status ${auth.status}`
  )
  return auth
}
