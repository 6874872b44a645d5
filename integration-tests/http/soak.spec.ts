import { spawn } from "node:child_process"
import path from "node:path"

// bench/soak-check.js is plain CommonJS shared with the soak script (bench/soak.mjs).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { checkLedgers } = require("../../bench/soak-check.js")

jest.setTimeout(10 * 60 * 1000)

const root = path.resolve(__dirname, "../..")

/**
 * Consistent ledgers: one payment captured in two parts, refunded across both, the rest released
 * (canceled in Medusa: how earlier versions recorded a release after a capture); one recorded as
 * captured for what was captured after "Release remaining"; one abandoned authorization released.
 */
function healthyLedgers() {
  return {
    authorizations: [
      {
        authorization_id: 1,
        reference: "payses_a",
        amount: 1000,
        captures: [
          { capture_id: 11, amount: 300, returns: [{ amount: 100 }], refunds: [] },
          { capture_id: 12, amount: 250, returns: [{ amount: 200 }], refunds: [{ amount: 50 }] },
        ],
        releases: [{ amount: 450 }],
      },
      { authorization_id: 2, reference: "payses_b", amount: 500, captures: [], releases: [{ amount: 500 }] },
      {
        authorization_id: 5,
        reference: "payses_d",
        amount: 1260,
        captures: [{ capture_id: 51, amount: 400, returns: [{ amount: 100 }], refunds: [] }],
        releases: [{ amount: 860 }],
      },
    ],
    payments: [
      {
        id: "pay_a",
        amount: 1000,
        payment_session_id: "payses_a",
        canceled_at: "2026-01-01T00:00:00Z",
        captures: [{ amount: 300 }, { amount: 250 }],
        refunds: [{ amount: 100 }, { amount: 250 }],
      },
      // released after a partial capture: recorded as captured for what Flexiti kept
      {
        id: "pay_d",
        amount: 400,
        payment_session_id: "payses_d",
        canceled_at: null as unknown as string,
        captured_at: "2026-01-01T00:00:00Z",
        captures: [{ amount: 400 }],
        refunds: [{ amount: 100 }],
      },
    ],
  }
}

const failing = (result: { checks: { name: string; violations: string[] }[] }) => result.checks.filter((c) => c.violations.length).map((c) => c.name)

