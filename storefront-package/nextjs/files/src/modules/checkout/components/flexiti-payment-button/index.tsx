"use client"

import { placeOrder } from "@lib/data/cart"
import { flexitiSdk, isFlexiti } from "@lib/flexiti"
import { HttpTypes } from "@medusajs/types"
import ErrorMessage from "@modules/checkout/components/error-message"
import { Button } from "__BUTTON_MODULE__"
import { FlexitiPaymentSession, useFlexitiCheckout } from "medusa-payment-flexiti-storefront/react"

// Added by `npx flexiti-nextjs` (medusa-payment-flexiti, README: "Storefront: Medusa's Next.js starter").

type FlexitiPaymentButtonProps = {
  cart: HttpTypes.StoreCart
  notReady: boolean
  "data-testid"?: string
}

/**
 * "Place order" for Flexiti: opens the Flexiti session the payment step started (no second
 * widget/init), records the shopper's approval, then places the order with the starter's
 * placeOrder, which redirects to the order confirmation.
 */
const FlexitiPaymentButton = ({ cart, notReady, "data-testid": dataTestId }: FlexitiPaymentButtonProps) => {
  const session = cart.payment_collection?.payment_sessions?.find((s) => s.status === "pending" && isFlexiti(s.provider_id))
  const { pay, pending, error } = useFlexitiCheckout({
    sdk: flexitiSdk,
    lang: "en",
    session: session as unknown as FlexitiPaymentSession | undefined,
    complete: async (cartId) => {
      try {
        // placeOrder returns only when the cart did not become an order (otherwise it redirects).
        const notPlaced = await placeOrder(cartId)
        if (!notPlaced) return { type: "redirect" }
      } catch {
        // the message of a server action's error is hidden in production builds
      }
      return { type: "failure", message: "The order could not be placed. Please try again." }
    },
  })

  return (
    <>
      <Button disabled={notReady} isLoading={pending} onClick={() => pay(cart.id)} size="large" data-testid={dataTestId}>
        Pay with Flexiti
      </Button>
      <ErrorMessage error={error} data-testid="flexiti-payment-error-message" />
    </>
  )
}

export default FlexitiPaymentButton
