import { PaymentSessionStatus } from "@medusajs/framework/utils"
import { Authorization, authorizationSchema } from "../../../flexiti/schemas"
import {
  capturedTotal,
  paymentDataOf,
  prefersReturn,
  refundableOf,
  remainingToCapture,
  RETURN_FALLBACK_CODES,
  statusOfAuthorization,
} from "../authorization-ledger"
import { CaptureLedgerEntry, maskAccountNumber } from "../types"
import type { FlexitiCheckoutState } from "../../../modules/flexiti/types"
import type { FlexitiMovement } from "../../../modules/flexiti/stores/movement-store"
import { toDollars } from "../../../lib/money"
import { blankCheckout } from "../../__tests__/checkout-state"

const ACCOUNT = 12345678901234

function authorization(overrides: Record<string, unknown> = {}): Authorization {
  // Parsed through the real schema so the fixtures are shapes Flexiti (as modelled) can return.
  return authorizationSchema.parse({
    authorization_id: 9001,
    account_number: ACCOUNT,
    reference: "payses_01",
    status: "opened",
    transaction_type: "promotional_purchase",
    plan_id: 12,
    term: 24,
    amount: 1260,
    captured_amount: 504.1,
    released_amount: 0,
    remaining_authorization_amount: 755.9,
    auto_capture: false,
    creation_date: "2026-11-25T12:00:00Z",
    captures: [
      { capture_id: 1, amount: 504, reference: "capt_A", date: "2026-11-25T12:01:00Z" },
      { capture_id: 2, amount: 0.1, reference: null, date: "2026-11-25T12:02:00Z", returned_amount: 0.05 },
    ],
    ...overrides,
  })
}

const checkout: FlexitiCheckoutState = blankCheckout(
  {
    id: "flxchk_1",
    payment_session_id: "payses_01",
    reference_id: "ref-1",
    widget_session_id: "w-1",
    authorization_id: "9001",
    cart_id: "cart_1",
    amount: toDollars("1260.00"),
    account_number: String(ACCOUNT),
  },
  new Date("2026-11-25T12:00:00Z")
)

function movement(overrides: Partial<FlexitiMovement>): FlexitiMovement {
  return {
    payment_session_id: "payses_01",
    kind: "capture",
    content_key: `k-${Math.random()}`,
    state: "done",
    amount: toDollars("0.00"),
    capture_id: null,
    flexiti_id: null,
    medusa_id: null,
    created_at: new Date("2026-11-26T00:00:00Z"),
    ...overrides,
  }
}

const ledger = (auth: Authorization, movements: FlexitiMovement[] = []) => paymentDataOf(checkout, auth, movements)

describe("paymentDataOf", () => {
  it("builds the ledger from the checkout and Flexiti's view", () => {
    const data = ledger(authorization(), [movement({ kind: "capture", flexiti_id: "1", capture_id: "1", medusa_id: "capt_A", amount: toDollars("504.00") })])
    expect(data).toMatchObject({
      session_id: "payses_01",
      flow: "widget",
      environment: "training",
      reference_id: "ref-1",
      amount: toDollars("1260.00"),
      authorization_id: 9001,
      transaction_type: "promotional_purchase",
      plan_id: 12,
      term: 24,
      authorized_amount: toDollars("1260.00"),
      released_amount: toDollars("0.00"),
      authorization_status: "opened",
      refunds: [],
    })
    expect(data.captures).toEqual([
      {
        capture_id: 1,
        medusa_capture_id: "capt_A",
        amount: toDollars("504.00"),
        date: "2026-11-25T12:01:00Z",
        returned: toDollars("0.00"),
        refunded: toDollars("0.00"),
      },
      {
        capture_id: 2,
        medusa_capture_id: null,
        amount: toDollars("0.10"),
        date: "2026-11-25T12:02:00Z",
        returned: toDollars("0.05"),
        refunded: toDollars("0.00"),
      },
    ])
  })

  it("masks the account number: the full number appears nowhere", () => {
    const data = ledger(authorization())
    expect(data.account_number_masked).toBe("•••• 1234")
    const json = JSON.stringify(data)
    expect(json).not.toContain(String(ACCOUNT))
    expect(json).not.toContain("1234567890")
    expect(data).not.toHaveProperty("account_number")
  })

  it("takes Medusa ids and refunds from the movements, never from Flexiti's reference", () => {
    const movements = [
      movement({ kind: "capture", flexiti_id: "2", capture_id: "2", medusa_id: "capt_B", amount: toDollars("0.10") }),
      movement({ kind: "account_refund", capture_id: "2", medusa_id: "ref_1", amount: toDollars("0.02") }),
      movement({ kind: "return", capture_id: "2", medusa_id: "ref_2", amount: toDollars("0.01"), state: "pending" }),
    ]
    const data = ledger(authorization(), movements)
    expect(data.captures.map((c) => [c.capture_id, c.medusa_capture_id])).toEqual([
      [1, null],
      [2, "capt_B"],
    ])
    expect(data.captures[1].refunded).toBe("0.02")
    // a pending movement is not money moved yet
    expect(data.refunds).toEqual([
      { medusa_refund_id: "ref_1", capture_id: 2, amount: toDollars("0.02"), method: "account_refund", return_id: undefined, date: "2026-11-26T00:00:00.000Z" },
    ])
  })

  it("counts recorded returns when Flexiti reports no returned amount", () => {
    const auth = authorization({ captures: [{ capture_id: 1, amount: 504, reference: "capt_A", date: "d" }] })
    const data = ledger(auth, [movement({ kind: "return", capture_id: "1", flexiti_id: "55", amount: toDollars("4.00"), medusa_id: "ref_9" })])
    expect(data.captures[0].returned).toBe("4.00")
    expect(data.refunds[0]).toMatchObject({ method: "return", return_id: 55, amount: toDollars("4.00") })
  })

  it("shows a release Flexiti has not confirmed yet", () => {
    expect(paymentDataOf({ ...checkout, release_state: "pending" }, authorization(), []).release_pending).toBe(true)
    expect(ledger(authorization())).not.toHaveProperty("release_pending")
  })

  it("regular purchases have null plan and term", () => {
    const auth = authorization({ transaction_type: "regular_purchase", plan_id: undefined, term: undefined })
    const data = ledger(auth)
    expect(data.plan_id).toBeNull()
    expect(data.term).toBeNull()
  })
})

