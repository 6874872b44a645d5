import type { MedusaRequest } from "@medusajs/framework/http"
import type { Logger } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { FlexitiError } from "../../../../flexiti/errors"
import { runtimeConfigOf } from "../../../../config/from-container"
import { FLEXITI_PROVIDER_ID } from "../../../../lib/vocabulary"
import { FLEXITI_MODULE } from "../../../../modules/flexiti/schema"
import type FlexitiModuleService from "../../../../modules/flexiti/service"
import { recordsOf } from "../../../../payments"
import { flexitiSessionOfCart } from "../cart-context"

/** What both application routes act on: the cart's own Flexiti session, its checkout record and Flexiti's client. */
export async function applicationContext(req: MedusaRequest, cartId: string, requestedLang?: "en" | "fr") {
  const { cart, session } = await flexitiSessionOfCart(req.scope, cartId, req.params.id, FLEXITI_PROVIDER_ID)
  if (cart.completed_at) throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "This cart is already completed")
  const checkout = await req.scope.resolve<FlexitiModuleService>(FLEXITI_MODULE).getCheckout(session.id)
  if (!checkout) throw new MedusaError(MedusaError.Types.NOT_FOUND, `No Flexiti checkout for session ${session.id}`)
  return {
    cart,
    checkout,
    lang: requestedLang ?? (session.data?.lang === "fr" ? ("fr" as const) : ("en" as const)),
    config: await runtimeConfigOf(req.scope, checkout.environment),
    checkouts: recordsOf(req.scope).checkouts,
  }
}

/**
 * A failed application step as the shopper may read it: the plugin's own refusals say what is
 * wrong (4xx); Flexiti's failures are logged with their reference id and the shopper gets a
 * neutral sentence, never Flexiti's text.
 */
export function applicationFailure(req: MedusaRequest, error: unknown): Error {
  if (error instanceof MedusaError) return error
  if (error instanceof FlexitiError && error.kind === "invalid_request" && !error.status) {
    return new MedusaError(MedusaError.Types.NOT_ALLOWED, error.message)
  }
  req.scope.resolve<Logger>(ContainerRegistrationKeys.LOGGER).warn(`Flexiti application step failed: ${(error as Error).message}`)
  const type = error instanceof FlexitiError && error.isRefusal ? MedusaError.Types.NOT_ALLOWED : MedusaError.Types.UNEXPECTED_STATE
  return new MedusaError(type, "Flexiti could not take the application right now. Try again, or choose another payment method.")
}
