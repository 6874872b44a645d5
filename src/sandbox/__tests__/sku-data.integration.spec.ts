import { POS, promotional, sharedKit, startKit } from "./sandbox-test-kit"

/** sku_data on authorization, capture and return: checked against its documented fields, kept in the ledger. */
const SKU_DATA = {
  purchase_order: "order_12",
  register_id: "web",
  shipping_total: 15,
  transaction_subtotal: 200,
  transaction_discount_total: 10,
  gst_hst: 26,
  pst: 0,
  transaction_total: 231,
  products: [{ sku_id: "TV-55", category: "tv", description: "55 inch TV", quantity: 1, unit_price: 200, extended_price: 200 }],
}
// A return's example sends negative totals.
const RETURNED = { transaction_subtotal: -50, transaction_total: -50, products: [{ sku_id: "TV-55", quantity: -1, unit_price: 50, extended_price: -50 }] }

describe("sandbox: sku_data", () => {
  const { kit, merchant } = sharedKit()
  const authorize = (body: unknown) => kit().call("POST", `${POS(undefined, "v2.5.1")}/authorization`, merchant(), body)

  it("records what arrived on the authorization, the capture and the return", async () => {
    const auth = await authorize(promotional(231, { sku_data: SKU_DATA }))
    expect(auth.status).toBe(200)
    const id = auth.data.authorization_id
    const capture = await kit().call("POST", `${POS()}/authorization/${id}/capture`, merchant(), {
      amount: 231,
      sku_data: { ...SKU_DATA, purchase_order: "cap_1" },
    })
    expect(capture.status).toBe(200)
    const returned = await kit().call("POST", `${POS()}/authorization/${id}/capture/${capture.data.capture_id}/return`, merchant(), {
      amount: 50,
      full_return: false,
      sku_data: RETURNED,
    })
    expect(returned.status).toBe(200)
    const ledger = kit().sandbox.authorization(id) as { sku_data: unknown; captures: { sku_data: unknown; returns: { sku_data: unknown }[] }[] }
    expect(ledger.sku_data).toEqual(SKU_DATA)
    expect(ledger.captures[0].sku_data).toEqual({ ...SKU_DATA, purchase_order: "cap_1" })
    expect(ledger.captures[0].returns[0].sku_data).toEqual(RETURNED)
    expect((await kit().http.get("/__sandbox/authorizations")).data.authorizations[0].sku_data).toEqual(SKU_DATA)
  })

  it("a call without sku_data records none", async () => {
    const auth = await authorize(promotional(100))
    expect((kit().sandbox.authorization(auth.data.authorization_id) as { sku_data: unknown }).sku_data).toBeNull()
  })

  it("refuses a malformed sku_data with the input error, naming each field", async () => {
    const res = await authorize(
      promotional(100, {
        sku_data: {
          purchase_order: "12345678901",
          register_id: "r".repeat(51),
          transaction_subtotal: 10.001,
          transaction_discount_total: 1e10,
          colour: "red",
          products: [{ sku_id: 7, unit_price: "x" }, "tv"],
        },
      })
    )
    expect(res.status).toBe(409)
    expect(res.data).toMatchObject({ error: "wrong_inputs", message: "Some inputs are wrong!", url: expect.any(String) })
    expect(res.data.field_errors.map((e: { param: string }) => e.param).sort()).toEqual(
      [
        "sku_data.purchase_order",
        "sku_data.register_id",
        "sku_data.transaction_subtotal",
        "sku_data.transaction_discount_total",
        "sku_data.colour",
        "sku_data.products.0.sku_id",
        "sku_data.products.0.unit_price",
        "sku_data.products.1",
      ].sort()
    )
    expect((await kit().http.get("/__sandbox/counters")).data.authorizations_created).toBe(0)
  })

  it("refuses it on capture and return too", async () => {
    const auth = await authorize(promotional(100))
    const id = auth.data.authorization_id
    const capture = await kit().call("POST", `${POS()}/authorization/${id}/capture`, merchant(), { amount: 100, sku_data: { pst: "0" } })
    expect(capture.status).toBe(409)
    expect(capture.data.field_errors).toEqual([{ param: "sku_data.pst", msg: "must be a number", value: "0" }])
    const ok = await kit().call("POST", `${POS()}/authorization/${id}/capture`, merchant(), { amount: 100 })
    const returned = await kit().call("POST", `${POS()}/authorization/${id}/capture/${ok.data.capture_id}/return`, merchant(), {
      amount: 10,
      full_return: false,
      sku_data: { products: "TV" },
    })
    expect(returned.status).toBe(409)
    expect(returned.data.field_errors[0].param).toBe("sku_data.products")
  })

  it("with the strictness sku_data off, takes any sku_data as Flexiti says it does ('We do not validate this data')", async () => {
    const lenient = await startKit({ strictness: { sku_data: false } })
    try {
      const token = (await lenient.token("merchant")).access_token
      const odd = { purchase_order: "12345678901", colour: "red" }
      const res = await lenient.call("POST", `${POS(undefined, "v2.5.1")}/authorization`, token, promotional(100, { sku_data: odd }))
      expect(res.status).toBe(200)
      expect((lenient.sandbox.authorization(res.data.authorization_id) as { sku_data: unknown }).sku_data).toEqual(odd)
    } finally {
      await lenient.sandbox.close()
    }
  })
})