describe("soak invariants (bench/soak-check.js)", () => {
  it("accepts consistent ledgers", () => {
    const result = checkLedgers(healthyLedgers())
    expect(failing(result)).toEqual([])
    expect(result.ok).toBe(true)
    expect(result.figures).toMatchObject({ authorizations: 3, linked: 2, released_unpaid: 1, lost: 0, duplicates: 0 })
  })

  it("counts money captured with no order and returned in full as given back, not lost", () => {
    const ledgers = healthyLedgers()
    ledgers.authorizations.push({
      authorization_id: 4,
      reference: "payses_c",
      amount: 300,
      captures: [{ capture_id: 41, amount: 300, returns: [{ amount: 300 }], refunds: [] }],
      releases: [],
    })
    const result = checkLedgers(ledgers)
    expect(failing(result)).toEqual([])
    expect(result.figures).toMatchObject({ returned_unpaid: 1, lost: 0 })
  })

  it.each([
    ["every authorization linked to a payment or given back (lost = 0)", (l: ReturnType<typeof healthyLedgers>) => l.authorizations[1].releases.splice(0)],
    [
      "no captured authorization without an order that was not returned",
      (l: ReturnType<typeof healthyLedgers>) => {
        // captured at checkout, no order, returned only in part
        l.authorizations.push({
          authorization_id: 4,
          reference: "payses_c",
          amount: 300,
          captures: [{ capture_id: 41, amount: 300, returns: [{ amount: 100 }], refunds: [] }],
          releases: [],
        })
      },
    ],
    [
      "no placed order whose authorization is released",
      (l: ReturnType<typeof healthyLedgers>) => {
        l.payments[0].canceled_at = null as unknown as string
        l.payments[0].captures.splice(1)
      },
    ],
    [
      "cancelled order = nothing left open at Flexiti",
      (l: ReturnType<typeof healthyLedgers>) => {
        l.payments[0].canceled_at = null as unknown as string
        l.authorizations[0].releases[0].amount = 449.99
        ;(l as { canceledOrderPayments?: string[] }).canceledOrderPayments = ["pay_a"]
      },
    ],
    [
      "cancelled order = everything captured given back",
      (l: ReturnType<typeof healthyLedgers>) => ((l as { canceledOrderPayments?: string[] }).canceledOrderPayments = ["pay_a"]),
    ],
    [
      "no duplicate authorization per session",
      (l: ReturnType<typeof healthyLedgers>) => l.authorizations.push({ ...l.authorizations[1], authorization_id: 3, reference: "payses_a" }),
    ],
    ["Flexiti: captured + released <= authorized", (l: ReturnType<typeof healthyLedgers>) => (l.authorizations[0].releases[0].amount = 450.01)],
    [
      "Flexiti: returned + refunded <= captured (per capture)",
      (l: ReturnType<typeof healthyLedgers>) => l.authorizations[0].captures[0].refunds.push({ amount: 200.01 }),
    ],
    ["Medusa: captured <= authorized", (l: ReturnType<typeof healthyLedgers>) => l.payments[0].captures.push({ amount: 450.01 })],
    ["Medusa: refunded <= captured", (l: ReturnType<typeof healthyLedgers>) => l.payments[0].refunds.push({ amount: 200.01 })],
    ["captured total agrees to the cent", (l: ReturnType<typeof healthyLedgers>) => (l.payments[0].captures[1].amount = 249.99)],
    ["refunded total agrees to the cent", (l: ReturnType<typeof healthyLedgers>) => (l.payments[0].refunds[1].amount = 250.01)],
    ["every Flexiti payment has its authorization", (l: ReturnType<typeof healthyLedgers>) => (l.payments[0].payment_session_id = "payses_x")],
    ["cancelled in Medusa = nothing left open at Flexiti", (l: ReturnType<typeof healthyLedgers>) => (l.authorizations[0].releases[0].amount = 449.99)],
    ["captured in full in Medusa = nothing left open at Flexiti", (l: ReturnType<typeof healthyLedgers>) => (l.authorizations[2].releases[0].amount = 859.99)],
  ])("detects a broken ledger: %s", (name, breakIt) => {
    const ledgers = healthyLedgers()
    breakIt(ledgers)
    const result = checkLedgers(ledgers)
    expect(result.ok).toBe(false)
    expect(failing(result)).toContain(name)
  })
})

/** Runs `node bench/soak.mjs` (the demo stack, faults, reconciler) and returns its exit code and output. */
function runSoak(env: Record<string, string>) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn("node", ["bench/soak.mjs"], { cwd: root, env: { ...process.env, NODE_OPTIONS: "", ...env }, stdio: ["ignore", "pipe", "pipe"] })
    let output = ""
    child.stdout.on("data", (c: Buffer) => (output += c.toString()))
    child.stderr.on("data", (c: Buffer) => (output += c.toString()))
    child.once("exit", (code) => resolve({ code, output }))
  })
}

describe("npm run soak, short (30 checkouts)", () => {
  it("holds every invariant under injected faults", async () => {
    const { code, output } = await runSoak({
      SOAK_CHECKOUTS: "30",
      SOAK_CONCURRENCY: "4",
      SOAK_MEDUSA_PORT: "9291",
      SOAK_SANDBOX_PORT: "4291",
      SOAK_STOREFRONT_PORT: "8291",
    })
    const line = output.split("\n").find((l) => l.startsWith("SOAK_RESULT "))
    if (code !== 0 || !line) console.log(output.slice(-8000))
    expect(line).toBeDefined()
    const result = JSON.parse(line!.slice("SOAK_RESULT ".length))
    expect(result.failed_checks).toEqual([])
    expect(code).toBe(0)
    expect(result.ok).toBe(true)
    expect(result.figures.lost).toBe(0)
    expect(result.figures.duplicates).toBe(0)
    expect(result.fault_rate).toBeGreaterThanOrEqual(0.1)
    expect(result.done.orders).toBeGreaterThan(0)
    expect(result.done.captures).toBeGreaterThan(0)
    expect(result.done.refunds).toBeGreaterThan(0)
    // every fault kind was used at least once, so each retry path ran
    for (const kind of ["server_error", "reset_before", "answer_lost", "tokens_expired", "latency_spike"]) {
      expect(result.faults[kind]).toBeGreaterThan(0)
    }
  })
})
