import { RunningSandbox, SANDBOX_DEFAULT_CLIENT, SANDBOX_TEST_ACCOUNTS } from "../sandbox"
import { UatTarget } from "./runner"
import { sandboxShopper } from "./shoppers"

/** The local sandbox as a UAT environment: its default client and test account, its clock, its widget finished by the runner. */
export function sandboxTarget(sandbox: RunningSandbox): UatTarget {
  return {
    environment: "sandbox",
    clientId: SANDBOX_DEFAULT_CLIENT.client_id,
    clientSecret: SANDBOX_DEFAULT_CLIENT.client_secret,
    posOrigin: sandbox.url,
    accountNumber: SANDBOX_TEST_ACCOUNTS.approved.account_number,
    advanceClock: async (seconds) => sandbox.advanceClock(seconds),
    shopper: sandboxShopper(sandbox.url),
  }
}
