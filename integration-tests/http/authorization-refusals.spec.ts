import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { FLEXITI_MODULE } from "../../src/modules/flexiti/schema"
import type FlexitiModuleService from "../../src/modules/flexiti/service"
import { SANDBOX_TEST_ACCOUNTS } from "../../src/sandbox"
import { freshCheckoutDriver } from "../fixtures/checkout"
import { useFlexitiSandbox } from "../fixtures/sandbox"

jest.setTimeout(180 * 1000)

const flexiti = useFlexitiSandbox()

/** Flexiti refuses the authorization: the shopper reads what it means (EN/FR), the admin the code. */
medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    const { shop } = freshCheckoutDriver({ api, getContainer, flexiti })

    async function refusedWith(account: number, lang?: "en" | "fr") {
      const cartId = await shop.cartReadyToPay()
      const session = await shop.startFlexiti(cartId, lang)
      await shop.widgetOutcome(cartId, session, "approve", account)
      const completed = await shop.complete(cartId)
      expect(completed.status).toBe(400)
      expect(completed.data.type).not.toBe("order")
      expect(await flexiti.authorizationsFor(session.id)).toEqual([])
      const log = await getContainer().resolve<FlexitiModuleService>(FLEXITI_MODULE).listCallLog({ payment_session_id: session.id })
      return { message: completed.data.message as string, codes: log.map((l) => l.error_code).filter(Boolean) }
    }

    it.each([
      ["lowCredit", "credit_exceeded", /does not have enough available credit/],
      ["noCredit", "not_enough_credit", /does not have enough available credit/],
      ["blocked", "user_not_able_to_purchase", /cannot be used for purchases/],
      ["closed", "user_not_active", /cannot be used for purchases/],
    ] as const)("%s: the shopper is told why (%s), the call log keeps the code", async (name, code, message) => {
      const account = (SANDBOX_TEST_ACCOUNTS as Record<string, { account_number: number }>)[name]
      const refused = await refusedWith(account.account_number)
      expect(refused.message).toMatch(message)
      expect(refused.codes).toContain(code)
    })

    it("speaks French to a French checkout", async () => {
      const refused = await refusedWith(SANDBOX_TEST_ACCOUNTS.lowCredit.account_number, "fr")
      expect(refused.message).toMatch(/n'a pas assez de crédit disponible/)
    })

    it("a merchant not set up for pre-authorization is a store problem, not a decline", async () => {
      await flexiti.control().post("/clients", { ...flexiti.client, merchant: { preauthorization: false } })
      const refused = await refusedWith(SANDBOX_TEST_ACCOUNTS.approved.account_number)
      expect(refused.message).toMatch(/temporarily unavailable at this store/)
      expect(refused.codes).toContain("auth_not_allowed")
    })
  },
})