describe("remainingToCapture / capturedTotal", () => {
  it("authorized − released − captured, exactly", () => {
    const data = ledger(authorization())
    expect(capturedTotal(data)).toBe("504.10")
    expect(remainingToCapture(data)).toBe("755.90")
  })

  it("subtracts releases", () => {
    const data = ledger(authorization({ released_amount: 100.3 }))
    expect(remainingToCapture(data)).toBe("655.60")
  })

  it("nothing captured leaves the whole authorization", () => {
    const data = ledger(authorization({ captures: [], captured_amount: 0 }))
    expect(capturedTotal(data)).toBe("0.00")
    expect(remainingToCapture(data)).toBe("1260.00")
  })

  it("many cent captures do not drift", () => {
    const captures = Array.from({ length: 30 }, (_, i) => ({ capture_id: i + 1, amount: 0.1, date: "d" }))
    const data = ledger(authorization({ amount: 3.3, captures, captured_amount: 3 }))
    expect(capturedTotal(data)).toBe("3.00")
    expect(remainingToCapture(data)).toBe("0.30")
  })
})

describe("refundableOf", () => {
  const capture: CaptureLedgerEntry = {
    capture_id: 1,
    medusa_capture_id: "capt_A",
    amount: toDollars("504.00"),
    date: "d",
    returned: toDollars("0.00"),
    refunded: toDollars("0.00"),
  }

  it("is the full capture before any return or refund", () => {
    expect(refundableOf(capture)).toBe("504.00")
  })

  it("subtracts returns and refunds", () => {
    expect(refundableOf({ ...capture, returned: toDollars("100.10") })).toBe("403.90")
    expect(refundableOf({ ...capture, refunded: toDollars("0.20") })).toBe("503.80")
    expect(refundableOf({ ...capture, returned: toDollars("0.10"), refunded: toDollars("0.20") })).toBe("503.70")
    expect(refundableOf({ ...capture, amount: toDollars("0.30"), returned: toDollars("0.10"), refunded: toDollars("0.20") })).toBe("0.00")
  })

  it("uses returned_amount reported by Flexiti for captures Medusa did not know", () => {
    const data = ledger(authorization())
    expect(refundableOf(data.captures[1])).toBe("0.05")
  })
})

describe("statusOfAuthorization", () => {
  it("opened → authorized", () => {
    expect(statusOfAuthorization(authorization({ status: "opened" }))).toBe(PaymentSessionStatus.AUTHORIZED)
    expect(statusOfAuthorization(authorization({ status: "OPENED" }))).toBe(PaymentSessionStatus.AUTHORIZED)
    expect(statusOfAuthorization(authorization({ status: "opened", captured_amount: 0, captures: [] }))).toBe(PaymentSessionStatus.AUTHORIZED)
  })

  it("closed with captures → captured", () => {
    expect(statusOfAuthorization(authorization({ status: "closed" }))).toBe(PaymentSessionStatus.CAPTURED)
    expect(statusOfAuthorization(authorization({ status: "closed", captured_amount: 0.01 }))).toBe(PaymentSessionStatus.CAPTURED)
  })

  it("closed without captures → canceled", () => {
    const auth = authorization({ status: "closed", captured_amount: 0, captures: [], released_amount: 1260, remaining_authorization_amount: 0 })
    expect(statusOfAuthorization(auth)).toBe(PaymentSessionStatus.CANCELED)
  })
})

describe("prefersReturn", () => {
  it("only promotional purchases go through capture returns", () => {
    expect(prefersReturn("promotional_purchase")).toBe(true)
    expect(prefersReturn("regular_purchase")).toBe(false)
    expect(prefersReturn("")).toBe(false)
  })

  it("falls back to an account refund on Flexiti's return refusals", () => {
    expect(RETURN_FALLBACK_CODES).toEqual(expect.arrayContaining(["wrong_transaction_type", "return_date_exceeded"]))
  })
})

describe("maskAccountNumber", () => {
  it("keeps only the last 4 digits", () => {
    expect(maskAccountNumber(ACCOUNT)).toBe("•••• 1234")
    expect(maskAccountNumber("98765432109876")).toBe("•••• 9876")
    expect(maskAccountNumber(ACCOUNT)).not.toContain("123456789")
  })
  it("takes Flexiti's returned amount over the recorded returns (a return made outside Medusa)", () => {
    const data = ledger(authorization(), [movement({ kind: "return", capture_id: "2", amount: toDollars("0.01") })])
    const capture = data.captures.find((c) => c.capture_id === 2)!
    expect(capture.returned).toBe("0.05")
    expect(refundableOf(capture)).toBe("0.05")
  })
})
