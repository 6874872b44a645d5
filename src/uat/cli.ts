#!/usr/bin/env node
import { mkdir, writeFile } from "node:fs/promises"
import { join, resolve } from "node:path"
import { createInterface } from "node:readline/promises"
import { parseArgs } from "node:util"
import { FLEXITI_ENVIRONMENTS, FlexitiEnvironment } from "../flexiti/environments"
import { RunningSandbox, startSandbox } from "../sandbox"
import { redact, renderHtml, renderMarkdown } from "./report"
import { businessAccountsFrom, seedSandboxBusinessAccounts } from "./business-accounts-option"
import { runUat, UatReport, UatTarget } from "./runner"
import { sandboxTarget } from "./sandbox-target"
import { interactiveShopper, manualShopper } from "./shoppers"
import { StoredTarget, storedTarget } from "./stored-credentials"

export const USAGE = `flexiti-uat --sandbox [--business-account-plan] [--out DIR]
flexiti-uat --env merchant_integration --client-id ID --client-secret-env VAR --account N [--interactive] [--pos-url URL] [--online-url URL] [--wait-for-expiry] [--out DIR]
flexiti-uat --env merchant_integration --from-store --account N [--interactive] [--wait-for-expiry] [--out DIR]
  with the Business Account plan: --business-account-plan --business-account qc-regular=N --business-account qc-promotional=N
    --business-account roc-regular=N --business-account roc-promotional=N [--unknown-vcc NUMBER]

Runs the cases of Flexiti's "Test Plan – Online Channel" (and, for enrolled merchants, its
"Business Account" plan) and writes flexiti-uat-report.md and flexiti-uat-report.html (default
folder: ./flexiti-uat). Purchases run as the store runs them: widget/init, the shopper's
verification in the widget, authorization on the customer-scope token. In the sandbox the runner
finishes the widget itself; elsewhere --interactive prints the widget's URL and waits while a
tester finishes it, and without it those steps are marked manual. The client
secret is read from the environment variable named by --client-secret-env, never from the
command line. --from-store reads the environment's credentials as the store saved them in
Settings → Flexiti, from the database in DATABASE_URL, decrypted with FLEXITI_ENCRYPTION_KEY.
Exit code 1 when an automated case fails.`

export interface UatCliResult {
  report: UatReport
  files: { markdown: string; html: string }
}

