import { PaymentSessionStatus } from "@medusajs/framework/utils"
import { ASSUMPTIONS, isHostedPurchasePending, isHostedPurchaseSuccessful } from "../../flexiti/assumptions"
import { FlexitiError } from "../../flexiti/errors"
import { referenceIdFor } from "../../flexiti/reference-id"
import { AddressInformation } from "../../flexiti/schemas"
import type { CheckoutsPort } from "../deps"
import { CheckoutContext } from "../../lib/checkout-context"
import { Dollars, toFlexitiAmount } from "../../lib/money"
import { RuntimeConfig } from "../../config/resolver"
import { FlexitiSessionData } from "./types"

/** Online API hosted flow (README, "How a payment maps onto Flexiti"): systems/init at initiate, notifications at authorize. */

function completeAddress(address: Partial<AddressInformation> | undefined): AddressInformation | undefined {
  if (!address?.first_name || !address.last_name || !address.address_1 || !address.city || !address.province || !address.postal_code) {
    return undefined
  }
  return {
    first_name: address.first_name,
    last_name: address.last_name,
    address_1: address.address_1,
    // Required for Buy and Apply/Buy like the rest of the address: empty when the cart has none.
    address_2: address.address_2 ?? "",
    city: address.city,
    province: address.province,
    postal_code: address.postal_code,
  }
}

export async function initiateHosted(args: {
  config: RuntimeConfig
  checkouts: CheckoutsPort
  sessionId: string
  amount: Dollars
  context: CheckoutContext
}): Promise<{ id: string; data: FlexitiSessionData }> {
  const { config, checkouts, sessionId, context } = args
  const billing = completeAddress(context.billing) ?? completeAddress(context.shipping)
  const shipping = completeAddress(context.shipping) ?? billing
  if (!billing || !shipping) {
    throw new FlexitiError({
      kind: "invalid_request",
      message: "Flexiti needs a complete billing or shipping address (name, street, city, province, postal code) on the cart",
    })
  }
  const referenceId = referenceIdFor(sessionId)
  const init = await config.client.systemsInit(
    {
      merchant_orderid: sessionId,
      is_guest: context.is_guest,
      lang: context.lang,
      // "buy" needs the shopper's Flexiti customer_id or vcc, which a cart does not carry: every
      // hosted checkout opens as Apply/Buy, where an existing customer can still sign in and buy.
      flow: ASSUMPTIONS.ONLINE_FLOW_VALUES.applyBuy,
      amount_requested: toFlexitiAmount(args.amount),
      email: context.email,
      billing_information: billing,
      shipping_information: shipping,
    },
    { referenceId }
  )
  await checkouts.write({
    payment_session_id: sessionId,
    flow: "hosted",
    environment: config.environment,
    reference_id: referenceId,
    online_order_id: String(init.online_order_id),
    authorization_id: null,
    cart_id: context.cart_id,
    amount: args.amount,
  })
  return {
    id: String(init.online_order_id),
    data: {
      session_id: sessionId,
      flow: "hosted",
      reference_id: referenceId,
      amount: args.amount,
      lang: context.lang,
      redirection_url: init.redirection_url,
      modal_origin: new URL(init.redirection_url).origin,
      online_order_id: init.online_order_id,
    },
  }
}

export type HostedOutcome =
  | { kind: "authorization"; authorizationId: number }
  /** Flexiti is reviewing the shopper's application: not a decline */
  | { kind: "in_review" }
  | { kind: "not_ready"; status: PaymentSessionStatus; reason: string }

/** Reads the outcome from Flexiti (never from the redirect the browser followed). */
export async function readHostedOutcome(args: { config: RuntimeConfig; sessionId: string }): Promise<HostedOutcome> {
  const { config, sessionId } = args
  let notification
  try {
    notification = await config.client.notificationByMerchantOrderId(sessionId, { referenceId: referenceIdFor(sessionId) })
  } catch (error) {
    if (error instanceof FlexitiError && error.kind === "not_found") {
      return { kind: "not_ready", status: PaymentSessionStatus.REQUIRES_MORE, reason: "hosted_flow_not_completed" }
    }
    throw error
  }
  const purchase = notification.purchase
  if (!purchase) {
    return { kind: "not_ready", status: PaymentSessionStatus.REQUIRES_MORE, reason: "no_purchase_in_notification" }
  }
  if (isHostedPurchasePending(purchase.status)) {
    return { kind: "in_review" }
  }
  if (!isHostedPurchaseSuccessful(purchase.status) || !purchase.authorization_id) {
    const cancelled = purchase.status.toUpperCase().startsWith("CANCEL")
    return {
      kind: "not_ready",
      status: cancelled ? PaymentSessionStatus.CANCELED : PaymentSessionStatus.ERROR,
      reason: `hosted_purchase_${purchase.status.toLowerCase()}`,
    }
  }
  return { kind: "authorization", authorizationId: purchase.authorization_id }
}

/** Whether Flexiti's notification for the session reports a successful purchase (read from Flexiti, never from a caller). */
export async function hostedPurchaseConfirmed(config: RuntimeConfig, sessionId: string): Promise<boolean> {
  const { purchase } = await config.client.notificationByMerchantOrderId(sessionId)
  return !!purchase && isHostedPurchaseSuccessful(purchase.status) && purchase.amount != null
}
