import axios from "axios"
import { FlexitiClient } from "../client"
import type { FlexitiClientConfig } from "../client-types"
import { TokenCache, TokenClock } from "../token-manager"
import { RunningSandbox, SANDBOX_DEFAULT_CLIENT, startSandbox } from "../../sandbox"

/** A sandbox on a random loopback port plus helpers to drive its control API. */
export async function sandboxFixture() {
  const sandbox: RunningSandbox = await startSandbox({ port: 0, quiet: true })
  const control = axios.create({ baseURL: `${sandbox.url}/__sandbox`, validateStatus: () => true })
  let offsetMs = 0
  const clock: TokenClock = { now: () => Date.now() + offsetMs }

  return {
    sandbox,
    control,
    clock,
    /** moves both the sandbox's and the client's clocks */
    async advance(seconds: number) {
      offsetMs += seconds * 1000
      await control.post("/clock", { advance_seconds: seconds })
    },
    async counters() {
      return (await control.get("/counters")).data
    },
    async reset() {
      offsetMs = 0
      await control.post("/reset")
    },
    client(overrides: Partial<FlexitiClientConfig> = {}) {
      return new FlexitiClient({
        environment: "training",
        clientId: SANDBOX_DEFAULT_CLIENT.client_id,
        clientSecret: SANDBOX_DEFAULT_CLIENT.client_secret,
        posOrigin: sandbox.url,
        tokenCache: new TokenCache(),
        clock,
        http: { backoffMs: 10 },
        ...overrides,
      })
    },
    close: () => sandbox.close(),
  }
}
