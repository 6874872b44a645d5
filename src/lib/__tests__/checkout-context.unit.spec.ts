import { createHash } from "node:crypto"
import { CheckoutContext, signCheckoutContext, verifyCheckoutContext } from "../checkout-context"

const KEY_A = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
const KEY_B = "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100"

const IN_AN_HOUR = Math.floor(Date.now() / 1000) + 3600

const context: CheckoutContext = {
  cart_id: "cart_01",
  payment_collection_id: "pay_col_01",
  expires_at: IN_AN_HOUR,
  nonce: "0123456789abcdef0123456789abcdef",
  email: "shopper@example.com",
  lang: "en",
  province: "ON",
  billing: {
    first_name: "Ada",
    last_name: "Lovelace",
    address_1: "1 Main St",
    city: "Toronto",
    province: "ON",
    postal_code: "M5V 2T6",
  },
  shipping: { first_name: "Ada", last_name: "Lovelace", province: "ON", postal_code: "M5V 2T6" },
  is_guest: true,
  flow: "purchase",
}

/** Session data as Medusa stores and returns it (jsonb). */
function throughJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value))
}

describe("checkout context signing", () => {
  const saved = process.env.FLEXITI_ENCRYPTION_KEY
  beforeEach(() => {
    process.env.FLEXITI_ENCRYPTION_KEY = KEY_A
  })
  afterEach(() => {
    if (saved === undefined) {
      delete process.env.FLEXITI_ENCRYPTION_KEY
    } else {
      process.env.FLEXITI_ENCRYPTION_KEY = saved
    }
  })

  it("sign → verify round trip (also through JSON storage)", () => {
    const signed = signCheckoutContext(context)
    expect(signed.checkout_signature).toMatch(/^[0-9a-f]{64}$/)
    expect(verifyCheckoutContext(signed)).toEqual({ ok: true, context })
    expect(verifyCheckoutContext(throughJson(signed))).toEqual({ ok: true, context })
  })

  it("verifies next to other session data", () => {
    const signed = signCheckoutContext(context)
    expect(verifyCheckoutContext({ amount: "100.00", session_id: "payses_1", ...throughJson(signed) })).toEqual({ ok: true, context })
  })

  it("the signature depends on the key order-independently of the input", () => {
    const reordered = {
      nonce: context.nonce,
      flow: context.flow,
      expires_at: context.expires_at,
      is_guest: context.is_guest,
      payment_collection_id: context.payment_collection_id,
      cart_id: context.cart_id,
      lang: context.lang,
      province: "ON",
      email: context.email,
      billing: context.billing,
      shipping: context.shipping,
    } as CheckoutContext
    const a = signCheckoutContext(context)
    const b = signCheckoutContext(reordered)
    expect(b.checkout_signature).toBe(a.checkout_signature)
    // a context stored with another key order still verifies
    expect(verifyCheckoutContext({ checkout_context: reordered, checkout_signature: a.checkout_signature })).toEqual({ ok: true, context })
  })

  it("fills the default flow and signs what it returns", () => {
    const minimal = { cart_id: "cart_02", payment_collection_id: "pay_col_02", expires_at: IN_AN_HOUR, lang: "fr", is_guest: false } as CheckoutContext
    const signed = signCheckoutContext(minimal)
    const filled = { ...minimal, flow: "purchase", nonce: signed.checkout_context.nonce }
    expect(signed.checkout_context.nonce).toMatch(/^[0-9a-f]{32}$/)
    expect(signCheckoutContext(minimal).checkout_context.nonce).not.toBe(signed.checkout_context.nonce)
    expect(signed.checkout_context).toEqual(filled)
    expect(verifyCheckoutContext(throughJson(signed))).toEqual({ ok: true, context: filled })
  })

  it("refuses to sign an invalid context", () => {
    expect(() => signCheckoutContext({ ...context, province: "ontario" })).toThrow()
    expect(() => signCheckoutContext({ ...context, email: "not-an-email" })).toThrow()
  })

  describe("any change fails verification", () => {
    const changes: Array<[string, (c: CheckoutContext) => Record<string, unknown>]> = [
      ["province ON → QC", (c) => ({ ...c, province: "QC" })],
      ["cart_id", (c) => ({ ...c, cart_id: "cart_other" })],
      ["payment collection", (c) => ({ ...c, payment_collection_id: "pay_col_other" })],
      ["expiry pushed back", (c) => ({ ...c, expires_at: c.expires_at + 86_400 })],
      ["email", (c) => ({ ...c, email: "attacker@example.com" })],
      ["email removed", ({ email: _e, ...c }) => c],
      ["province removed", ({ province: _p, ...c }) => c],
      ["lang", (c) => ({ ...c, lang: "fr" })],
      ["is_guest", (c) => ({ ...c, is_guest: false })],
      ["flow", (c) => ({ ...c, flow: "apply" })],
      ["billing postal code", (c) => ({ ...c, billing: { ...c.billing, postal_code: "H2X 1Y4" } })],
      ["shipping province", (c) => ({ ...c, shipping: { ...c.shipping, province: "QC" } })],
      ["billing removed", ({ billing: _b, ...c }) => c],
    ]
    it.each(changes)("%s", (_label, change) => {
      const signed = throughJson(signCheckoutContext(context))
      const tampered = change(signed.checkout_context)
      expect(verifyCheckoutContext({ checkout_context: tampered, checkout_signature: signed.checkout_signature })).toMatchObject({ ok: false })
    })
  })

  it("a changed signature fails", () => {
    const signed = signCheckoutContext(context)
    const sig = signed.checkout_signature
    const flipped = (sig[0] === "0" ? "1" : "0") + sig.slice(1)
    expect(verifyCheckoutContext({ ...signed, checkout_signature: flipped })).toMatchObject({ ok: false })
    const lastFlipped = sig.slice(0, -1) + (sig.endsWith("a") ? "b" : "a")
    expect(verifyCheckoutContext({ ...signed, checkout_signature: lastFlipped })).toMatchObject({ ok: false })
    expect(verifyCheckoutContext({ ...signed, checkout_signature: sig.toUpperCase() })).toMatchObject({ ok: false })
    expect(verifyCheckoutContext({ ...signed, checkout_signature: sig.slice(0, 62) })).toMatchObject({ ok: false })
    expect(verifyCheckoutContext({ ...signed, checkout_signature: sig + "00" })).toMatchObject({ ok: false })
    expect(verifyCheckoutContext({ ...signed, checkout_signature: "0".repeat(64) })).toMatchObject({ ok: false })
  })

  it("a signature for another context does not transfer", () => {
    const mine = signCheckoutContext(context)
    const other = signCheckoutContext({ ...context, cart_id: "cart_other" })
    expect(verifyCheckoutContext({ checkout_context: mine.checkout_context, checkout_signature: other.checkout_signature })).toMatchObject({ ok: false })
  })

  it("missing or malformed fields → undefined", () => {
    const signed = signCheckoutContext(context)
    expect(verifyCheckoutContext(undefined)).toMatchObject({ ok: false })
    expect(verifyCheckoutContext({})).toMatchObject({ ok: false })
    expect(verifyCheckoutContext({ checkout_context: signed.checkout_context })).toMatchObject({ ok: false })
    expect(verifyCheckoutContext({ checkout_signature: signed.checkout_signature })).toMatchObject({ ok: false })
    expect(verifyCheckoutContext({ ...signed, checkout_signature: 42 })).toMatchObject({ ok: false })
    expect(verifyCheckoutContext({ ...signed, checkout_context: "cart_01" })).toMatchObject({ ok: false })
    expect(verifyCheckoutContext({ ...signed, checkout_context: null })).toMatchObject({ ok: false })
    const { cart_id: _c, ...noCart } = signed.checkout_context
    expect(verifyCheckoutContext({ checkout_context: noCart, checkout_signature: signed.checkout_signature })).toMatchObject({ ok: false })
  })

  it("does not verify under another FLEXITI_ENCRYPTION_KEY", () => {
    const signed = throughJson(signCheckoutContext(context))
    process.env.FLEXITI_ENCRYPTION_KEY = KEY_B
    expect(verifyCheckoutContext(signed)).toMatchObject({ ok: false })
    const resigned = signCheckoutContext(context)
    expect(resigned.checkout_signature).not.toBe(signed.checkout_signature)
    expect(verifyCheckoutContext(resigned)).toEqual({ ok: true, context })
    process.env.FLEXITI_ENCRYPTION_KEY = KEY_A
    expect(verifyCheckoutContext(signed)).toEqual({ ok: true, context })
  })

  it("without a key, signs with a per-process key that a configured key does not accept", () => {
    delete process.env.FLEXITI_ENCRYPTION_KEY
    const signed = signCheckoutContext(context)
    expect(verifyCheckoutContext(signed)).toEqual({ ok: true, context })
    process.env.FLEXITI_ENCRYPTION_KEY = KEY_A
    expect(verifyCheckoutContext(signed)).toMatchObject({ ok: false })
  })

  it("refuses a context past its expiry, and one without the payment collection it was signed for", () => {
    const expired = signCheckoutContext({ ...context, expires_at: Math.floor(Date.now() / 1000) - 1 })
    expect(verifyCheckoutContext(expired)).toEqual({ ok: false, reason: "expired" })
    expect(verifyCheckoutContext(signCheckoutContext(context), (IN_AN_HOUR + 1) * 1000)).toEqual({ ok: false, reason: "expired" })
    const { payment_collection_id: _dropped, ...unbound } = signCheckoutContext(context).checkout_context
    expect(verifyCheckoutContext({ checkout_context: unbound, checkout_signature: signCheckoutContext(context).checkout_signature })).toEqual({
      ok: false,
      reason: "forged",
    })
    expect(verifyCheckoutContext({})).toEqual({ ok: false, reason: "missing" })
  })

  it("the signature is not a plain hash of the context", () => {
    const signed = signCheckoutContext(context)
    const plain = createHash("sha256").update(JSON.stringify(signed.checkout_context)).digest("hex")
    expect(signed.checkout_signature).not.toBe(plain)
  })
})