/** Runs the UAT from command-line arguments (without the node and script entries). */
export async function runUatCli(
  argv: string[],
  io: {
    log?: (line: string) => void
    env?: NodeJS.ProcessEnv
    /** asks the tester at the keyboard (default: the terminal, when stdin is one) */
    ask?: (question: string) => Promise<string>
  } = {}
): Promise<UatCliResult> {
  const log = io.log ?? ((line: string) => console.log(line))
  const env = io.env ?? process.env
  const { values } = parseArgs({
    args: argv,
    options: {
      sandbox: { type: "boolean", default: false },
      env: { type: "string" },
      "client-id": { type: "string" },
      "from-store": { type: "boolean", default: false },
      "client-secret-env": { type: "string" },
      account: { type: "string" },
      "pos-url": { type: "string" },
      "online-url": { type: "string" },
      "wait-for-expiry": { type: "boolean", default: false },
      interactive: { type: "boolean", default: false },
      "business-account-plan": { type: "boolean", default: false },
      "business-account": { type: "string", multiple: true },
      "unknown-vcc": { type: "string" },
      out: { type: "string", default: "flexiti-uat" },
    },
    strict: true,
  })

  let sandbox: RunningSandbox | undefined
  let target: UatTarget
  if (values.sandbox) {
    sandbox = await startSandbox({ port: 0, quiet: true })
    const running = sandbox
    target = {
      ...sandboxTarget(running),
      businessPlan: values["business-account-plan"] ? seedSandboxBusinessAccounts(running, values["unknown-vcc"]) : undefined,
    }
  } else {
    const environment = values.env as FlexitiEnvironment | undefined
    if (!environment || !FLEXITI_ENVIRONMENTS.includes(environment)) {
      throw new Error(`--env must be one of ${FLEXITI_ENVIRONMENTS.join(", ")} (or use --sandbox)\n\n${USAGE}`)
    }
    const credentials = await credentialsFrom(values, environment, env)
    const account = values.account === undefined ? undefined : Number(values.account)
    if (account !== undefined && !(Number.isInteger(account) && account > 0)) throw new Error("--account must be an account number")
    target = {
      environment,
      ...credentials,
      posOrigin: values["pos-url"] ?? credentials.posOrigin,
      onlineOrigin: values["online-url"] ?? credentials.onlineOrigin,
      accountNumber: account,
      waitForExpiry: values["wait-for-expiry"],
      shopper: shopperFor(values.interactive === true, io.ask, log),
      businessPlan: values["business-account-plan"] ? businessAccountsFrom(values["business-account"] ?? [], values["unknown-vcc"]) : undefined,
    }
  }

  try {
    log(`Flexiti UAT against ${target.environment} (client ${target.clientId})`)
    const report = await runUat(target, { log })
    const secrets = [target.clientSecret]
    const dir = resolve(values.out as string)
    await mkdir(dir, { recursive: true })
    const files = { markdown: join(dir, "flexiti-uat-report.md"), html: join(dir, "flexiti-uat-report.html") }
    await writeFile(files.markdown, redact(renderMarkdown(report), secrets))
    await writeFile(files.html, redact(renderHtml(report), secrets))
    log(`${report.ok ? "All automated cases passed" : "Some automated cases FAILED"}; report: ${files.markdown}, ${files.html}`)
    return { report, files }
  } finally {
    await sandbox?.close()
  }
}

/** The client id and secret: from the store's database (--from-store) or from the command line and a named variable. */
async function credentialsFrom(
  values: { "from-store"?: boolean; "client-id"?: string; "client-secret-env"?: string },
  environment: FlexitiEnvironment,
  env: NodeJS.ProcessEnv
): Promise<StoredTarget> {
  if (values["from-store"]) {
    if (values["client-id"] || values["client-secret-env"])
      throw new Error(`--from-store reads the credentials from the store: drop --client-id and --client-secret-env\n\n${USAGE}`)
    if (!env.DATABASE_URL) throw new Error("DATABASE_URL is empty: export the store's database URL to read its saved credentials")
    return storedTarget(env.DATABASE_URL, environment, env.FLEXITI_ENCRYPTION_KEY)
  }
  const clientId = values["client-id"]
  const secretVar = values["client-secret-env"]
  if (!clientId || !secretVar) throw new Error(`--client-id and --client-secret-env (or --from-store) are required\n\n${USAGE}`)
  const clientSecret = env[secretVar]
  if (!clientSecret) throw new Error(`The environment variable ${secretVar} is empty: export the client secret there`)
  return { clientId, clientSecret }
}

/** --interactive waits for a tester at the terminal; with no terminal on stdin nobody can answer, so the steps stay manual. */
function shopperFor(interactive: boolean, ask: ((question: string) => Promise<string>) | undefined, log: (line: string) => void) {
  if (!interactive) return manualShopper
  if (ask) return interactiveShopper(ask)
  if (!process.stdin.isTTY) {
    log("--interactive: no terminal on stdin, so the widget steps are left to a tester (see the report).")
    return manualShopper
  }
  return interactiveShopper(async (question) => {
    const terminal = createInterface({ input: process.stdin, output: process.stdout })
    try {
      return await terminal.question(question)
    } finally {
      terminal.close()
    }
  })
}

if (require.main === module) {
  runUatCli(process.argv.slice(2)).then(
    ({ report }) => process.exit(report.ok ? 0 : 1),
    (error: Error) => {
      console.error(error.message)
      process.exit(2)
    }
  )
}
