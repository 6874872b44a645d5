import { approvedSession, FlexitiPaymentSession, payWithFlexiti, settleFlexitiOutcome } from "../checkout"
import { initialOption, noOptionFitsCredit, planOptionText, type FlexitiFinancing, type FlexitiFinancingOption } from "../financing"

// the approval a closed picker keeps is per cart and outlives a call: each test starts without one
afterEach(() => approvedSession("cart_1", null))

const session: FlexitiPaymentSession = {
  id: "payses_1",
  amount: 1260,
  data: { flow: "widget", redirection_url: "http://127.0.0.1:4010/#/widget/c/t?widget_session_id=w1", widget_session_id: "w1" },
}
const eventData = { accountNumber: 10000000000001, verified: true, action: "purchase" as const, widget_session_id: "w1" }

const option = (key: string, plan_id: number | null, term: number | null): FlexitiFinancingOption => ({
  key,
  transaction_type: plan_id ? "promotional_purchase" : "regular_purchase",
  plan_id,
  term,
  label: plan_id ? `Plan ${plan_id}` : "Revolving Purchase",
  transaction_type_label: "",
  monthly_amount: term ? (1260 / term).toFixed(2) : "37.80",
  months: term,
  total: term ? "1260.00" : null,
  annual_rate: term ? null : 29.99,
  fees: [],
})
const financing: FlexitiFinancing = {
  payment_session_id: "payses_1",
  amount: "1260.00",
  lang: "en",
  options: [option("promotional_purchase:5:6", 5, 6), option("promotional_purchase:5:12", 5, 12), option("regular_purchase", null, null)],
  preselected: "promotional_purchase:5:6",
  chosen: null,
  disclosures: [],
  disclosures_synced: true,
}
const FINANCING = "/store/flexiti/payment-sessions/payses_1/financing"
const approvedWith = (offer: FlexitiFinancing | null = financing) => [200, { approved: true, message: "ok", financing: offer }] as [number, unknown]

/** A fake store: answers by path, records the calls. */
function store(routes: Record<string, [number, unknown]>) {
  const calls: { path: string; body: unknown }[] = []
  const fetch = (async (url: string, init: RequestInit) => {
    const path = new URL(url).pathname
    calls.push({ path, body: init.body ? JSON.parse(String(init.body)) : undefined })
    const [status, body] = routes[path] ?? [404, { message: `no route ${path}` }]
    return { ok: status < 400, status, json: async () => body } as Response
  }) as unknown as typeof globalThis.fetch
  return { options: { baseUrl: "https://api.shop.ca", publishableKey: "pk", fetch, cartId: "cart_1", lang: "en" as const }, calls }
}

