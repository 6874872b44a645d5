import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"

jest.setTimeout(120 * 1000)

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ getContainer }) => {
    describe("host app with the Flexiti plugin", () => {
      it("registers the payment provider as pp_flexiti_flexiti", async () => {
        const paymentModule = getContainer().resolve(Modules.PAYMENT)
        const providers = await paymentModule.listPaymentProviders()
        const ids = providers.map((p: { id: string }) => p.id)
        expect(ids).toContain("pp_flexiti_flexiti")
        expect(providers.find((p: { id: string }) => p.id === "pp_flexiti_flexiti")?.is_enabled).toBe(true)
      })

      it("loads the plugin's flexiti module with its settings defaults", async () => {
        const flexiti = getContainer().resolve("flexiti") as { getSettings(): Promise<{ flow: string; active_environment: string }> }
        const settings = await flexiti.getSettings()
        expect(settings.flow).toBe("widget")
        expect(settings.active_environment).toBe("training")
      })
    })
  },
})
