import axios from "axios"
import { mkdtemp, readFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { SANDBOX_DEFAULT_CLIENT, SANDBOX_TEST_ACCOUNTS, startSandbox } from "../../sandbox"
import { runUatCli } from "../cli"
import { runUat, UatReport } from "../runner"
import { sandboxShopper } from "../shoppers"
import { ShopperVerifier } from "../store-purchase"
import { useUatSandbox } from "./sandbox-hook"

jest.setTimeout(60_000)

const ALL_CASES = [
  "credentials",
  "merchant-scope",
  "invalid-client",
  "purchase",
  "partial-capture",
  "full-capture",
  "release",
  "return",
  "refund",
  "customer-scope",
  "expired-token",
  "field-lengths",
]

const caseOf = (report: UatReport, id: string) => report.cases.find((c) => c.id === id)
const callsOf = (report: UatReport, id: string) => report.calls.filter((c) => c.case === id)

describe("flexiti-uat", () => {
  it("--sandbox observes every case, the purchase on the store's path, and writes both reports without the secret", async () => {
    const out = await mkdtemp(join(tmpdir(), "flexiti-uat-"))
    const lines: string[] = []
    const { report, files } = await runUatCli(["--sandbox", "--out", out], { log: (line) => lines.push(line) })
    expect(report.cases.map((c) => c.id)).toEqual(ALL_CASES)
    expect(report.cases.filter((c) => c.status !== "observed")).toEqual([])
    expect(report.ok).toBe(true)
    // The store's order of calls and the scope each carries: the purchase on the customer-scope
    // token, the back-office moves on the merchant token.
    expect(callsOf(report, "purchase").map((c) => [c.call.split(" (")[0].split(" ").slice(0, 2).join(" "), c.scope])).toEqual([
      ["widget/init", "customer"],
      ["calculate-interest 100.00", "customer"],
      ["POST authorization", "customer"],
    ])
    expect(callsOf(report, "partial-capture").map((c) => c.scope)).toEqual(["merchant"])
    expect(callsOf(report, "release").map((c) => c.scope)).toEqual(["customer", "customer", "customer", "merchant"])
    for (const c of report.cases.filter((c) => c.id !== "field-lengths")) {
      expect(c.referenceIds.length).toBeGreaterThan(0)
      for (const id of c.referenceIds) expect(id).toMatch(/^[0-9a-f]{32}$/)
    }
    const markdown = await readFile(files.markdown, "utf8")
    const html = await readFile(files.html, "utf8")
    const purchaseRefs = caseOf(report, "purchase")!.referenceIds.join(", ")
    expect(markdown).toContain(`| Purchase (the store's widget flow) | ${caseOf(report, "purchase")!.requirement} | OBSERVED | ${purchaseRefs} |`)
    expect(markdown).toMatch(/\| purchase \| POST authorization [^|]+\| customer \| [0-9a-f]{32} \| ok \|/)
    expect(markdown).toContain("### [ ] Disclaimers and disclosures shown to the shopper")
    expect(report.checklist.map((c) => c.id)).not.toContain("sku-statement")
    expect(html).toContain('<tr class="observed"><td>Customer-scope token refused on back-office calls</td>')
    for (const text of [markdown, html, lines.join("\n")]) expect(text).not.toContain(SANDBOX_DEFAULT_CLIENT.client_secret)
  })

  it("--sandbox --business-account-plan seeds business accounts and runs that plan's purchases after the online plan", async () => {
    const out = await mkdtemp(join(tmpdir(), "flexiti-uat-"))
    const { report } = await runUatCli(["--sandbox", "--business-account-plan", "--out", out], { log: () => undefined })
    expect(report.cases.map((c) => c.id)).toEqual([
      ...ALL_CASES,
      "business-qc-regular",
      "business-qc-promotional",
      "business-roc-regular",
      "business-roc-promotional",
      "business-vcc-not-found",
      "business-sku-data",
    ])
    for (const id of ["business-qc-regular", "business-qc-promotional", "business-roc-regular", "business-roc-promotional", "business-sku-data"]) {
      expect([id, caseOf(report, id)?.status]).toEqual([id, "observed"])
    }
  })

  describe("against a sandbox", () => {
    const uat = useUatSandbox()
    const control = () => axios.create({ baseURL: `${uat.sandbox.url}/__sandbox`, validateStatus: () => true })

    it("the authorization is on the widget's customer-scope token: Flexiti's identity check refuses it when the widget verified nobody", async () => {
      // The sandbox accepts a merchant token on POST authorization without any widget; on a
      // customer-scope token it requires that token's widget to have verified the account
      // (customer_identity_not_found otherwise). A shopper who never finishes the widget
      // therefore fails the purchase only if the runner used the customer-scope token.
      const unverified: ShopperVerifier = async ({ accountNumber }) => ({ kind: "verified", accountNumber })
      const report = await runUat({ ...uat.target, shopper: unverified })
      const purchase = caseOf(report, "purchase")!
      expect(purchase.status).toBe("failed")
      expect(purchase.details.join(" ")).toContain("HTTP 404 customer_identity_not_found")
      expect(callsOf(report, "purchase").at(-1)).toMatchObject({
        call: expect.stringContaining("POST authorization"),
        scope: "customer",
        outcome: "HTTP 404 customer_identity_not_found",
      })
      expect(caseOf(report, "partial-capture")?.status).toBe("failed")
    })

    it("the widget session the shopper verified is the one the purchase opened, on the runner's x-reference-id", async () => {
      const seen: string[] = []
      const watching: ShopperVerifier = async (widget) => {
        seen.push(widget.widgetSessionId)
        return sandboxShopper(uat.sandbox.url)(widget)
      }
      const report = await runUat({ ...uat.target, shopper: watching })
      expect(caseOf(report, "purchase")?.status).toBe("observed")
      const session = (await control().get(`/widget-sessions/${seen[0]}`)).data
      expect(session.status).toBe("approved")
      expect(session.account_number).toBe(SANDBOX_TEST_ACCOUNTS.approved.account_number)
      expect(session.x_reference_id).toBe(callsOf(report, "purchase")[0].referenceId)
      const auth = (await control().get("/authorizations", { params: { client_id: SANDBOX_DEFAULT_CLIENT.client_id } })).data.authorizations
      expect(auth.find((a: { amount: number }) => a.amount === 100)).toMatchObject({ account_number: SANDBOX_TEST_ACCOUNTS.approved.account_number })
    })

    it("without anyone to finish the widget, the purchase and what builds on it are manual, never failed", async () => {
      const report = await runUat({ ...uat.target, shopper: undefined })
      for (const id of ["purchase", "partial-capture", "full-capture", "release", "return", "refund", "customer-scope"]) {
        expect([id, caseOf(report, id)?.status]).toEqual([id, "manual"])
      }
      expect(caseOf(report, "purchase")?.details.join(" ")).toMatch(new RegExp(`Open ${uat.sandbox.url}/#/widget/\\S+ in a browser`))
      expect(caseOf(report, "expired-token")?.status).toBe("observed")
      expect(report.ok).toBe(true)
    })

    it("a capture Flexiti refuses fails the capture cases", async () => {
      uat.sandbox.setFaults({ error_next: [{ code: "general_error", path_contains: "/capture", method: "POST" }] })
      const report = await runUat(uat.target)
      expect(report.ok).toBe(false)
      const failed = caseOf(report, "partial-capture")
      expect(failed?.status).toBe("failed")
      expect(failed?.details.join(" ")).toContain("general_error")
      expect(caseOf(report, "invalid-client")?.status).toBe("observed")
    })

    it("a token that outlives expires_in fails the expiry case", async () => {
      const report = await runUat({ ...uat.target, advanceClock: async () => undefined })
      expect(report.ok).toBe(false)
      expect(caseOf(report, "expired-token")).toMatchObject({ status: "failed" })
      expect(report.cases.filter((c) => c.status === "failed")).toHaveLength(1)
    })

    it("a customer-scope token accepted on release fails the scope case", async () => {
      // Answer every release with success, as an environment that ignored scopes would.
      uat.sandbox.setFaults({
        fail_next: Array.from({ length: 3 }, () => ({
          path_contains: "/release",
          status: 200,
          body: { authorization_id: 1, released_amount: 50, remaining_authorization_amount: 0, status: "closed" },
        })),
      })
      const report = await runUat(uat.target)
      expect(caseOf(report, "customer-scope")).toMatchObject({ status: "failed" })
      expect(report.ok).toBe(false)
    })
  })

  it("--interactive waits while a tester finishes each widget, then authorizes on that widget's token", async () => {
    const sandbox = await startSandbox({ port: 0, quiet: true })
    try {
      const out = await mkdtemp(join(tmpdir(), "flexiti-uat-"))
      const questions: string[] = []
      // The tester: opens the URL the runner printed and approves in the sandbox's widget.
      const ask = async (question: string) => {
        questions.push(question)
        const id = /widget_session_id=([0-9a-f-]+)/.exec(question)?.[1]
        await axios.post(`${sandbox.url}/__sandbox/widget-sessions/${id}/approve`, {})
        return ""
      }
      const args = ["--env", "merchant_integration", "--client-id", SANDBOX_DEFAULT_CLIENT.client_id, "--client-secret-env", "FLX_UAT_SECRET", "--interactive"]
      const { report } = await runUatCli(
        [...args, "--account", String(SANDBOX_TEST_ACCOUNTS.approved.account_number), "--pos-url", sandbox.url, "--out", out],
        {
          log: () => undefined,
          env: { FLX_UAT_SECRET: SANDBOX_DEFAULT_CLIENT.client_secret },
          ask,
        }
      )
      expect(questions).toHaveLength(2)
      expect(questions[0]).toContain(`Open ${sandbox.url}/#/widget/`)
      for (const id of ["purchase", "partial-capture", "full-capture", "release", "return", "refund", "customer-scope"]) {
        expect([id, caseOf(report, id)?.status]).toEqual([id, "observed"])
      }
      expect(caseOf(report, "expired-token")?.status).toBe("manual")
      expect(report.ok).toBe(true)
    } finally {
      await sandbox.close()
    }
  })

  it("a real environment reads the secret from the named variable, never prints it, and leaves the 20-minute wait manual unless asked", async () => {
    const sandbox = await startSandbox({ port: 0, quiet: true })
    try {
      const out = await mkdtemp(join(tmpdir(), "flexiti-uat-"))
      const lines: string[] = []
      const args = ["--env", "merchant_integration", "--client-id", SANDBOX_DEFAULT_CLIENT.client_id, "--client-secret-env", "FLX_UAT_SECRET"]
      const { report, files } = await runUatCli(
        [...args, "--account", String(SANDBOX_TEST_ACCOUNTS.approved.account_number), "--pos-url", sandbox.url, "--out", out],
        { log: (line) => lines.push(line), env: { FLX_UAT_SECRET: SANDBOX_DEFAULT_CLIENT.client_secret } }
      )
      expect(report.environment).toBe("merchant_integration")
      expect(caseOf(report, "expired-token")?.status).toBe("manual")
      expect(caseOf(report, "credentials")?.details.join(" ")).toContain("https://posapi-mi.flexiti.fi")
      expect(report.ok).toBe(true)
      const written = (await readFile(files.markdown, "utf8")) + (await readFile(files.html, "utf8")) + lines.join("\n")
      expect(written).not.toContain(SANDBOX_DEFAULT_CLIENT.client_secret)
      expect(written).toContain("MANUAL")

      await expect(runUatCli([...args, "--out", out], { env: {}, log: () => undefined })).rejects.toThrow(/FLX_UAT_SECRET is empty/)
      await expect(runUatCli(["--env", "staging"], { env: {}, log: () => undefined })).rejects.toThrow(/--env must be one of/)
    } finally {
      await sandbox.close()
    }
  })
})
