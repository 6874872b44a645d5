import { skuDataFor, skuDataFromCart, SkuCart } from "../sku-data"

/** A cart as Medusa's query computes it: a sofa and two cushions, shipping, a discount, Quebec's GST + QST. */
const cart: SkuCart = {
  total: "1260.31",
  item_subtotal: "1100.00",
  subtotal: "1110.00",
  shipping_total: "10.00",
  discount_total: "14.00",
  tax_total: "164.31",
  items: [
    {
      id: "cali_1",
      variant_sku: "SOFA-3S-GREY",
      product_title: "Three-seat sofa",
      title: "Grey",
      product_type: "Furniture",
      quantity: 1,
      unit_price: "1000.00",
      subtotal: "1000.00",
      tax_total: "147.76",
      tax_lines: [
        { code: "GST", rate: 5 },
        { code: "QST", rate: 9.975 },
      ],
    },
    {
      id: "cali_2",
      variant_sku: null,
      variant_id: "variant_cushion",
      product_title: "Cushion ".repeat(40),
      title: "Cushion ".repeat(40),
      quantity: 2,
      unit_price: "50.00",
      subtotal: "100.00",
      tax_total: "15.05",
      tax_lines: [
        { code: "GST", rate: 5 },
        { code: "QST", rate: 9.975 },
      ],
    },
  ],
  shipping_methods: [{ tax_total: "1.50", tax_lines: [{ code: "HST", rate: 15 }] }],
}

describe("sku_data from a Medusa cart", () => {
  const data = skuDataFromCart(cart)

  it("one product per line with sku, description, category, quantity, unit and extended price", () => {
    expect(data.products?.[0]).toEqual({
      sku_id: "SOFA-3S-GREY",
      description: "Three-seat sofa - Grey",
      category: "Furniture",
      quantity: 1,
      unit_price: 1000,
      extended_price: 1000,
    })
    expect(data.products?.[1]).toMatchObject({ sku_id: "variant_cushion", quantity: 2, unit_price: 50, extended_price: 100 })
  })

  it("cuts long texts to the lengths we assume instead of failing the payment", () => {
    expect(data.products?.[1].description).toHaveLength(100)
    expect(data.products?.[1].description?.startsWith("Cushion Cushion")).toBe(true)
    const long = skuDataFromCart({ total: 1, items: [{ id: "x", variant_sku: "S".repeat(80), quantity: 1, unit_price: 1 }] })
    expect(long.products?.[0].sku_id).toHaveLength(50)
    expect(long.products?.[0]).not.toHaveProperty("description")
  })

  it("totals: subtotal, shipping, discount, total; GST/HST and PST split by the tax lines' rates", () => {
    expect(data).toMatchObject({ transaction_subtotal: 1100, shipping_total: 10, transaction_discount_total: 14, transaction_total: 1260.31 })
    // sofa 147.76 × 9.975/14.975 = 98.42 QST; cushions 15.05 × 9.975/14.975 = 10.02 QST; shipping HST 1.50
    expect(data.pst).toBe(108.44)
    expect(data.gst_hst).toBe(55.87)
    expect(Number((data.pst! + data.gst_hst!).toFixed(2))).toBe(164.31)
  })
})

describe("sku_data sent with a money move", () => {
  const whole = skuDataFromCart(cart)

  it("the whole purchase carries the cart's lines", () => {
    expect(skuDataFor(whole, "1260.31", "authorization")).toBe(whole)
    expect(skuDataFor(whole, "1260.31", "capture")).toBe(whole)
  })

  it("a partial capture carries only the total that moves", () => {
    expect(skuDataFor(whole, "504.00", "capture")).toEqual({ transaction_total: 504 })
  })

  it("a return or refund carries negative totals", () => {
    expect(skuDataFor(whole, "10.00", "return")).toEqual({ transaction_total: -10 })
    const full = skuDataFor(whole, "1260.31", "refund")
    expect(full).toMatchObject({ transaction_total: -1260.31, gst_hst: -55.87, pst: -108.44, shipping_total: -10 })
    expect(full.products?.[1]).toMatchObject({ quantity: -2, unit_price: 50, extended_price: -100 })
  })

  it("no stored lines (a session started elsewhere): the total alone", () => {
    expect(skuDataFor(null, "99.99", "authorization")).toEqual({ transaction_total: 99.99 })
  })
})
