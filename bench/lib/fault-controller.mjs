/**
 * The soak's fault injector (docs/benchmark.md, "Soak test"): keeps the share of faulted Flexiti calls near a
 * rate through the sandbox's control API.
 */
import { http, sleep } from "./stack.mjs"

/** xorshift32: the same fault sequence for the same seed */
export function seededRandom(seedInput) {
  let seed = seedInput >>> 0 || 1
  return function random() {
    seed ^= seed << 13
    seed >>>= 0
    seed ^= seed >>> 17
    seed ^= seed << 5
    seed >>>= 0
    return seed / 0x100000000
  }
}

/**
 * Keeps the share of faulted Flexiti calls near `rate` (counted into `counts`, by kind). One fault is armed at a time through
 * the sandbox's control API and counted once the sandbox has used it up (its rule is gone), so
 * the counts are exact. Kinds: a 5xx answer, a connection reset before the call is processed, a
 * mutation applied whose answer is lost, every token expired early, a latency spike.
 */
export function faultController(sandbox, { rate, random, counts, deadlineMs }) {
  const control = (method, url, body) => http(sandbox, method, `/__sandbox${url}`, body)
  let running = true
  const state = { flexitiCalls: 0, armed: null }
  const kinds = [
    ["server_error", 0.3],
    ["reset_before", 0.2],
    ["answer_lost", 0.25],
    ["tokens_expired", 0.1],
    ["latency_spike", 0.15],
  ]
  const pick = () => {
    let r = random()
    for (const [kind, weight] of kinds) if ((r -= weight) < 0) return kind
    return kinds[0][0]
  }
  const injected = () => Object.values(counts).reduce((a, b) => a + b, 0)
  const callsOf = (counters) => Object.values(counters.calls_by_path ?? {}).reduce((a, b) => a + b, 0)
  const loop = (async () => {
    const deadline = Date.now() + deadlineMs
    while (running && Date.now() < deadline) {
      const [faults, counters] = await Promise.all([control("GET", "/faults"), control("GET", "/counters")])
      state.flexitiCalls = callsOf(counters.data)
      const f = faults.data
      const idle = !f.reset_next && !f.reset_after_apply_next && !(f.fail_next ?? []).length && !(f.lose_answer_next ?? []).length
      if (state.armed && idle) {
        counts[state.armed] += 1
        state.armed = null
      }
      if (!state.armed && injected() < rate * state.flexitiCalls) {
        const kind = pick()
        if (kind === "server_error") {
          const status = [500, 502, 503][Math.floor(random() * 3)]
          await control("POST", "/faults", { fail_next: [{ path_contains: "/flexiti/", status }] })
          state.armed = kind
        } else if (kind === "reset_before") {
          await control("POST", "/faults", { reset_next: 1 })
          state.armed = kind
        } else if (kind === "answer_lost") {
          // a mutation (POST) that Flexiti applies and whose answer never arrives
          await control("POST", "/faults", { lose_answer_next: [{ path_contains: "/pos-api/", method: "POST" }] })
          state.armed = kind
        } else if (kind === "tokens_expired") {
          await control("POST", "/faults", { expire_tokens_now: true })
          counts.tokens_expired += 1
        } else {
          await control("POST", "/faults", { latency_ms: 1000 + Math.floor(random() * 2000) })
          await sleep(300)
          await control("POST", "/faults", { latency_ms: 0 })
          counts.latency_spike += 1
        }
      }
      await sleep(20)
    }
  })()
  return {
    state,
    async stop() {
      running = false
      await loop
      // A fault still armed was never used: it is not counted, and it must not hit the reconciler.
      await control("DELETE", "/faults")
      state.flexitiCalls = callsOf((await control("GET", "/counters")).data)
    },
  }
}