describe("settleFlexitiOutcome", () => {
  it("records an approved widget result, records the shopper's plan, completes the cart and returns the order", async () => {
    const { options, calls } = store({
      "/store/flexiti/payment-sessions/payses_1/widget-result": approvedWith(),
      [FINANCING]: [200, { financing: { ...financing, chosen: "promotional_purchase:5:12" } }],
      "/store/carts/cart_1/complete": [200, { type: "order", order: { id: "order_1" } }],
    })
    const shown: FlexitiFinancing[] = []
    const choosePlan = async (offer: FlexitiFinancing) => (shown.push(offer), offer.options[1])
    const result = await settleFlexitiOutcome({ ...options, choosePlan }, session, { type: "success", eventData })
    expect(result).toEqual({ type: "order", order: { id: "order_1" } })
    expect(shown).toEqual([financing])
    expect(calls.map((c) => c.path)).toEqual(["/store/flexiti/payment-sessions/payses_1/widget-result", FINANCING, "/store/carts/cart_1/complete"])
    expect(calls[0].body).toEqual({ cart_id: "cart_1", event: { eventType: "flx-success", eventData } })
    expect(calls[1].body).toEqual({ cart_id: "cart_1", transaction_type: "promotional_purchase", plan_id: 5, term: 12, lang: "en" })
  })

  it("a revolving purchase is sent without plan or term; the offer is fetched when the result had none", async () => {
    const { options, calls } = store({
      "/store/flexiti/payment-sessions/payses_1/widget-result": approvedWith(null),
      [FINANCING]: [200, { financing }],
      "/store/carts/cart_1/complete": [200, { type: "order", order: { id: "order_3" } }],
    })
    const result = await settleFlexitiOutcome({ ...options, choosePlan: async (offer) => offer.options[2] }, session, { type: "success", eventData })
    expect(result.type).toBe("order")
    expect(calls.map((c) => c.body)).toEqual([expect.anything(), undefined, { cart_id: "cart_1", transaction_type: "regular_purchase", lang: "en" }, {}])
  })

  it("closing the plan picker leaves the shopper at the payment step; nothing is completed", async () => {
    const { options, calls } = store({ "/store/flexiti/payment-sessions/payses_1/widget-result": approvedWith() })
    expect(await settleFlexitiOutcome({ ...options, choosePlan: async () => null }, session, { type: "success", eventData })).toEqual({
      type: "cancel",
      approved: true,
    })
    expect(calls).toHaveLength(1)
  })

  it("closing the plan picker keeps the approval: paying again reopens the choice for the same session and places the order", async () => {
    const { options, calls } = store({
      "/store/flexiti/payment-sessions/payses_1/widget-result": approvedWith(),
      [FINANCING]: [200, { financing }],
      "/store/carts/cart_1/complete": [200, { type: "order", order: { id: "order_7" } }],
    })
    expect(await settleFlexitiOutcome({ ...options, choosePlan: async () => null }, session, { type: "success", eventData })).toEqual({
      type: "cancel",
      approved: true,
    })
    expect(approvedSession("cart_1")).toBe("payses_1")
    expect(approvedSession("cart_2")).toBeUndefined()
    const shown: FlexitiFinancing[] = []
    const result = await payWithFlexiti({ ...options, choosePlan: async (offer) => (shown.push(offer), offer.options[1]) })
    expect(result).toEqual({ type: "order", order: { id: "order_7" } })
    expect(shown).toEqual([financing])
    // no new Flexiti session, no widget: the offer of the approved session, the choice, the order
    expect(calls.slice(1).map((c) => c.path)).toEqual([FINANCING, FINANCING, "/store/carts/cart_1/complete"])
    expect(calls[2].body).toEqual({ cart_id: "cart_1", transaction_type: "promotional_purchase", plan_id: 5, term: 12, lang: "en" })
    expect(approvedSession("cart_1")).toBeUndefined()
  })

  it("a kept approval the store no longer offers is forgotten and a new Flexiti session starts", async () => {
    approvedSession("cart_1", "payses_1")
    const { options, calls } = store({
      [FINANCING]: [400, { message: "Flexiti has not approved an account for this checkout yet" }],
      "/store/flexiti/payment-sessions": [400, { message: "Flexiti financing is available in Canadian dollars only; this cart is in USD." }],
    })
    expect(await payWithFlexiti(options)).toMatchObject({ type: "failure", message: expect.stringMatching(/Canadian dollars/) })
    expect(calls.map((c) => c.path)).toEqual([FINANCING, "/store/flexiti/payment-sessions"])
    expect(approvedSession("cart_1")).toBeUndefined()
  })

  it("an account whose available credit covers no plan is told before any plan is confirmed (EN/FR), and the approval is not kept", async () => {
    const over = { ...financing, options: financing.options.map((o) => ({ ...o, within_available_credit: false })) }
    for (const lang of ["en", "fr"] as const) {
      const { options, calls } = store({ "/store/flexiti/payment-sessions/payses_1/widget-result": approvedWith({ ...over, lang }) })
      const shown: FlexitiFinancing[] = []
      const result = await settleFlexitiOutcome({ ...options, lang, choosePlan: async (offer) => (shown.push(offer), offer.options[0]) }, session, {
        type: "success",
        eventData,
      })
      expect(result).toEqual({
        type: "failure",
        reason: "credit_exceeded",
        message:
          lang === "en"
            ? expect.stringMatching(/^Your Flexiti account's available credit does not cover this order.*Choose another payment method/)
            : expect.stringMatching(/^Le crédit disponible de votre compte Flexiti/),
      })
      expect(shown).toEqual([])
      expect(calls.map((c) => c.path)).toEqual(["/store/flexiti/payment-sessions/payses_1/widget-result"])
      expect(approvedSession("cart_1")).toBeUndefined()
    }
  })

  it("a choice the store refuses stops with its message", async () => {
    const { options, calls } = store({
      "/store/flexiti/payment-sessions/payses_1/widget-result": approvedWith(),
      [FINANCING]: [400, { message: "Flexiti did not offer plan 5 for 6 months for this checkout; choose one of the offered options." }],
    })
    const result = await settleFlexitiOutcome({ ...options, choosePlan: async (offer) => offer.options[0] }, session, { type: "success", eventData })
    expect(result).toEqual({ type: "failure", message: "Flexiti did not offer plan 5 for 6 months for this checkout; choose one of the offered options." })
    expect(calls.map((c) => c.path)).not.toContain("/store/carts/cart_1/complete")
  })

  it("stops with the route's message when Flexiti refused the purchase (numeric/false/purchase)", async () => {
    const message = "Flexiti could not approve this purchase; choose another payment method."
    const { options, calls } = store({
      "/store/flexiti/payment-sessions/payses_1/widget-result": [200, { approved: false, next: "other_method", message }],
    })
    const result = await settleFlexitiOutcome(options, session, { type: "success", eventData: { ...eventData, verified: false } })
    expect(result).toEqual({ type: "failure", message, reason: "purchase_refused" })
    expect(calls).toHaveLength(1)
  })

  it("a widget retry ends the attempt without calling it a refusal", async () => {
    const { options } = store({
      "/store/flexiti/payment-sessions/payses_1/widget-result": [
        200,
        { approved: false, next: "retry", message: "Flexiti could not finish that step. Please try again." },
      ],
    })
    const result = await settleFlexitiOutcome(options, session, {
      type: "success",
      eventData: { ...eventData, accountNumber: null, verified: false, action: "retry" },
    })
    expect(result).toEqual({ type: "failure", message: "Flexiti could not finish that step. Please try again." })
  })

  it("completes the cart directly after the hosted return page", async () => {
    const { options, calls } = store({ "/store/carts/cart_1/complete": [200, { type: "order", order: { id: "order_2" } }] })
    const result = await settleFlexitiOutcome(
      options,
      { ...session, data: { ...session.data, flow: "hosted" } },
      {
        type: "success",
        eventData: null,
        returnUrl: "https://shop.ca/checkout/flexiti-return?orderId=1",
      }
    )
    expect(result).toEqual({ type: "order", order: { id: "order_2" } })
    expect(calls.map((c) => c.path)).toEqual(["/store/carts/cart_1/complete"])
  })

  it("reports a cart that did not become an order", async () => {
    const { options } = store({ "/store/carts/cart_1/complete": [200, { type: "cart", cart: {}, error: { message: "Payment authorization failed" } }] })
    expect(await settleFlexitiOutcome(options, session, { type: "success", eventData: null })).toEqual({
      type: "failure",
      message: "The order could not be placed: Payment authorization failed",
    })
  })

  it("passes cancel through and words a widget failure", async () => {
    const { options, calls } = store({})
    expect(await settleFlexitiOutcome(options, session, { type: "cancel" })).toEqual({ type: "cancel" })
    const failure = await settleFlexitiOutcome({ ...options, lang: "fr" }, session, { type: "failure", error: 409, message: "credit_exceeded" })
    expect(failure).toEqual({
      type: "failure",
      message: "Flexiti n'a pas pu compléter ce paiement (credit_exceeded). Choisissez un autre mode de paiement ou réessayez.",
    })
    expect(calls).toHaveLength(0)
  })

  it("tells a declined application from one Flexiti is still reviewing (EN/FR)", async () => {
    const { options } = store({})
    const failure = (message: string, lang: "en" | "fr" = "en") => settleFlexitiOutcome({ ...options, lang }, session, { type: "failure", error: 409, message })
    expect(await failure("application_declined")).toEqual({
      type: "failure",
      message: "Flexiti did not approve your application. Choose another payment method.",
    })
    expect((await failure("application_declined_2", "fr")) as { message: string }).toMatchObject({
      message: expect.stringMatching(/^Flexiti n'a pas approuvé votre demande/),
    })
    expect((await failure("application_marked_pending_1")) as { message: string }).toMatchObject({
      message: expect.stringMatching(/^Flexiti is reviewing your application/),
    })
    expect((await failure("application_marked_pending_2", "fr")) as { message: string }).toMatchObject({
      message: expect.stringMatching(/^Flexiti examine votre demande/),
    })
  })
})

describe("payWithFlexiti", () => {
  it("returns the session route's message when the cart cannot use Flexiti (before any modal)", async () => {
    const { options } = store({
      "/store/flexiti/payment-sessions": [
        400,
        { type: "invalid_data", message: "Flexiti financing is available in Canadian dollars only; this cart is in USD." },
      ],
    })
    expect(await payWithFlexiti(options)).toEqual({
      type: "failure",
      message: "Flexiti financing is available in Canadian dollars only; this cart is in USD.",
    })
  })

  it("says the store is unreachable in the shopper's language", async () => {
    const offline = (async () => {
      throw new TypeError("Failed to fetch")
    }) as unknown as typeof fetch
    expect(await payWithFlexiti({ baseUrl: "https://api", fetch: offline, cartId: "c", lang: "fr" })).toEqual({
      type: "failure",
      message: "La boutique est injoignable. Vérifiez votre connexion et réessayez.",
    })
  })
})

describe("custom completion", () => {
  it("hands the cart to the store's own completion (e.g. the Next.js starter's placeOrder)", async () => {
    const { options, calls } = store({
      "/store/flexiti/payment-sessions/payses_1/widget-result": approvedWith(),
      [FINANCING]: [200, { financing }],
    })
    const completed: string[] = []
    const result = await settleFlexitiOutcome(
      { ...options, choosePlan: async (offer) => offer.options[0], complete: async (id) => (completed.push(id), { type: "order", order: { id: "order_9" } }) },
      session,
      { type: "success", eventData }
    )
    expect(result).toEqual({ type: "order", order: { id: "order_9" } })
    expect(completed).toEqual(["cart_1"])
    expect(calls.map((c) => c.path)).toEqual(["/store/flexiti/payment-sessions/payses_1/widget-result", FINANCING])
  })
})

describe("plans over the available credit", () => {
  const some = { ...financing, options: financing.options.map((o, i) => ({ ...o, within_available_credit: i === 2 })) }

  it("are marked, never preselected, and only all of them over the credit ends the attempt", () => {
    expect(noOptionFitsCredit(some)).toBe(false)
    expect(noOptionFitsCredit({ ...some, options: some.options.slice(0, 2) })).toBe(true)
    expect(noOptionFitsCredit({ ...financing, options: [] })).toBe(false)
    // unknown (the store did not say) counts as fitting: Flexiti's own answer decides then
    expect(noOptionFitsCredit(financing)).toBe(false)
    expect(initialOption(some)?.key).toBe("regular_purchase")
    expect(initialOption({ ...some, chosen: "promotional_purchase:5:12" })?.key).toBe("regular_purchase")
    expect(planOptionText(some.options[0], "en").details).toContain("More than your available Flexiti credit: Flexiti would refuse this plan.")
    expect(planOptionText(some.options[0], "fr").details).toContain("Plus que votre crédit Flexiti disponible : Flexiti refuserait ce plan.")
    expect(planOptionText(some.options[2], "en").details.join(" ")).not.toMatch(/available Flexiti credit/)
  })
})
