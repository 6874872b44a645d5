import { AddressInfo } from "node:net"
import { accountInputSchema, AccountInput, addAccount, decideApplication } from "./control-routes"
import { applyFaults, createCore, resetCore } from "./core"
import { FaultsInput, faultsInputSchema } from "./faults"
import { authorizationFullView } from "./ledger"
import { applyInOnlineOrder, completeOnlineOrder, OnlineOutcome } from "./online-orders"
import { createSandboxServer } from "./server"
import { Counters, SandboxClientConfig } from "./state"
import { Strictness } from "./strictness"
import { TestApplicantKey } from "./applicants"
import { DocumentedErrorCode } from "./docs/errors"
import { WidgetEvent } from "./types"
import { applyInWidget, approveWidgetSession, declineWidgetSession, sendToApplication } from "./widget-sessions"

export type { SandboxClientConfig } from "./state"
export type { Strictness as SandboxStrictness } from "./strictness"
export type { Counters as SandboxCounters } from "./state"
export type { FaultsInput as SandboxFaults } from "./faults"
export type { AccountInput as SandboxAccountInput } from "./control-routes"
export type { MerchantSetup as SandboxMerchantSetup } from "./state"
export type { WidgetEvent as SandboxWidgetEvent, SandboxNotification } from "./types"
export { TEST_APPLICANTS, TEST_APPLICANT_KEYS } from "./applicants"
export type { TestApplicantKey } from "./applicants"
export { DOCUMENTED_ERRORS } from "./docs/errors"
export type { DocumentedErrorCode } from "./docs/errors"
export { SANDBOX_TEST_ACCOUNTS } from "./test-accounts"
export type { SandboxTestAccount } from "./test-accounts"

export const SANDBOX_DEFAULT_CLIENT: SandboxClientConfig = {
  client_id: "sandbox-client",
  client_secret: "sandbox-secret",
}

export interface SandboxOptions {
  /** default 4010; 0 = a free port */
  port?: number
  /** default 127.0.0.1 */
  host?: string
  /** default 1200 (Flexiti's 20 minutes) */
  tokenLifetimeSeconds?: number
  /** default [SANDBOX_DEFAULT_CLIENT] */
  clients?: SandboxClientConfig[]
  /** no request log on stdout (default false) */
  quiet?: boolean
  /** checks beyond what Flexiti documents, each on by default (see strictness.ts) */
  strictness?: Partial<Strictness>
}

/** The same operations as the /__sandbox control API, in-process. */
export interface RunningSandbox {
  /** origin, e.g. http://127.0.0.1:4010 */
  url: string
  port: number
  close(): Promise<void>
  reset(): void
  addClient(client: SandboxClientConfig): void
  addAccount(account: AccountInput): void
  approveWidgetSession(widgetSessionId: string, accountNumber?: number): WidgetEvent
  declineWidgetSession(widgetSessionId: string): WidgetEvent
  /** the shopper has no account: the purchase widget ends with null/false/apply */
  sendToApplication(widgetSessionId: string): WidgetEvent
  /** the shopper fills in an application widget as one of Flexiti's test applicants (middle name) */
  applyInWidget(widgetSessionId: string, applicant: TestApplicantKey): WidgetEvent
  /** the shopper applies in the hosted flow; returns the URL the page would navigate to */
  applyInOnlineOrder(onlineOrderId: number, applicant: TestApplicantKey): { redirect_url: string | null; application_id?: number }
  /** Flexiti decides a pending application */
  decideApplication(applicationId: number, decision: "approved" | "declined"): void
  /** the next matching Flexiti call answers this documented error */
  failNextWith(code: DocumentedErrorCode, pathContains?: string): void
  /** returns the URL the hosted page would navigate to (null when the client has no such URL) */
  completeOnlineOrder(onlineOrderId: number, outcome: OnlineOutcome, accountNumber?: number): string | null
  advanceClock(seconds: number): void
  setFaults(faults: FaultsInput): void
  clearFaults(): void
  counters(): Counters
  /** full state of one authorization (dollars), or undefined */
  authorization(authorizationId: number): Record<string, unknown> | undefined
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const core = createCore(options.clients ?? [SANDBOX_DEFAULT_CLIENT], options.tokenLifetimeSeconds ?? 1200, options.quiet ?? false, options.strictness)
  const server = createSandboxServer(core)
  const host = options.host ?? "127.0.0.1"
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(options.port ?? 4010, host, () => {
      server.off("error", reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  const urlHost = host.includes(":") ? `[${host}]` : host

  return {
    url: `http://${urlHost}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        // Keep-alive sockets of HTTP clients would otherwise hold close() open.
        server.closeAllConnections()
      }),
    reset: () => resetCore(core),
    addClient: (client) => core.state.upsertClient(client),
    addAccount: (account) => {
      addAccount(core, accountInputSchema.parse(account))
    },
    approveWidgetSession: (id, accountNumber) => approveWidgetSession(core, id, accountNumber).event,
    declineWidgetSession: (id) => declineWidgetSession(core, id).event,
    sendToApplication: (id) => sendToApplication(core, id).event,
    applyInWidget: (id, applicant) => applyInWidget(core, id, applicant).event,
    applyInOnlineOrder: (id, applicant) => {
      const result = applyInOnlineOrder(core, id, applicant)
      return { redirect_url: result.redirect_url, application_id: result.application?.application_id }
    },
    decideApplication: (id, decision) => {
      decideApplication(core, id, decision)
    },
    failNextWith: (code, pathContains) => applyFaults(core, { error_next: [...core.faults.errorNext, { code, path_contains: pathContains }] }),
    completeOnlineOrder: (id, outcome, accountNumber) => completeOnlineOrder(core, id, outcome, accountNumber).redirect_url,
    advanceClock: (seconds) => core.clock.advance(seconds),
    setFaults: (faults) => applyFaults(core, faultsInputSchema.parse(faults)),
    clearFaults: () => core.faults.clear(),
    counters: () => structuredClone(core.state.counters),
    authorization: (id) => {
      const auth = core.state.authorizations.get(id)
      return auth ? authorizationFullView(auth) : undefined
    },
  }
}
