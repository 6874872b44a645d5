import { PaymentSessionStatus } from "@medusajs/framework/utils"
import { FlexitiError } from "../../flexiti/errors"
import { referenceIdFor } from "../../flexiti/reference-id"
import { Authorization } from "../../flexiti/schemas"
import { TokenLineage } from "../../flexiti/token-manager"
import { FlexitiCheckoutState } from "../../modules/flexiti/types"
import type { CheckoutsPort } from "../deps"
import { CheckoutContext } from "../../lib/checkout-context"
import { Dollars, toFlexitiAmount } from "../../lib/money"
import { RuntimeConfig } from "../../config/resolver"
import { FlexitiSessionData } from "./types"
import { skuDataFor } from "./sku-data"
import { financingForAuthorization, financingOptionOf, verifiedAccount } from "./financing"

/**
 * POS widget flow (README, "How a payment maps onto Flexiti"): widget/init at initiate, the
 * shopper's financing chosen after the widget (financing.ts), POST authorization at authorize.
 */

export async function initiateWidget(args: {
  config: RuntimeConfig
  checkouts: CheckoutsPort
  sessionId: string
  amount: Dollars
  context: CheckoutContext
}): Promise<{ id: string; data: FlexitiSessionData }> {
  const { config, checkouts, sessionId, context } = args
  const referenceId = referenceIdFor(sessionId)
  // The checkout owns this customer-scope lineage from widget/init to the authorization, which
  // Flexiti's Authentication Endpoints page lists among the customer-scope calls.
  const lineage = config.client.newCustomerLineage()
  const billing = context.billing ?? context.shipping
  const identified = !!(billing?.first_name && billing.last_name && billing.postal_code)
  // A purchase widget needs customer_identification (SDK Init Method); from a cart that is the
  // shopper's name and postal code. Say what is missing instead of sending a request Flexiti refuses.
  if (!identified) {
    throw new FlexitiError({
      kind: "invalid_request",
      message: "Flexiti needs the shopper's first name, last name and postal code (billing or shipping address) on the cart",
    })
  }
  const session = await config.client.widgetInit(
    {
      flow: context.flow,
      lang: context.lang,
      customer_identification: {
        personal_information: { first_name: billing!.first_name!, last_name: billing!.last_name!, postal_code: billing!.postal_code! },
      },
    },
    { lineage, referenceId, lang: context.lang }
  )
  const token = lineage.snapshot()
  await checkouts.write({
    payment_session_id: sessionId,
    flow: "widget",
    environment: config.environment,
    reference_id: referenceId,
    widget_session_id: session.widget_session_id,
    customer_token: token ?? null,
    widget_result: null,
    authorization_id: null,
    cart_id: context.cart_id,
    amount: args.amount,
  })
  return {
    id: session.widget_session_id,
    data: {
      session_id: sessionId,
      flow: "widget",
      reference_id: referenceId,
      amount: args.amount,
      lang: context.lang,
      redirection_url: session.redirection_url,
      modal_origin: new URL(session.redirection_url).origin,
      widget_session_id: session.widget_session_id,
      expires_at: token ? new Date(token.expiresAt).toISOString() : undefined,
    },
  }
}

export type WidgetAuthorizeOutcome =
  /** `authorization` is Flexiti's answer when this call has it fresh, so it is not read again */
  | { kind: "authorization"; authorizationId: number; authorization?: Authorization }
  | { kind: "not_ready"; status: PaymentSessionStatus; reason: string }
  /** several options were offered and the shopper chose none: the storefront must ask */
  | { kind: "choice_required" }

/**
 * Creates the POS authorization for a widget checkout, once. Never trusts the browser: the
 * account comes from the recorded flx-success (kept encrypted on the server), and Flexiti checks
 * that this customer passed the widget on the same token lineage (customer_identity_not_found
 * otherwise).
 */
export async function authorizeWidget(args: {
  config: RuntimeConfig
  checkouts: CheckoutsPort
  checkout: FlexitiCheckoutState
}): Promise<WidgetAuthorizeOutcome> {
  const { config, checkouts, checkout } = args
  const sessionId = checkout.payment_session_id
  const account = verifiedAccount(checkout)
  if (!("accountNumber" in account)) {
    const status = account.reason === "widget_not_completed" ? PaymentSessionStatus.REQUIRES_MORE : PaymentSessionStatus.ERROR
    return { kind: "not_ready", status, reason: account.reason }
  }
  const { accountNumber } = account
  if (!checkout.customer_token || !checkout.amount) {
    return { kind: "not_ready", status: PaymentSessionStatus.ERROR, reason: "checkout_incomplete" }
  }

  // An earlier attempt may have created the authorization and lost the answer (timeout, reset,
  // crash before the id was saved): find it by reference, across every page. Only then: a first
  // attempt has nothing to find.
  if (checkout.authorization_attempted_at) {
    const existing = await findAuthorizationByReference(config, accountNumber, sessionId)
    if (existing) {
      await checkouts.write({ payment_session_id: sessionId, authorization_id: String(existing.authorization_id) })
      return { kind: "authorization", authorizationId: existing.authorization_id, authorization: existing }
    }
  }

  // The shopper's choice among what calculate-interest offered (fetched when the widget verified
  // the account), so completing the cart is one call to Flexiti.
  const financing = financingForAuthorization(checkout)
  if (financing.kind === "choice_required") return financing

  const lineage: TokenLineage = config.client.restoreCustomerLineage(checkout.customer_token as Parameters<typeof config.client.restoreCustomerLineage>[0])
  const amount = toFlexitiAmount(checkout.amount)
  try {
    await checkouts.write({ payment_session_id: sessionId, authorization_attempted_at: new Date() })
    const authorization = await config.client.createAuthorization(
      {
        account_number: accountNumber,
        amount,
        reference: sessionId,
        auto_capture: config.autoCapture,
        financing_option: financingOptionOf(financing.option),
        sku_data: skuDataFor(checkout.sku_data, checkout.amount, "authorization"),
      },
      { lineage, referenceId: checkout.reference_id }
    )
    await checkouts.write({
      payment_session_id: sessionId,
      authorization_id: String(authorization.authorization_id),
      customer_token: lineage.snapshot() ?? null,
    })
    return { kind: "authorization", authorizationId: authorization.authorization_id, authorization }
  } finally {
    // Keep the refreshed lineage even when Flexiti declined, so a retry uses the same flow.
    const snapshot = lineage.snapshot()
    if (snapshot && snapshot.accessToken !== checkout.customer_token.accessToken) {
      await checkouts.write({ payment_session_id: sessionId, customer_token: snapshot }).catch(() => undefined)
    }
  }
}

const LOOKUP_PAGE_SIZE = 100
const LOOKUP_MAX_PAGES = 50

/** The account's authorization whose reference is this session, looked up page by page. */
export async function findAuthorizationByReference(config: RuntimeConfig, accountNumber: number, sessionId: string): Promise<Authorization | undefined> {
  for (let page = 1; page <= LOOKUP_MAX_PAGES; page++) {
    const { authorizations } = await config.client.listAuthorizations({ account_number: accountNumber, page_number: page, page_size: LOOKUP_PAGE_SIZE })
    const found = authorizations.find((a) => a.reference === sessionId)
    if (found || authorizations.length < LOOKUP_PAGE_SIZE) return found
  }
  return undefined
}

export function isDecline(error: unknown): error is FlexitiError {
  return error instanceof FlexitiError && error.isRefusal
}
