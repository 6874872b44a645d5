import { FlexitiError } from "../flexiti/errors"
import { Authorization, AuthorizationCreateRequest, FinancingOption } from "../flexiti/schemas"
import { CaseFailure, expect, NeedsTester, type RunCase } from "./case-outcomes"
import type { ChecklistItem } from "./checklist"
import { purchaseAsTheStore, StorePurchaseContext } from "./store-purchase"

/**
 * Flexiti's "Business Account" test plan, for merchants enrolled in it: purchases on separate
 * Quebec and rest-of-Canada accounts, regular and promotional; an authorization refused with 404
 * for a virtual card Flexiti does not know; SKU data sent with the purchase.
 */
export interface BusinessAccounts {
  quebec: { regular: number; promotional: number }
  restOfCanada: { regular: number; promotional: number }
  /** a virtual card number no account holds (default: sixteen 9s) */
  unknownVcc?: string
}

type SkuData = NonNullable<AuthorizationCreateRequest["sku_data"]>

export const UNKNOWN_VCC = "9999999999999999"

/**
 * Small documented sku_data objects (POST authorization and capture: products with sku_id,
 * description, quantity, unit_price, extended_price, and the totals): two lines of 25.00 and
 * one of 50.00. Quebec charges GST 5% (gst_hst) and QST 9.975% (pst); Ontario, for the rest of
 * Canada, HST 13%. Figures are written out, not computed, so the report shows what was sent.
 */
const PRODUCTS: NonNullable<SkuData["products"]> = [
  { sku_id: "UAT-TSHIRT", description: "Go-live test T-shirt", quantity: 2, unit_price: 25, extended_price: 50 },
  { sku_id: "UAT-HOODIE", description: "Go-live test hoodie", quantity: 1, unit_price: 50, extended_price: 50 },
]
export const SKU_DATA: Record<"quebec" | "restOfCanada", SkuData & { transaction_total: number }> = {
  quebec: { products: PRODUCTS, transaction_subtotal: 100, gst_hst: 5, pst: 9.98, transaction_total: 114.98 },
  restOfCanada: { products: PRODUCTS, transaction_subtotal: 100, gst_hst: 13, pst: 0, transaction_total: 113 },
}

/** What only a statement can show: asked of the merchant when the plan runs. */
export const SKU_STATEMENT_CHECK: ChecklistItem = {
  id: "sku-statement",
  title: "SKU data on the customer's statement (Business Account plan)",
  steps: ["On the test accounts' statements, the business purchases show the two product lines, the taxes and the totals the report lists as sent."],
}

const REGIONS = { quebec: "Quebec", restOfCanada: "rest of Canada" } as const

export async function runBusinessPlan(run: RunCase, ctx: StorePurchaseContext, plan: BusinessAccounts): Promise<void> {
  const withSku: { authorization: Authorization; captured: boolean }[] = []
  let leftToTester = 0
  for (const region of ["quebec", "restOfCanada"] as const) {
    for (const kind of ["regular", "promotional"] as const) {
      const accountNumber = plan[region][kind]
      const sku = SKU_DATA[region]
      const transactionType: FinancingOption["transaction_type"] = kind === "regular" ? "regular_purchase" : "promotional_purchase"
      await run(
        `business-${region === "quebec" ? "qc" : "roc"}-${kind}`,
        `Business Account: ${REGIONS[region]} account, ${kind} purchase`,
        `A ${kind} purchase on the ${REGIONS[region]} business account is authorized and captured, with SKU data.`,
        async (details) => {
          const authorization = await purchaseAsTheStore(ctx, {
            accountNumber,
            amount: sku.transaction_total,
            prefer: transactionType,
            requirePlan: kind === "promotional",
            reference: `biz-${region === "quebec" ? "qc" : "roc"}-${kind}`,
            extra: { sku_data: sku },
          }).catch((error: unknown) => {
            if (error instanceof NeedsTester) leftToTester++
            throw error
          })
          const entry = { authorization, captured: false }
          withSku.push(entry)
          expect(authorization.amount === sku.transaction_total, `Authorized ${authorization.amount}, expected ${sku.transaction_total}`)
          const capture = await ctx.calls.observe(`capture ${sku.transaction_total.toFixed(2)} with sku_data`, "merchant", (referenceId) =>
            ctx.client.capture(authorization.authorization_id, { amount: sku.transaction_total, reference: "uat-biz", sku_data: sku }, { referenceId })
          )
          entry.captured = true
          details.push(`capture_id ${capture.capture_id}, remaining ${capture.remaining_authorization_amount}`)
        }
      )
    }
  }

  await run(
    "business-vcc-not-found",
    "Business Account: virtual card not found",
    "An authorization for a virtual card Flexiti does not know is refused with 404.",
    async (details) => {
      const vcc = plan.unknownVcc ?? UNKNOWN_VCC
      // The widget verifies the account first, so a 404 can only be about the card (an
      // unverified customer gets 404 customer_identity_not_found, which would prove nothing).
      const outcome = await purchaseAsTheStore(ctx, {
        accountNumber: plan.restOfCanada.regular,
        amount: 10,
        prefer: "regular_purchase",
        reference: "biz-vcc",
        extra: { vcc_number: vcc },
      }).then(
        (auth) => ({ accepted: auth }),
        (error: unknown) => {
          if (error instanceof FlexitiError) return { refused: error }
          throw error
        }
      )
      if ("accepted" in outcome) throw new CaseFailure(`Virtual card ${vcc} was accepted: authorization ${outcome.accepted.authorization_id}`)
      const { refused } = outcome
      expect(refused.status === 404, `Expected HTTP 404, got HTTP ${refused.status ?? "-"} ${refused.code ?? refused.kind}`)
      expect(refused.code !== "customer_identity_not_found", "Refused because the widget did not verify the shopper, not because of the card")
      details.push(`refused as the plan expects: HTTP 404 ${refused.code ?? ""}`.trim())
    }
  )

  await run(
    "business-sku-data",
    "Business Account: SKU data",
    "SKU data (products with sku_id, description, quantity, unit and extended price; totals) is sent on the authorization and the capture.",
    async (details) => {
      const sent = withSku.filter((e) => e.captured)
      if (sent.length === 0 && leftToTester > 0) throw new NeedsTester("Runs after the business purchases, left to a tester.")
      expect(sent.length > 0, "No authorization and capture with sku_data went through.")
      details.push(...sent.map((e) => `authorization ${e.authorization.authorization_id}: sku_data accepted on the authorization and the capture`))
      details.push(`sent: ${JSON.stringify(SKU_DATA.quebec)} (Quebec) and ${JSON.stringify(SKU_DATA.restOfCanada)} (rest of Canada)`)
      details.push("Flexiti shows these lines on the customer's statement: check a statement by hand (checklist).")
    }
  )
}
