import { SandboxClock } from "./clock"
import { FaultInjector, FaultsInput } from "./faults"
import { SandboxClientConfig, SandboxState } from "./state"
import { DEFAULT_STRICTNESS, Strictness } from "./strictness"
import { TokenStore } from "./token-store"

/** The pieces every route works with; one instance per running sandbox. */
export interface SandboxCore {
  state: SandboxState
  tokens: TokenStore
  clock: SandboxClock
  faults: FaultInjector
  strictness: Strictness
  log: (line: string) => void
}

export function createCore(clients: SandboxClientConfig[], tokenLifetimeSeconds: number, quiet: boolean, strictness: Partial<Strictness> = {}): SandboxCore {
  const clock = new SandboxClock()
  return {
    state: new SandboxState(clients),
    tokens: new TokenStore(clock, tokenLifetimeSeconds),
    clock,
    faults: new FaultInjector(),
    strictness: { ...DEFAULT_STRICTNESS, ...strictness },
    log: quiet ? () => undefined : (line) => console.log(`[flexiti-sandbox] ${line}`),
  }
}

/** POST /__sandbox/reset: all state, counters, tokens, faults and the clock. */
export function resetCore(core: SandboxCore): void {
  core.state.reset()
  core.tokens.reset()
  core.faults.clear()
  core.clock.reset()
}

/** POST /__sandbox/faults: expire_tokens_now acts at once, the other faults wait for matching calls. */
export function applyFaults(core: SandboxCore, input: FaultsInput): void {
  if (input.expire_tokens_now) core.tokens.expireAll()
  core.faults.configure(input)
}
