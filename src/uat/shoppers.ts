import axios from "axios"
import { ShopperVerifier } from "./store-purchase"

/**
 * The shopper's side of the widget. The runner is not a browser: in the sandbox it finishes the
 * widget through the sandbox's control API (what the hosted widget's Approve button calls); on
 * Flexiti's environments a tester does, in a browser, while the runner waits.
 */

/** Approves the widget session in the local sandbox, as its hosted widget page does. */
export function sandboxShopper(sandboxOrigin: string): ShopperVerifier {
  return async ({ widgetSessionId, accountNumber }) => {
    const res = await axios.post(
      `${sandboxOrigin}/__sandbox/widget-sessions/${encodeURIComponent(widgetSessionId)}/approve`,
      { account_number: accountNumber },
      { validateStatus: () => true, timeout: 15_000 }
    )
    const data = res.data?.event?.eventData as { accountNumber?: number | null; verified?: boolean; action?: string | null } | undefined
    if (res.status !== 200 || !data?.verified || data.action !== "purchase" || !data.accountNumber) {
      throw new Error(`The sandbox widget did not verify the shopper: HTTP ${res.status} ${JSON.stringify(res.data)}`)
    }
    return { kind: "verified", accountNumber: data.accountNumber }
  }
}

const manualSteps = (url: string, account: number) =>
  `Open ${url} in a browser, verify Flexiti test account ${account} as the shopper (PIN sent to the contact set in the Developer Portal's Validation tab)`

/**
 * A tester finishes the widget while the runner waits at the prompt. The account used afterwards
 * is the one the tester was asked to verify: Flexiti refuses the authorization
 * (customer_identity_not_found) when the widget of this token did not verify it.
 */
export function interactiveShopper(ask: (question: string) => Promise<string>): ShopperVerifier {
  return async ({ redirectionUrl, accountNumber }) => {
    const answer = await ask(`${manualSteps(redirectionUrl, accountNumber)}, then press Enter (type "skip" to leave this step to a manual run): `)
    if (answer.trim().toLowerCase() === "skip") return { kind: "manual", instructions: `Skipped by the tester. ${manualSteps(redirectionUrl, accountNumber)}.` }
    return { kind: "verified", accountNumber }
  }
}

/** Nobody at the keyboard: the report prints the widget's URL and leaves the step to a tester. */
export const manualShopper: ShopperVerifier = async ({ redirectionUrl, accountNumber }) => ({
  kind: "manual",
  instructions: `${manualSteps(redirectionUrl, accountNumber)}; re-run with --interactive to have the runner wait for it.`,
})
