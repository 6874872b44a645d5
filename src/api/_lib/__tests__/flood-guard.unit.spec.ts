import { DEFAULT_FLEXITI_CALLS_PER_MINUTE, FloodGuardSettings } from "../../../config/flood-guard"
import { createFloodGuard, FLEXITI_CALL_COST, LimitCheck } from "../flood-guard"
import { memoryLimiterStore } from "../limiter-store"

const defaults: FloodGuardSettings = { flexitiCallsPerMinute: DEFAULT_FLEXITI_CALLS_PER_MINUTE, limitByClientAddress: false, multiplier: 1 }
const budget = (points: number): LimitCheck => ({ limit: "flexitiCalls", key: "store", points })

/** The checks of one whole widget checkout: start, result, financing listed and chosen, complete. */
const checkoutSteps = (i: number): LimitCheck[][] => [
  [{ limit: "startsPerCart", key: `cart_${i}` }, budget(FLEXITI_CALL_COST.start)],
  [{ limit: "resultsPerSession", key: `payses_${i}` }, budget(FLEXITI_CALL_COST.result)],
  [{ limit: "financingPerSession", key: `payses_${i}` }, budget(FLEXITI_CALL_COST.financing)],
  [{ limit: "financingPerSession", key: `payses_${i}` }, budget(FLEXITI_CALL_COST.financing)],
  [{ limit: "completesPerCart", key: `cart_${i}` }, budget(FLEXITI_CALL_COST.complete)],
]
const callsPerCheckout = FLEXITI_CALL_COST.start + FLEXITI_CALL_COST.result + 2 * FLEXITI_CALL_COST.financing + FLEXITI_CALL_COST.complete

describe("the store-wide budget of Flexiti calls", () => {
  it("a busy store's minute (60 whole checkouts, 600 in 10 minutes) stays within the default budget", async () => {
    const guard = createFloodGuard(defaults, memoryLimiterStore())
    for (let i = 0; i < 60; i++) {
      for (const step of checkoutSteps(i)) expect(await guard.check(step)).toEqual({ allowed: true })
    }
  })

  it("a flood across many carts stops at the configured rate, with a message that names no limit of the shopper's", async () => {
    const guard = createFloodGuard({ ...defaults, flexitiCallsPerMinute: 10 * callsPerCheckout }, memoryLimiterStore())
    for (let i = 0; i < 10; i++) for (const step of checkoutSteps(i)) expect((await guard.check(step)).allowed).toBe(true)
    const refused = await guard.check(checkoutSteps(10)[0])
    expect(refused).toMatchObject({ allowed: false, retryAfterSeconds: expect.any(Number) })
    expect(refused.allowed === false && refused.message).toMatch(/^Flexiti financing is busy for this store right now; try again in \d+ seconds\.$/)
  })

  it("counts client addresses only when the store says they are the shoppers' own", async () => {
    const starts = (guard: ReturnType<typeof createFloodGuard>, i: number) =>
      guard.check([
        { limit: "startsPerCart", key: `cart_${i}` },
        { limit: "startsPerAddress", key: guard.settings.limitByClientAddress ? "10.0.0.5" : undefined },
      ])
    const byCart = createFloodGuard(defaults, memoryLimiterStore())
    const byAddress = createFloodGuard({ ...defaults, limitByClientAddress: true }, memoryLimiterStore())
    const allowed = { byCart: 0, byAddress: 0 }
    for (let i = 0; i < 100; i++) {
      if ((await starts(byCart, i)).allowed) allowed.byCart++
      if ((await starts(byAddress, i)).allowed) allowed.byAddress++
    }
    expect(allowed).toEqual({ byCart: 100, byAddress: 60 })
  })
})
