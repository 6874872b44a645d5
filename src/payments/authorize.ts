import type { AuthorizePaymentOutput, Logger } from "@medusajs/framework/types"
import { MedusaError, PaymentSessionStatus } from "@medusajs/framework/utils"
import type { RuntimeConfig } from "../config/resolver"
import type { Authorization } from "../flexiti/schemas"
import type { FlexitiCheckoutState } from "../modules/flexiti/types"
import type { PaymentsDeps } from "./deps"
import { checkoutOf, moneyContextOf, sessionAudit } from "./reads"
import { acceptAuthorization } from "./steps/accept-authorization"
import { readHostedOutcome } from "./steps/hosted-flow"
import { asShopperError } from "./steps/medusa-errors"
import { failureEntry } from "./steps/money-movements"
import { sessionDataOf } from "./steps/session-data"
import { choosePlanMessage, inReviewMessage, shopperMessage, STORE_CONFIGURATION_CODES } from "./steps/shopper-messages"
import { authorizeWidget, isDecline } from "./steps/widget-flow"

type Lang = "en" | "fr"

function accept(
  deps: PaymentsDeps,
  config: RuntimeConfig,
  checkout: FlexitiCheckoutState,
  authorizationId: number,
  fresh: Authorization | undefined,
  lang: Lang,
  logger?: Logger
): Promise<AuthorizePaymentOutput> {
  return acceptAuthorization({ config, deps, logger, lang, moneyContext: (owned) => moneyContextOf(deps, owned, logger) }, checkout, authorizationId, fresh)
}

/**
 * Authorizes a payment session when Medusa completes the cart: the widget flow creates the
 * authorization, the hosted flow reads the one Flexiti's page made; either is accepted only for
 * this session and Medusa's amount (steps/accept-authorization.ts).
 */
export async function authorizePayment(
  deps: PaymentsDeps,
  args: { sessionId: unknown; lang: Lang; pendingOrders: boolean; logger?: Logger }
): Promise<AuthorizePaymentOutput> {
  const { lang, logger } = args
  const checkout = await checkoutOf(deps, args.sessionId)
  if (!checkout || !checkout.amount) {
    return { status: PaymentSessionStatus.ERROR, data: { authorization_error: "not_a_flexiti_session" } }
  }
  const config = await deps.settings(checkout.environment)
  if (checkout.authorization_id) {
    return accept(deps, config, checkout, Number(checkout.authorization_id), undefined, lang, logger)
  }
  const audit = sessionAudit(deps, checkout.payment_session_id, logger)
  try {
    const outcome =
      checkout.flow === "hosted"
        ? await readHostedOutcome({ config, sessionId: checkout.payment_session_id })
        : await authorizeWidget({ config, checkouts: deps.checkouts, checkout })
    if (outcome.kind === "not_ready") {
      logger?.info(`Flexiti: session ${checkout.payment_session_id} not authorized: ${outcome.reason}`)
      return { status: outcome.status, data: { ...sessionDataOf(checkout), authorization_error: outcome.reason } }
    }
    if (outcome.kind === "choice_required") {
      // Never the store's default: the shopper confirms a plan in the storefront's picker.
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, choosePlanMessage(lang))
    }
    if (outcome.kind === "in_review") {
      // Pending is not a decline: the order waits for Flexiti where the store allows it.
      if (!args.pendingOrders) {
        throw new MedusaError(MedusaError.Types.NOT_ALLOWED, inReviewMessage(lang))
      }
      if (!checkout.in_review_since) {
        await deps.checkouts.write({ payment_session_id: checkout.payment_session_id, in_review_since: new Date() })
      }
      return { status: PaymentSessionStatus.PENDING_AUTHORIZATION, data: { ...sessionDataOf(checkout), flexiti_review: "pending" } }
    }
    await audit({
      operation: "authorize",
      reference_id: checkout.reference_id,
      outcome: "success",
      amount: checkout.amount,
      flexiti_id: String(outcome.authorizationId),
    })
    const fresh = "authorization" in outcome ? (outcome.authorization as Authorization | undefined) : undefined
    return accept(deps, config, checkout, outcome.authorizationId, fresh, lang, logger)
  } catch (error) {
    await audit(failureEntry("authorize", checkout.reference_id, error, checkout.amount))
    if (isDecline(error)) {
      // A refusal (credit_exceeded, customer_identity_not_found, …): the shopper is told what
      // it means in their language; one about the merchant's setup goes to the store admin.
      const configuration = STORE_CONFIGURATION_CODES[error.code ?? ""]
      if (configuration) logger?.error(`Flexiti: ${configuration} [session ${checkout.payment_session_id}]`)
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, shopperMessage(error, lang))
    }
    throw asShopperError("authorize the payment", error, lang, (m) => logger?.warn(m))
  }
}
