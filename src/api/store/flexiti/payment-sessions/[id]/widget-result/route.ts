import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { z } from "zod"
import { widgetSuccessEventDataSchema } from "../../../../../../flexiti/schemas"
import { FLEXITI_MODULE } from "../../../../../../modules/flexiti/schema"
import type FlexitiModuleService from "../../../../../../modules/flexiti/service"
import { parseBody } from "../../../../../validation"
import { maskAccountNumber } from "../../../../../../providers/flexiti/types"
import { loadCart } from "../../../cart-context"
import { FLEXITI_PROVIDER_ID } from "../../../../../../lib/vocabulary"

export const widgetResultSchema = z.object({
  cart_id: z.string().min(1, "cart_id is required"),
  event: z.object({ eventType: z.literal("flx-success"), eventData: widgetSuccessEventDataSchema }),
})

/**
 * POST /store/flexiti/payment-sessions/:id/widget-result { cart_id, event }
 * Records the widget's flx-success for a session of this cart. It authorizes nothing: at cart
 * completion the provider asks Flexiti for an authorization on the checkout's own token lineage,
 * and Flexiti refuses a customer who did not pass its widget.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const body = parseBody(widgetResultSchema, req.body)
  const cart = await loadCart(req.scope, body.cart_id)
  const session = cart.payment_collection?.payment_sessions?.find((s) => s.id === req.params.id)
  if (!session || session.provider_id !== FLEXITI_PROVIDER_ID) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `No Flexiti payment session ${req.params.id} on cart ${cart.id}`)
  }
  const event = body.event.eventData
  const flexiti = req.scope.resolve<FlexitiModuleService>(FLEXITI_MODULE)
  const checkout = await flexiti.getCheckout(session.id)
  if (!checkout || checkout.flow !== "widget" || checkout.widget_session_id !== event.widget_session_id) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "This Flexiti result belongs to another checkout (widget_session_id differs)")
  }
  if (checkout.authorization_id) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "This Flexiti checkout is already authorized; start a new one to pay again.")
  }
  // The account number stays on the server, encrypted; the stored result keeps only its last digits.
  await flexiti.saveCheckout({
    payment_session_id: session.id,
    widget_result: { ...event, accountNumber: null, account_number_masked: event.accountNumber ? maskAccountNumber(event.accountNumber) : null },
    account_number: event.accountNumber ? String(event.accountNumber) : null,
  })

  const approved = event.verified && event.action === "purchase" && !!event.accountNumber
  res.status(200).json({
    payment_session_id: session.id,
    approved,
    message: approved
      ? "Flexiti approved the purchase; complete the cart to place the order."
      : event.action === "activation"
        ? "Your Flexiti account must be activated first (https://my.flexiti.com/index); choose another payment method or try again."
        : "Flexiti did not approve this purchase. Choose another payment method or try Flexiti again.",
  })
}
