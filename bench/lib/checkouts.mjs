/**
 * The shopper's checkouts the benchmark times, through Medusa's store API as a storefront makes
 * them (README, "Store routes"): Flexiti's widget checkout and Medusa's own pp_system_default.
 */
import { ADDRESS } from "./stack.mjs"

export class CheckoutError extends Error {
  constructor(step, res) {
    super(`${step}: ${res.status} ${JSON.stringify(res.data).slice(0, 300)}`)
    this.step = step
    this.status = res.status
  }
}

const ok = (res) => res.status >= 200 && res.status < 300
function expect(step, res, check = ok) {
  if (!check(res)) throw new CheckoutError(step, res)
  return res.data
}

/** A cart with the sofa and a shipping method, ready for payment. */
export async function newCart(api, shelf, i) {
  const cart = expect(
    "cart",
    await api.store("POST", "/store/carts", {
      region_id: shelf.regionId,
      email: `bench-${i}@example.ca`,
      items: [{ variant_id: shelf.variantId, quantity: 1 }],
      shipping_address: ADDRESS,
      billing_address: ADDRESS,
    })
  ).cart
  const options = expect("shipping options", await api.store("GET", `/store/shipping-options?cart_id=${cart.id}`))
  expect("shipping method", await api.store("POST", `/store/carts/${cart.id}/shipping-methods`, { option_id: options.shipping_options[0].id }))
  return cart.id
}

const isOrder = (res) => res.status === 200 && res.data.type === "order"

/**
 * Flexiti: the plugin's session (the storefront opens the modal with it), the shopper's approval
 * in the sandbox widget, the widget's result, complete. `marks` records when each step ended.
 */
export async function flexitiCheckout(api, cartId, { onStep } = {}) {
  const step = async (name, fn) => {
    const value = await fn()
    if (onStep) await onStep(name)
    return value
  }
  const session = await step(
    "session",
    async () => expect("flexiti session", await api.store("POST", "/store/flexiti/payment-sessions", { cart_id: cartId })).payment_session
  )
  const applied = expect("sandbox approval", await api.sandbox("POST", `/widget-sessions/${session.data.widget_session_id}/approve`, { fresh_account: true }))
  const result = await step("widget_result", async () =>
    expect(
      "widget result",
      await api.store("POST", `/store/flexiti/payment-sessions/${session.id}/widget-result`, { cart_id: cartId, event: applied.event }),
      (res) => ok(res) && res.data.approved === true
    )
  )
  if (result.financing?.options?.length) await step("financing", () => chooseFinancing(api, cartId, session.id, result.financing))
  const order = await step("complete", async () => expect("complete", await api.store("POST", `/store/carts/${cartId}/complete`, {}), isOrder).order)
  return { sessionId: session.id, order, approved: result.approved }
}

/**
 * Where the plugin lets the shopper pick a plan among what Flexiti offered (the widget result
 * carries `financing`), the shopper confirms the preselected one, as the kit's picker does.
 */
export async function chooseFinancing(api, cartId, sessionId, offer) {
  const option = offer.options.find((o) => o.key === offer.preselected) ?? offer.options[0]
  const plan = option.plan_id ? { plan_id: option.plan_id, term: option.term } : {}
  return expect(
    "financing",
    await api.store("POST", `/store/flexiti/payment-sessions/${sessionId}/financing`, { cart_id: cartId, transaction_type: option.transaction_type, ...plan })
  )
}

/** Medusa's pp_system_default: payment collection, session, complete. */
export async function systemCheckout(api, cartId) {
  const collection = expect("payment collection", await api.store("POST", "/store/payment-collections", { cart_id: cartId })).payment_collection
  expect("system session", await api.store("POST", `/store/payment-collections/${collection.id}/payment-sessions`, { provider_id: "pp_system_default" }))
  const order = expect("complete", await api.store("POST", `/store/carts/${cartId}/complete`, {}), isOrder).order
  return { order }
}

/** Times fn in milliseconds. */
export async function timed(fn) {
  const started = performance.now()
  const value = await fn()
  return { ms: performance.now() - started, value }
}
