import { mkdtemp, readFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import path, { join } from "node:path"
import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { FLEXITI_MODULE } from "../../modules/flexiti/schema"
import type FlexitiModuleService from "../../modules/flexiti/service"
import { RunningSandbox, SANDBOX_DEFAULT_CLIENT, SANDBOX_TEST_ACCOUNTS, startSandbox } from "../../sandbox"
import { runUatCli } from "../cli"

jest.setTimeout(120_000)

const KEY_HEX = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0"
const DB_NAME = "flexiti-uat-from-store"
const MODULE_DIR = path.resolve(__dirname, "../../modules/flexiti")
const databaseUrl = () =>
  `postgres://${process.env.DB_USERNAME ?? "postgres"}@${process.env.DB_HOST ?? "localhost"}:${process.env.DB_PORT ?? "5432"}/${DB_NAME}`

moduleIntegrationTestRunner<FlexitiModuleService>({
  moduleName: FLEXITI_MODULE,
  resolve: MODULE_DIR,
  pathToMigrations: path.join(MODULE_DIR, "migrations"),
  dbName: DB_NAME,
  testSuite: ({ service }) => {
    let sandbox: RunningSandbox
    const savedKey = process.env.FLEXITI_ENCRYPTION_KEY
    beforeAll(async () => {
      sandbox = await startSandbox({ port: 0, quiet: true })
    })
    afterAll(async () => {
      await sandbox.close()
      process.env.FLEXITI_ENCRYPTION_KEY = savedKey
    })
    beforeEach(() => {
      process.env.FLEXITI_ENCRYPTION_KEY = KEY_HEX
    })

    it("--from-store runs the test plan on the credentials and host the admin saved, and never prints the secret", async () => {
      await service.setCredentials({
        environment: "merchant_integration",
        client_id: SANDBOX_DEFAULT_CLIENT.client_id,
        client_secret: SANDBOX_DEFAULT_CLIENT.client_secret,
        pos_base_url: sandbox.url,
        development_endpoint: true,
      })
      const out = await mkdtemp(join(tmpdir(), "flexiti-uat-"))
      const lines: string[] = []
      const account = String(SANDBOX_TEST_ACCOUNTS.approved.account_number)
      const { report, files } = await runUatCli(["--env", "merchant_integration", "--from-store", "--account", account, "--out", out], {
        log: (line) => lines.push(line),
        env: { DATABASE_URL: databaseUrl(), FLEXITI_ENCRYPTION_KEY: KEY_HEX },
      })
      expect(report.cases.find((c) => c.id === "credentials")?.details.join(" ")).toContain(sandbox.url)
      // Nobody at a terminal: the purchase waits for a tester in the widget, whose URL the report gives.
      const purchase = report.cases.find((c) => c.id === "purchase")
      expect(purchase?.status).toBe("manual")
      expect(purchase?.details.join(" ")).toContain(`${sandbox.url}/#/widget/`)
      expect(report.cases.find((c) => c.id === "merchant-scope")?.status).toBe("observed")
      expect(report.cases.find((c) => c.id === "expired-token")?.status).toBe("manual")
      expect(report.ok).toBe(true)
      const written = (await readFile(files.markdown, "utf8")) + (await readFile(files.html, "utf8")) + lines.join("\n")
      expect(written).not.toContain(SANDBOX_DEFAULT_CLIENT.client_secret)
    })

    it("--from-store says what is missing: credentials of that environment, the database, the key", async () => {
      const quiet = { log: () => undefined }
      const env = { DATABASE_URL: databaseUrl(), FLEXITI_ENCRYPTION_KEY: KEY_HEX }
      await expect(runUatCli(["--env", "training", "--from-store"], { ...quiet, env })).rejects.toThrow(/no client id and secret saved for training/)
      await expect(runUatCli(["--env", "training", "--from-store"], { ...quiet, env: { FLEXITI_ENCRYPTION_KEY: KEY_HEX } })).rejects.toThrow(
        /DATABASE_URL is empty/
      )
      await expect(runUatCli(["--env", "training", "--from-store"], { ...quiet, env: { DATABASE_URL: databaseUrl() } })).rejects.toThrow(
        /FLEXITI_ENCRYPTION_KEY is empty/
      )
      await service.setCredentials({ environment: "training", client_id: "shop", client_secret: "s3cret" })
      const otherKey = "f".repeat(64)
      await expect(runUatCli(["--env", "training", "--from-store"], { ...quiet, env: { ...env, FLEXITI_ENCRYPTION_KEY: otherKey } })).rejects.toThrow(
        /decrypt|key/i
      )
      await expect(runUatCli(["--env", "training", "--from-store", "--client-id", "x"], { ...quiet, env })).rejects.toThrow(/drop --client-id/)
    })
  },
})
