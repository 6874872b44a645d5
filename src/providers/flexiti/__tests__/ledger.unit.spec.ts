import { PaymentSessionStatus } from "@medusajs/framework/utils"
import { Authorization, authorizationSchema } from "../../../flexiti/schemas"
import {
  capturedTotal,
  paymentDataFromAuthorization,
  prefersReturn,
  refundableOf,
  remainingToCapture,
  RETURN_FALLBACK_CODES,
  statusOfAuthorization,
} from "../authorization-ledger"
import { CaptureLedgerEntry, maskAccountNumber } from "../types"

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

const sessionBase = {
  session_id: "payses_01",
  flow: "widget",
  environment: "training",
  reference_id: "ref-1",
  amount: "1260.00",
  lang: "en",
  redirection_url: "https://widget.example/x",
  modal_origin: "https://widget.example",
}

describe("paymentDataFromAuthorization", () => {
  it("builds the ledger from Flexiti's view", () => {
    const data = paymentDataFromAuthorization(sessionBase, authorization())
    expect(data).toMatchObject({
      ...sessionBase,
      authorization_id: 9001,
      transaction_type: "promotional_purchase",
      plan_id: 12,
      term: 24,
      authorized_amount: "1260.00",
      released_amount: "0.00",
      authorization_status: "opened",
      refunds: [],
    })
    expect(data.captures).toEqual([
      { capture_id: 1, medusa_capture_id: "capt_A", amount: "504.00", date: "2026-11-25T12:01:00Z", returned: "0.00", refunded: "0.00" },
      { capture_id: 2, medusa_capture_id: null, amount: "0.10", date: "2026-11-25T12:02:00Z", returned: "0.05", refunded: "0.00" },
    ])
  })

  it("masks the account number: the full number appears nowhere", () => {
    const data = paymentDataFromAuthorization(sessionBase, authorization())
    expect(data.account_number_masked).toBe("•••• 1234")
    const json = JSON.stringify(data)
    expect(json).not.toContain(String(ACCOUNT))
    expect(json).not.toContain("1234567890")
    expect(data).not.toHaveProperty("account_number")
  })

  it("keeps Medusa capture ids and ledger amounts from previous data", () => {
    const previous: CaptureLedgerEntry[] = [
      { capture_id: 2, medusa_capture_id: "capt_B", amount: "0.10", date: "x", returned: "0.05", refunded: "0.02" },
      { capture_id: 77, medusa_capture_id: "capt_gone", amount: "1.00", date: "x", returned: "0.00", refunded: "0.00" },
    ]
    const refunds = [
      { medusa_refund_id: "ref_1", capture_id: 2, amount: "0.02", method: "account_refund", date: "2026-11-26" },
    ]
    const data = paymentDataFromAuthorization({ ...sessionBase, captures: previous, refunds }, authorization())
    expect(data.captures.map((c) => [c.capture_id, c.medusa_capture_id])).toEqual([
      [1, "capt_A"],
      [2, "capt_B"],
    ])
    expect(data.captures[1].refunded).toBe("0.02")
    expect(data.refunds).toEqual(refunds)
  })

  it("a known Medusa id wins over Flexiti's reference", () => {
    const previous = [{ capture_id: 1, medusa_capture_id: "capt_known", amount: "504.00", date: "x", returned: "0.00", refunded: "0.00" }]
    const data = paymentDataFromAuthorization({ captures: previous }, authorization())
    expect(data.captures[0].medusa_capture_id).toBe("capt_known")
  })

  it("replaces stale amounts and status from the base with Flexiti's", () => {
    const stale = {
      ...sessionBase,
      authorized_amount: "1.00",
      released_amount: "9.99",
      authorization_status: "opened",
      account_number_masked: `${ACCOUNT}`,
    }
    const data = paymentDataFromAuthorization(stale, authorization({ status: "closed", released_amount: 755.9, remaining_authorization_amount: 0 }))
    expect(data.authorized_amount).toBe("1260.00")
    expect(data.released_amount).toBe("755.90")
    expect(data.authorization_status).toBe("closed")
    expect(JSON.stringify(data)).not.toContain(String(ACCOUNT))
  })

  it("regular purchases have null plan and term", () => {
    const auth = authorization({ transaction_type: "regular_purchase", plan_id: undefined, term: undefined })
    const data = paymentDataFromAuthorization({}, auth)
    expect(data.plan_id).toBeNull()
    expect(data.term).toBeNull()
  })
})

