import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { FLEXITI_MODULE } from "../../src/modules/flexiti/schema"
import type FlexitiModuleService from "../../src/modules/flexiti/service"
import { freshCheckoutDriver } from "../fixtures/checkout"
import { useFlexitiSandbox } from "../fixtures/sandbox"

jest.setTimeout(600 * 1000)

const flexiti = useFlexitiSandbox()
const SHOPPERS = 50

/**
 * A sale with capture at checkout (README "Security and money safety"): 50 shoppers complete at
 * once on Medusa's default database pool of 10 connections; every payment step runs under its
 * session's money lock, which keeps no connection while Flexiti answers, so all of them finish.
 */
medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    const { shop } = freshCheckoutDriver({ api, getContainer, flexiti })

    it(`${SHOPPERS} auto-capture completions at once all become orders, each captured once`, async () => {
      const settings = getContainer().resolve(FLEXITI_MODULE) as FlexitiModuleService
      await settings.updateSettings({ auto_capture: true })
      try {
        const carts: { cartId: string; sessionId: string }[] = []
        for (let i = 0; i < SHOPPERS; i++) {
          const cartId = await shop.cartReadyToPay()
          const session = await shop.startFlexiti(cartId)
          // each shopper has their own Flexiti account, so credit never runs out
          const account = 40000000000000 + i
          await flexiti.control().post("/accounts", { client_id: flexiti.client.client_id, account_number: account, credit_limit: 5000 })
          await shop.widgetOutcome(cartId, session, "approve", account)
          carts.push({ cartId, sessionId: session.id })
        }
        // Flexiti answers slowly, so the locks are held while the others wait
        await flexiti.control().post("/faults", { latency_ms: 150 })
        const completed = await Promise.all(carts.map(({ cartId }) => shop.complete(cartId)))
        await flexiti.control().post("/faults", { latency_ms: 0 })

        expect(completed.map((c) => c.data.type)).toEqual(carts.map(() => "order"))
        for (const { sessionId } of carts) {
          const authorizations = await flexiti.authorizationsFor(sessionId)
          expect(authorizations).toHaveLength(1)
          expect(authorizations[0].captures.map((c) => c.amount)).toEqual([1260])
        }
      } finally {
        await flexiti.control().post("/faults", { latency_ms: 0 })
        await settings.updateSettings({ auto_capture: false })
      }
    })
  },
})
