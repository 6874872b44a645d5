import axios from "axios"
import { SANDBOX_DEFAULT_CLIENT } from "../../sandbox"
import { businessAccountsFrom, sandboxBusinessCard, seedSandboxBusinessAccounts } from "../business-accounts-option"
import { SKU_DATA } from "../business-plan"
import { runUatCli } from "../cli"
import { runUat, UatReport } from "../runner"
import { sandboxShopper } from "../shoppers"
import { ShopperVerifier } from "../store-purchase"
import { useUatSandbox } from "./sandbox-hook"

jest.setTimeout(60_000)

const BUSINESS_CASES = [
  "business-qc-regular",
  "business-qc-promotional",
  "business-roc-regular",
  "business-roc-promotional",
  "business-vcc-not-found",
  "business-sku-data",
]
const caseOf = (report: UatReport, id: string) => report.cases.find((c) => c.id === id)

describe("flexiti-uat: the Business Account plan", () => {
  const uat = useUatSandbox((sandbox) => ({ businessPlan: seedSandboxBusinessAccounts(sandbox) }))

  /** The sandbox's widget, which also makes the next POST authorization answer `code` once the given account's `nth` widget is verified. */
  function shopperArming(accountNumber: number, nth: number, code: "not_found" | "customer_identity_not_found"): ShopperVerifier {
    let seen = 0
    return async (widget) => {
      const verified = await sandboxShopper(uat.sandbox.url)(widget)
      if (widget.accountNumber === accountNumber && ++seen === nth) {
        uat.sandbox.setFaults({ error_next: [{ code, path_contains: "/authorization", method: "POST" }] })
      }
      return verified
    }
  }

  it("purchases on the Quebec and rest-of-Canada accounts, regular and promotional, on the store's path with SKU data on the authorization and capture", async () => {
    const plan = uat.target.businessPlan!
    const report = await runUat({ ...uat.target, shopper: shopperArming(plan.restOfCanada.regular, 2, "not_found") })
    expect(report.cases.slice(-6).map((c) => [c.id, c.status])).toEqual(BUSINESS_CASES.map((id) => [id, "observed"]))
    expect(report.ok).toBe(true)
    const control = axios.create({ baseURL: `${uat.sandbox.url}/__sandbox`, validateStatus: () => true })
    const { authorizations } = (await control.get("/authorizations", { params: { client_id: SANDBOX_DEFAULT_CLIENT.client_id } })).data
    const on = (account: number) => authorizations.filter((a: { account_number: number }) => a.account_number === account)
    for (const [account, type, total] of [
      [plan.quebec.regular, "regular_purchase", SKU_DATA.quebec.transaction_total],
      [plan.quebec.promotional, "promotional_purchase", SKU_DATA.quebec.transaction_total],
      [plan.restOfCanada.regular, "regular_purchase", SKU_DATA.restOfCanada.transaction_total],
      [plan.restOfCanada.promotional, "promotional_purchase", SKU_DATA.restOfCanada.transaction_total],
    ] as const) {
      expect(on(account)).toHaveLength(1)
      expect(on(account)[0]).toMatchObject({ amount: total, transaction_type: type })
      expect(on(account)[0].captures.map((c: { amount: number }) => c.amount)).toEqual([total])
    }
    // Each business authorization carried sku_data on the customer-scope token; its capture on the merchant token.
    const skuCalls = report.calls.filter((c) => c.call.includes("sku_data"))
    expect(skuCalls.map((c) => [c.call.startsWith("POST authorization") ? "authorization" : "capture", c.scope])).toEqual(
      Array.from({ length: 4 }, () => [
        ["authorization", "customer"],
        ["capture", "merchant"],
      ]).flat()
    )
    expect(caseOf(report, "business-vcc-not-found")?.details.join(" ")).toContain("HTTP 404 not_found")
    expect(report.checklist.map((c) => c.id)).toContain("sku-statement")
  })

  it("a 404 only because the widget verified nobody does not pass the virtual-card check", async () => {
    const report = await runUat({ ...uat.target, shopper: shopperArming(uat.target.businessPlan!.restOfCanada.regular, 2, "customer_identity_not_found") })
    const vcc = caseOf(report, "business-vcc-not-found")!
    expect(vcc.status).toBe("failed")
    expect(vcc.details.join(" ")).toContain("not because of the card")
  })

  it("a virtual card that is accepted fails the check", async () => {
    // The account's own card stands for a card the environment wrongly accepts.
    const plan = uat.target.businessPlan!
    const ownCard = sandboxBusinessCard(plan.restOfCanada.regular)
    const report = await runUat({ ...uat.target, businessPlan: { ...plan, unknownVcc: ownCard } })
    const vcc = caseOf(report, "business-vcc-not-found")!
    expect(vcc.status).toBe("failed")
    expect(vcc.details.join(" ")).toContain(`Virtual card ${ownCard} was accepted`)
    expect(report.ok).toBe(false)
  })

  it("without a tester the business purchases and the SKU check are manual", async () => {
    const report = await runUat({ ...uat.target, shopper: undefined })
    expect(report.cases.slice(-6).map((c) => c.status)).toEqual(BUSINESS_CASES.map(() => "manual"))
    expect(report.ok).toBe(true)
  })

  it("--business-account takes the four accounts Flexiti gave and says what is missing", async () => {
    expect(businessAccountsFrom(["qc-regular=1", "qc-promotional=2", "roc-regular=3", "roc-promotional=4"], "1234")).toEqual({
      quebec: { regular: 1, promotional: 2 },
      restOfCanada: { regular: 3, promotional: 4 },
      unknownVcc: "1234",
    })
    expect(() => businessAccountsFrom(["qc-regular=1"])).toThrow(/needs --business-account for qc-promotional, roc-regular, roc-promotional/)
    expect(() => businessAccountsFrom(["quebec=1"])).toThrow(/KEY one of qc-regular/)
    const base = ["--env", "merchant_integration", "--client-id", "x", "--client-secret-env", "S", "--business-account-plan"]
    await expect(runUatCli(base, { env: { S: "s" }, log: () => undefined })).rejects.toThrow(/needs --business-account/)
  })
})
