import { applicationDataFromCart, tenDigitPhone } from "../application-data"
import { startApplicationSchema } from "../[id]/application/route"
import type { FlexitiCart } from "../../cart-context"

const address = {
  first_name: "Nouvelle",
  last_name: "Cliente",
  address_1: "1 rue Sainte-Catherine",
  address_2: null,
  city: "Montréal",
  province: "ca-qc",
  postal_code: "H2X 1Y4",
  phone: "+1 (514) 555-0199",
}
const cart = (overrides: Partial<FlexitiCart> = {}): FlexitiCart => ({
  id: "cart_1",
  currency_code: "cad",
  total: 500,
  email: "cliente@example.com",
  billing_address: address,
  ...overrides,
})

describe("a Flexiti application from the cart", () => {
  it("takes the billing address, email and a 10-digit phone, with the terms agreement", () => {
    expect(applicationDataFromCart(cart())).toEqual({
      customer_identification: { personal_information: { first_name: "Nouvelle", last_name: "Cliente", postal_code: "H2X 1Y4" } },
      tos_agreement: true,
      email: "cliente@example.com",
      phone_number: 5145550199,
      address_1: "1 rue Sainte-Catherine",
      city: "Montréal",
      province: "QC",
      account_type: "consumer",
    })
  })

  it("names the cart details that are missing instead of sending Flexiti an incomplete application", () => {
    expect(() => applicationDataFromCart(cart({ email: null, billing_address: { ...address, phone: "555-0199" } }))).toThrow(/email, phone_number/)
    expect(() => applicationDataFromCart(cart({ billing_address: null, shipping_address: null }))).toThrow(/first_name/)
  })

  it("reads phone numbers as Flexiti's number (10)", () => {
    expect(tenDigitPhone("416-555-0123")).toBe(4165550123)
    expect(tenDigitPhone("1 416 555 0123")).toBe(4165550123)
    expect(tenDigitPhone("44 20 7946 0958")).toBeUndefined()
    expect(tenDigitPhone(null)).toBeUndefined()
  })

  it("the route requires the shopper's own agreement to Flexiti's terms", () => {
    expect(startApplicationSchema.safeParse({ cart_id: "cart_1", tos_agreement: true }).success).toBe(true)
    expect(startApplicationSchema.safeParse({ cart_id: "cart_1", tos_agreement: false }).success).toBe(false)
    expect(startApplicationSchema.safeParse({ cart_id: "cart_1" }).success).toBe(false)
  })
})
