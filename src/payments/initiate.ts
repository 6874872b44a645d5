import type { Logger } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import type { RuntimeConfig } from "../config/resolver"
import { referenceIdFor } from "../flexiti/reference-id"
import { verifyCheckoutContext } from "../lib/checkout-context"
import { evaluateEligibility } from "../lib/checkout-rules"
import type { Dollars } from "../lib/money"
import type { PaymentsDeps } from "./deps"
import { sessionAudit } from "./reads"
import { initiateHosted } from "./steps/hosted-flow"
import { asShopperError } from "./steps/medusa-errors"
import { failureEntry } from "./steps/money-movements"
import { publicSessionData } from "./steps/session-data"
import { initiateWidget } from "./steps/widget-flow"

/** The signed cart facts, accepted only for the cart and payment collection they were signed for. */
async function verifiedContext(deps: PaymentsDeps, sessionId: string, data: Record<string, unknown> | undefined) {
  const verified = verifyCheckoutContext(data)
  if (!verified.ok) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      verified.reason === "expired"
        ? "This Flexiti checkout expired; start it again."
        : "Start a Flexiti checkout with POST /store/flexiti/payment-sessions: it reads the cart on the server."
    )
  }
  const owner = await deps.medusa.cartOfPaymentSession(sessionId)
  if (!owner || owner.payment_collection_id !== verified.context.payment_collection_id || owner.cart_id !== verified.context.cart_id) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "This Flexiti checkout was started for another cart; start it again for this one.")
  }
  return verified.context
}

/**
 * Each signed context starts one session: it can be read back from the cart while Flexiti
 * answers, and a copy must not start more sessions through Medusa's generic route. Recorded
 * before any Flexiti call; a context already spent is refused.
 */
async function spendContext(deps: PaymentsDeps, sessionId: string, nonce: string, config: RuntimeConfig): Promise<void> {
  try {
    await deps.checkouts.write({
      payment_session_id: sessionId,
      flow: config.flow,
      environment: config.environment,
      reference_id: referenceIdFor(sessionId),
      context_nonce: nonce,
    })
  } catch (error) {
    if ((error as { code?: string }).code === "23505") {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        "This Flexiti checkout was already started; start it again with POST /store/flexiti/payment-sessions."
      )
    }
    throw error
  }
}

/** Starts a Flexiti checkout (widget or hosted, as the settings say) for one payment session. */
export async function initiatePayment(
  deps: PaymentsDeps,
  args: { sessionId: string; amount: Dollars; currencyCode: string; data: Record<string, unknown> | undefined; logger?: Logger }
): Promise<{ id: string; data: Record<string, unknown> }> {
  const { sessionId, amount } = args
  const config = await deps.settings()
  const context = await verifiedContext(deps, sessionId, args.data)
  // The same rules the storefront's eligibility route reports, so a shopper it lets through is not refused here.
  const [refusal] = evaluateEligibility(
    { currency_code: args.currencyCode, total: amount, province: context.province, enabled_in_region: true, completed: false },
    config
  )
  if (refusal) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, args.data?.lang === "fr" ? refusal.message_fr : refusal.message_en)
  }
  await spendContext(deps, sessionId, context.nonce, config)
  const audit = sessionAudit(deps, sessionId, args.logger)
  const operation = config.flow === "hosted" ? "systems_init" : "widget_init"
  try {
    const started =
      config.flow === "hosted"
        ? await initiateHosted({ config, checkouts: deps.checkouts, sessionId, amount, context })
        : await initiateWidget({ config, checkouts: deps.checkouts, sessionId, amount, context })
    await audit({ operation, reference_id: started.data.reference_id, outcome: "success", amount, flexiti_id: started.id })
    return { id: started.id, data: publicSessionData(started.data, args.data) }
  } catch (error) {
    await audit(failureEntry(operation, referenceIdFor(sessionId), error))
    // The shopper reads this answer: a refusal in their words, an outage as "try again".
    throw asShopperError("start the checkout", error, context.lang, (m) => args.logger?.warn(m))
  }
}
