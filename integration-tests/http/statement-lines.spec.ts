import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { freshCheckoutDriver } from "../fixtures/checkout"
import { useFlexitiSandbox } from "../fixtures/sandbox"

jest.setTimeout(180 * 1000)

const flexiti = useFlexitiSandbox()

type SkuProduct = { sku_id: string; description?: string; quantity: number; unit_price: number; extended_price: number }
type Sku = { transaction_total: number; products?: SkuProduct[]; shipping_total?: number; gst_hst?: number; pst?: number } | null

/**
 * The shopper's Flexiti statement shows the purchase's lines (README "How a payment maps onto
 * Flexiti", statement lines): sku_data reaches Flexiti with the authorization and a whole capture,
 * and a partial capture or a return carries its own total.
 */
medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    const { shop } = freshCheckoutDriver({ api, getContainer, flexiti })

    async function ledgerOf(sessionId: string) {
      const { data } = await flexiti.control().get("/authorizations", { params: { client_id: flexiti.client.client_id, reference: sessionId } })
      return data.authorizations[0] as {
        sku_data: Sku
        captures: { amount: number; sku_data: Sku; returns: { amount: number; sku_data: Sku }[] }[]
      }
    }

    it("the authorization and a whole capture carry the cart's products and totals; a return its negative total", async () => {
      const { session, order } = await shop.placeOrder()
      let ledger = await ledgerOf(session.id)
      expect(ledger.sku_data?.transaction_total).toBe(1260)
      expect(ledger.sku_data?.products).toHaveLength(1)
      const [product] = ledger.sku_data!.products!
      expect(product).toMatchObject({ quantity: 1, unit_price: product.extended_price })
      expect(product.sku_id.length).toBeGreaterThan(0)
      expect(product.description?.length).toBeGreaterThan(0)
      // Medusa's order line is what the statement names
      expect(order.items[0].product_title).toContain(product.description!.split(" - ")[0])
      expect(ledger.sku_data!.gst_hst! + ledger.sku_data!.pst!).toBeGreaterThanOrEqual(0)

      const { admin, payment } = await shop.paymentOf(order.id)
      await api.post(`/admin/payments/${payment.id}/capture`, { amount: 1260 }, admin)
      await api.post(`/admin/payments/${payment.id}/refund`, { amount: 10 }, admin)
      ledger = await ledgerOf(session.id)
      expect(ledger.captures[0].sku_data).toEqual(ledger.sku_data)
      expect(ledger.captures[0].returns[0].sku_data).toEqual({ transaction_total: -10 })
    })

    it("a partial capture carries only the total it moves", async () => {
      const { session, order } = await shop.placeOrder()
      const { admin, payment } = await shop.paymentOf(order.id)
      await api.post(`/admin/payments/${payment.id}/capture`, { amount: 504 }, admin)
      const ledger = await ledgerOf(session.id)
      expect(ledger.captures[0].sku_data).toEqual({ transaction_total: 504 })
    })
  },
})