describe("remainingToCapture / capturedTotal", () => {
  it("authorized − released − captured, exactly", () => {
    const data = paymentDataFromAuthorization(sessionBase, authorization())
    expect(capturedTotal(data)).toBe("504.10")
    expect(remainingToCapture(data)).toBe("755.90")
  })

  it("subtracts releases", () => {
    const data = paymentDataFromAuthorization(sessionBase, authorization({ released_amount: 100.3 }))
    expect(remainingToCapture(data)).toBe("655.60")
  })

  it("nothing captured leaves the whole authorization", () => {
    const data = paymentDataFromAuthorization(sessionBase, authorization({ captures: [], captured_amount: 0 }))
    expect(capturedTotal(data)).toBe("0.00")
    expect(remainingToCapture(data)).toBe("1260.00")
  })

  it("many cent captures do not drift", () => {
    const captures = Array.from({ length: 30 }, (_, i) => ({ capture_id: i + 1, amount: 0.1, date: "d" }))
    const data = paymentDataFromAuthorization({}, authorization({ amount: 3.3, captures, captured_amount: 3 }))
    expect(capturedTotal(data)).toBe("3.00")
    expect(remainingToCapture(data)).toBe("0.30")
  })
})

describe("refundableOf", () => {
  const capture: CaptureLedgerEntry = { capture_id: 1, medusa_capture_id: "capt_A", amount: "504.00", date: "d", returned: "0.00", refunded: "0.00" }

  it("is the full capture before any return or refund", () => {
    expect(refundableOf(capture)).toBe("504.00")
  })

  it("subtracts returns and refunds", () => {
    expect(refundableOf({ ...capture, returned: "100.10" })).toBe("403.90")
    expect(refundableOf({ ...capture, refunded: "0.20" })).toBe("503.80")
    expect(refundableOf({ ...capture, returned: "0.10", refunded: "0.20" })).toBe("503.70")
    expect(refundableOf({ ...capture, amount: "0.30", returned: "0.10", refunded: "0.20" })).toBe("0.00")
  })

  it("uses returned_amount reported by Flexiti for captures Medusa did not know", () => {
    const data = paymentDataFromAuthorization({}, authorization())
    expect(refundableOf(data.captures[1])).toBe("0.05")
  })
})

describe("statusOfAuthorization", () => {
  it("opened → authorized", () => {
    expect(statusOfAuthorization(authorization({ status: "opened" }))).toBe(PaymentSessionStatus.AUTHORIZED)
    expect(statusOfAuthorization(authorization({ status: "OPENED" }))).toBe(PaymentSessionStatus.AUTHORIZED)
    expect(statusOfAuthorization(authorization({ status: "opened", captured_amount: 0, captures: [] }))).toBe(
      PaymentSessionStatus.AUTHORIZED
    )
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
  it("takes Flexiti's returned amount over a stale ledger (a return made outside Medusa)", () => {
    const stale = {
      ...sessionBase,
      captures: [{ capture_id: 2, medusa_capture_id: "capt_B", amount: "0.10", date: "2026-11-25T12:02:00Z", returned: "0.00", refunded: "0.00" }],
    }
    const data = paymentDataFromAuthorization(stale as unknown as Record<string, unknown>, authorization())
    const capture = data.captures.find((c) => c.capture_id === 2)!
    expect(capture.medusa_capture_id).toBe("capt_B")
    expect(capture.returned).toBe("0.05")
    expect(refundableOf(capture)).toBe("0.05")
  })
})
