import { mkdtemp, readFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { RunningSandbox, SANDBOX_DEFAULT_CLIENT, SANDBOX_TEST_ACCOUNTS, startSandbox } from "../../sandbox"
import { runUatCli } from "../cli"
import { runUat, UatTarget } from "../runner"

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

describe("flexiti-uat", () => {
  it("--sandbox passes every automated case and writes the Markdown and HTML reports without the secret", async () => {
    const out = await mkdtemp(join(tmpdir(), "flexiti-uat-"))
    const lines: string[] = []
    const { report, files } = await runUatCli(["--sandbox", "--out", out], { log: (line) => lines.push(line) })
    expect(report.cases.map((c) => c.id)).toEqual(ALL_CASES)
    expect(report.cases.filter((c) => c.status !== "passed")).toEqual([])
    expect(report.ok).toBe(true)
    const markdown = await readFile(files.markdown, "utf8")
    const html = await readFile(files.html, "utf8")
    expect(markdown).toContain("| Call after expires_in | Any call after expires_in gets 401. | PASS |")
    expect(markdown).toContain("### [ ] Disclaimers and disclosures shown to the shopper")
    expect(html).toContain('<tr class="passed"><td>Customer-scope token refused on back-office calls</td>')
    for (const text of [markdown, html, lines.join("\n")]) expect(text).not.toContain(SANDBOX_DEFAULT_CLIENT.client_secret)
  })

  describe("fails when the environment breaks a case", () => {
    let sandbox: RunningSandbox
    let target: UatTarget
    beforeAll(async () => {
      sandbox = await startSandbox({ port: 0, quiet: true })
    })
    afterAll(() => sandbox.close())
    beforeEach(() => {
      sandbox.reset()
      target = {
        environment: "sandbox",
        clientId: SANDBOX_DEFAULT_CLIENT.client_id,
        clientSecret: SANDBOX_DEFAULT_CLIENT.client_secret,
        posOrigin: sandbox.url,
        accountNumber: SANDBOX_TEST_ACCOUNTS.approved.account_number,
        advanceClock: async (seconds) => sandbox.advanceClock(seconds),
      }
    })

    it("a capture Flexiti refuses fails the capture cases", async () => {
      sandbox.setFaults({ error_next: [{ code: "general_error", path_contains: "/capture", method: "POST" }] })
      const report = await runUat(target)
      expect(report.ok).toBe(false)
      const failed = report.cases.find((c) => c.id === "partial-capture")
      expect(failed?.status).toBe("failed")
      expect(failed?.details.join(" ")).toContain("general_error")
      expect(report.cases.find((c) => c.id === "invalid-client")?.status).toBe("passed")
    })

    it("a token that outlives expires_in fails the expiry case", async () => {
      const report = await runUat({ ...target, advanceClock: async () => undefined })
      expect(report.ok).toBe(false)
      expect(report.cases.find((c) => c.id === "expired-token")).toMatchObject({ status: "failed" })
      expect(report.cases.filter((c) => c.status === "failed")).toHaveLength(1)
    })

    it("a customer-scope token accepted on release fails the scope case", async () => {
      // Answer every release with success, as an environment that ignored scopes would.
      sandbox.setFaults({ fail_next: Array.from({ length: 3 }, () => ({ path_contains: "/release", status: 200, body: { authorization_id: 1, released_amount: 50, remaining_authorization_amount: 0, status: "closed" } })) })
      const report = await runUat(target)
      expect(report.cases.find((c) => c.id === "customer-scope")).toMatchObject({ status: "failed" })
      expect(report.ok).toBe(false)
    })
  })

  it("a real environment reads the secret from the named variable, never prints it, and skips the 20-minute wait unless asked", async () => {
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
      expect(report.cases.find((c) => c.id === "expired-token")?.status).toBe("skipped")
      expect(report.cases.find((c) => c.id === "credentials")?.details.join(" ")).toContain("https://posapi-mi.flexiti.fi")
      expect(report.ok).toBe(true)
      const written = (await readFile(files.markdown, "utf8")) + (await readFile(files.html, "utf8")) + lines.join("\n")
      expect(written).not.toContain(SANDBOX_DEFAULT_CLIENT.client_secret)
      expect(written).toContain("NOT RUN")

      await expect(runUatCli([...args, "--out", out], { env: {}, log: () => undefined })).rejects.toThrow(/FLX_UAT_SECRET is empty/)
      await expect(runUatCli(["--env", "staging"], { env: {}, log: () => undefined })).rejects.toThrow(/--env must be one of/)
    } finally {
      await sandbox.close()
    }
  })
})
