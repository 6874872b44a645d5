/**
 * A merchant's install, end to end: Medusa's official starter (dtc-starter: apps/backend +
 * apps/storefront) pinned to Medusa 2.21.2, the PACKED plugin and storefront kit installed as the
 * README's "Install into a Medusa 2.21 store" says (its code blocks are read from README.md), a
 * CAD region with Flexiti, the sandbox, the backend and the storefront (`next build && next
 * start`), then a shopper's Flexiti checkout in headless Chromium and the admin's capture and
 * refund, checked against the sandbox's ledger.
 *
 * Needs the fixture ../shared/fixtures/dtc-starter-9233262.tar.gz (next to the repository, or
 * STARTER_FIXTURE): missing, the test fails under CI=true and is skipped otherwise. Needs
 * network access to the npm registry (pnpm install), PostgreSQL, Redis and /usr/bin/chromium.
 */
import axios from "axios"
import { ChildProcess, spawn } from "node:child_process"
import { randomBytes } from "node:crypto"
import { copyFileSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import path from "node:path"
import { Client } from "pg"
import type { Browser, Frame } from "playwright-core"
import { clickInFrame, launchChromium, screenshot } from "../fixtures/browser"

const root = path.resolve(__dirname, "../..")
const FIXTURE = process.env.STARTER_FIXTURE ?? path.resolve(root, "../shared/fixtures/dtc-starter-9233262.tar.gz")
const LOGS = path.join(root, "artifacts/starter")
const PORTS = {
  backend: Number(process.env.STARTER_BACKEND_PORT ?? 9390),
  storefront: Number(process.env.STARTER_STOREFRONT_PORT ?? 8390),
  sandbox: Number(process.env.STARTER_SANDBOX_PORT ?? 4390),
}
const MEDUSA_VERSION = "2.21.2"
const PNPM = "pnpm@10.11.1" // the dtc-starter's packageManager
const ADMIN = { email: "admin@flexiti.test", password: `pw-${randomBytes(8).toString("hex")}` }
const ONTARIO = { first: "Test", last: "Shopper", address: "100 King St W", postal: "M5X 1A9", city: "Toronto", province: "ON", email: "shopper@example.ca" }

/** The code block that follows `<!-- starter-test:<name> -->` in README.md. */
function readmeBlock(name: string): string {
  const readme = readFileSync(path.join(root, "README.md"), "utf8")
  const match = readme.match(new RegExp(`<!-- starter-test:${name} -->\\s*\`\`\`\\w*\\n([\\s\\S]*?)\`\`\``))
  if (!match) throw new Error(`README.md has no block <!-- starter-test:${name} -->`)
  return match[1]
}

/** Child environment without what jest and scripts/test.sh set, so each app reads its own .env. */
function cleanEnv(extra: Record<string, string> = {}) {
  const env = { ...process.env }
  for (const k of Object.keys(env)) if (/^(FLEXITI_|DB_|TEST_TYPE|JEST_|NODE_ENV$|NODE_OPTIONS$|DATABASE_URL$)/.test(k)) delete env[k]
  return { ...env, CI: "true", MEDUSA_DISABLE_TELEMETRY: "true", NEXT_TELEMETRY_DISABLED: "1", ...extra }
}

const children: ChildProcess[] = []
function logFile(name: string) {
  mkdirSync(LOGS, { recursive: true })
  return path.join(LOGS, `${name}.log`)
}
const tail = (file: string) => (existsSync(file) ? readFileSync(file, "utf8").slice(-3000) : "")

/**
 * Runs a command to its end and resolves with its stdout; rejects with the end of its log.
 * `logStdout: false` keeps a large answer (pnpm list) out of the log.
 */
function run(name: string, command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = cleanEnv(), logStdout = true): Promise<string> {
  const file = logFile(name)
  const out = createWriteStream(file)
  let stdout = ""
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] })
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()))
    if (logStdout) child.stdout.pipe(out)
    child.stderr.pipe(out)
    child.once("error", reject)
    child.once("exit", (code) => {
      out.end(() => (code === 0 ? resolve(stdout) : reject(new Error(`${command} ${args.join(" ")} exited with ${code}:\n${tail(file)}`))))
    })
  })
}

/** Starts a server in its own process group and waits until `url` answers 200. */
async function serve(name: string, command: string, args: string[], cwd: string, url: string, env: NodeJS.ProcessEnv = cleanEnv(), timeoutMs = 180_000) {
  const file = logFile(name)
  const out = createWriteStream(file)
  const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"], detached: true })
  child.stdout!.pipe(out)
  child.stderr!.pipe(out)
  children.push(child)
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${tail(file)}`)
    const status = await axios.get(url, { validateStatus: () => true, timeout: 5000 }).then(
      (r) => r.status,
      () => 0
    )
    if (status === 200) return
    await new Promise((r) => setTimeout(r, 1000))
  }
  throw new Error(`${name} did not answer ${url} within ${timeoutMs / 1000}s:\n${tail(file)}`)
}

async function stopChildren() {
  for (const child of children.reverse()) {
    if (child.exitCode !== null || !child.pid) continue
    const exited = new Promise((r) => child.once("exit", r))
    try {
      process.kill(-child.pid, "SIGTERM")
    } catch {
      continue
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))])
    try {
      process.kill(-child.pid, "SIGKILL")
    } catch {
      // already gone
    }
  }
}

function pg(database = "postgres") {
  return new Client({
    host: process.env.DB_HOST ?? "localhost",
    port: Number(process.env.DB_PORT ?? 5432),
    user: process.env.DB_USERNAME ?? "postgres",
    password: process.env.DB_PASSWORD || undefined,
    database,
  })
}
async function adminQuery(sql: string) {
  const client = pg()
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

/** Pins the starter's Medusa packages to the version this plugin is built for. */
function pinMedusa(packageJson: string) {
  const pkg = JSON.parse(readFileSync(packageJson, "utf8"))
  for (const section of ["dependencies", "devDependencies"]) {
    for (const name of Object.keys(pkg[section] ?? {})) {
      // @medusajs/ui has its own numbering: 4.2.6 is what @medusajs/dashboard 2.21.2 pins;
      // @medusajs/admin-bundler 2.21.2 requires vite 7.
      if (name === "@medusajs/ui") pkg[section][name] = "4.2.6"
      else if (name.startsWith("@medusajs/") && name !== "@medusajs/eslint-plugin") pkg[section][name] = MEDUSA_VERSION
      else if (name === "vite") pkg[section][name] = "^7.3.6"
    }
  }
  writeFileSync(packageJson, JSON.stringify(pkg, null, 2) + "\n")
}

/** Every name@version reachable from the given dependencies of a `pnpm list --json` answer. */
function closure(deps: Record<string, { version: string; dependencies?: Record<string, unknown> }>, seen = new Set<string>()) {
  for (const [name, dep] of Object.entries(deps ?? {})) {
    const key = `${name}@${dep.version}`
    if (seen.has(key)) continue
    seen.add(key)
    closure(dep.dependencies as typeof deps, seen)
  }
  return seen
}

const fixturePresent = existsSync(FIXTURE)
if (!fixturePresent) {
  if (process.env.CI === "true") {
    it("finds the dtc-starter fixture", () => {
      throw new Error(`The dtc-starter fixture is missing: ${FIXTURE} (set STARTER_FIXTURE to its path)`)
    })
  } else {
    console.warn(`dtc-starter test skipped: no fixture at ${FIXTURE} (set STARTER_FIXTURE; under CI=true this fails)`)
  }
}

;(fixturePresent ? describe : describe.skip)("Medusa's dtc-starter with the packed plugin and storefront kit", () => {
  // Set in beforeAll: a describe body runs even when skipped.
  let work = ""
  let starter = ""
  let backend = ""
  let storefront = ""
  const database = `flexiti_starter_${Date.now()}`
  const backendUrl = `http://localhost:${PORTS.backend}`
  const storefrontUrl = `http://localhost:${PORTS.storefront}`
  const sandboxUrl = `http://127.0.0.1:${PORTS.sandbox}`
  const tarballs = { plugin: "", storefront: "" }
  let seeded: { publishableKey: string }
  let browser: Browser | undefined
  let order: { id: string } | undefined
  const started = Date.now()

  // pnpm through npx, pinned to the starter's own version, without a global install.
  const pnpm = (name: string, args: string[], logStdout = true) => run(name, "npx", ["--yes", PNPM, ...args], starter, cleanEnv(), logStdout)

  beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), "flexiti-starter-"))
    starter = path.join(work, "dtc-starter")
    backend = path.join(starter, "apps/backend")
    storefront = path.join(starter, "apps/storefront")
  })

  afterAll(async () => {
    await browser?.close()
    await stopChildren()
    await adminQuery(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch(() => undefined)
    if (work && !process.env.STARTER_KEEP) rmSync(work, { recursive: true, force: true })
    console.log(`dtc-starter test: ${Math.round((Date.now() - started) / 1000)}s`)
  }, 60_000)

  it("packs both packages and unpacks the starter with Medusa pinned to 2.21.2", async () => {
    const out = path.join(work, "tarballs")
    mkdirSync(out)
    const packOutput = await run("pack", process.execPath, [path.join(root, "scripts/check-package.mjs"), `--out=${out}`], root, process.env)
    const packed = packOutput.match(/tarballs: (\S+) (\S+)/)!
    tarballs.plugin = packed[1]
    tarballs.storefront = packed[2]
    await run("unpack", "tar", ["xzf", FIXTURE, "-C", work], work)
    pinMedusa(path.join(backend, "package.json"))
    pinMedusa(path.join(storefront, "package.json"))
    await pnpm("install", ["install", "--no-frozen-lockfile"])
  }, 600_000)

  it("storefront: the README's commands add one package (the kit) and apply the Next.js integration", async () => {
    const listed = async () => {
      const json = JSON.parse(await pnpm("list", ["--filter", "@dtc/storefront", "list", "--depth", "Infinity", "--json"], false))[0]
      return closure({ ...json.dependencies, ...json.devDependencies, ...json.optionalDependencies })
    }
    const before = await listed()
    // The README's block, with the packed tarball in place of the registry's package.
    const script = readmeBlock("storefront-commands").replace(/^pnpm add medusa-payment-flexiti-storefront$/m, `npx --yes ${PNPM} add ${tarballs.storefront}`)
    expect(script).toContain(tarballs.storefront)
    expect(await run("storefront-commands", "bash", ["-euo", "pipefail", "-c", script], starter)).toContain(
      "src/modules/checkout/components/payment-button/index.tsx (edited)"
    )
    const added = [...(await listed())].filter((p) => !before.has(p))
    console.log(`storefront gained ${added.length} package(s): ${added.join(", ")}`)
    expect(added).toEqual(["medusa-payment-flexiti-storefront@0.1.0"])
  }, 300_000)

  it("backend: installs the plugin, applies the README's medusa-config and .env, migrates and seeds a CAD region with Flexiti", async () => {
    await pnpm("backend-add", ["--filter", "@dtc/backend", "add", tarballs.plugin])
    const configFile = path.join(backend, "medusa-config.ts")
    const config = readFileSync(configFile, "utf8")
    const withFlexiti = config.replace(/\}\n\}\)\s*$/, `},\n${readmeBlock("medusa-config")}})\n`)
    expect(withFlexiti).not.toBe(config)
    writeFileSync(configFile, withFlexiti)

    await adminQuery(`CREATE DATABASE "${database}"`)
    const envFromReadme = readmeBlock("backend-env")
      .replace("<64 hex characters>", randomBytes(32).toString("hex"))
      .replace("http://127.0.0.1:4010", sandboxUrl)
    writeFileSync(
      path.join(backend, ".env"),
      [
        // the starter's own .env.template variables, for this test's ports and database
        `STORE_CORS=${storefrontUrl}`,
        `ADMIN_CORS=${backendUrl}`,
        `AUTH_CORS=${backendUrl},${storefrontUrl}`,
        `REDIS_URL=redis://localhost:6379`,
        `JWT_SECRET=${randomBytes(16).toString("hex")}`,
        `COOKIE_SECRET=${randomBytes(16).toString("hex")}`,
        `DATABASE_URL=postgres://${process.env.DB_USERNAME ?? "postgres"}@${process.env.DB_HOST ?? "localhost"}:${process.env.DB_PORT ?? 5432}/${database}`,
        envFromReadme,
      ].join("\n")
    )
    // migrations (the plugin's flexiti module and the starter's own seed script)
    await run("migrate", "npx", ["medusa", "db:migrate"], backend)

    // The test's catalogue: a CAD region with Flexiti, a product above the $100 minimum, shipping
    // and a publishable key (the demo's seed, run with `medusa exec` as a merchant's script).
    mkdirSync(path.join(backend, "src/scripts"), { recursive: true })
    copyFileSync(path.join(root, "demo/seed-store.ts"), path.join(backend, "src/scripts/flexiti-seed-store.ts"))
    const seedOut = path.join(work, "seed.json")
    writeFileSync(
      path.join(backend, "src/scripts/flexiti-seed.ts"),
      `import { writeFileSync } from "node:fs"
import type { ExecArgs } from "@medusajs/framework/types"
import { seedStore } from "./flexiti-seed-store"

export default async function seed({ container }: ExecArgs) {
  const store = await seedStore(container, [{ title: "Flexiti Sofa", handle: "flexiti-sofa", description: "Three-seat sofa.", cad: 1250, usd: 950 }])
  writeFileSync(${JSON.stringify(seedOut)}, JSON.stringify(store))
}
`
    )
    await run("seed", "npx", ["medusa", "exec", "./src/scripts/flexiti-seed.ts"], backend)
    seeded = JSON.parse(readFileSync(seedOut, "utf8"))
    await run("admin-user", "npx", ["medusa", "user", "-e", ADMIN.email, "-p", ADMIN.password], backend)
  }, 600_000)

  it("starts the sandbox (the package's bin) and the backend with the plugin", async () => {
    await serve("sandbox", "npx", ["flexiti-sandbox", "--port", String(PORTS.sandbox), "--quiet"], backend, `${sandboxUrl}/__sandbox/counters`)
    // `medusa start` in development mode, as `medusa develop` runs it, without the file watcher.
    await serve("backend", "npx", ["medusa", "start", "--port", String(PORTS.backend)], backend, `${backendUrl}/health`, cleanEnv({ NODE_ENV: "development" }))
    const providers = await axios.get(`${backendUrl}/store/regions`, { headers: { "x-publishable-api-key": seeded.publishableKey } })
    expect(providers.data.regions.map((r: { currency_code: string }) => r.currency_code)).toContain("cad")
  }, 300_000)

  it("storefront: type-checks with the integration under moduleResolution node and bundler, builds and starts", async () => {
    writeFileSync(
      path.join(storefront, ".env.local"),
      [
        `NEXT_PUBLIC_MEDUSA_BACKEND_URL=${backendUrl}`,
        `NEXT_PUBLIC_MEDUSA_PUBLISHABLE_KEY=${seeded.publishableKey}`,
        `NEXT_PUBLIC_DEFAULT_REGION=ca`,
        `NEXT_PUBLIC_BASE_URL=${storefrontUrl}`,
      ].join("\n")
    )
    const tsconfig = JSON.parse(readFileSync(path.join(storefront, "tsconfig.json"), "utf8"))
    expect(tsconfig.compilerOptions.moduleResolution).toBe("node")
    await run("tsc-node", "npx", ["tsc", "--noEmit"], storefront)
    await run("tsc-bundler", "npx", ["tsc", "--noEmit", "--moduleResolution", "bundler"], storefront)
    await run("next-build", "npx", ["next", "build"], storefront)
    await serve("next-start", "npx", ["next", "start", "-p", String(PORTS.storefront)], storefront, `${storefrontUrl}/ca`)
  }, 900_000)

  it("a shopper pays with Flexiti: product, Ontario address, Flexiti, approve in the modal, order confirmation", async () => {
    browser = await launchChromium()
    const page = await browser.newPage()
    page.setDefaultTimeout(60_000)
    // The storefront's and the Flexiti page's console, page errors and failed requests, for a failure's diagnosis.
    const browserLog = createWriteStream(logFile("browser"))
    const where = (frame: Frame) => (frame === page.mainFrame() ? "storefront" : `frame ${frame.url().slice(0, 40)}`)
    page.on("console", (m) => browserLog.write(`[console.${m.type()}] ${m.text()} (${m.location().url})\n`))
    page.on("pageerror", (e) => browserLog.write(`[pageerror] ${e.stack ?? e.message}\n`))
    page.on("requestfailed", (r) => browserLog.write(`[requestfailed] ${r.method()} ${r.url()}: ${r.failure()?.errorText} (${where(r.frame())})\n`))
    await page.goto(`${storefrontUrl}/ca/products/flexiti-sofa`)
    await page.click('[data-testid="add-product-button"]')
    // The nav's cart count re-renders after the starter's server action revalidates the cart; on a
    // loaded machine that refresh can be missed, and a reload renders the cart from the cookie.
    const added = await page.waitForSelector("text=Cart (1)", { timeout: 20_000 }).catch(() => null)
    if (!added) {
      await screenshot(page, "starter-added-before-reload")
      await page.reload()
      await page.waitForSelector("text=Cart (1)")
    }
    await page.goto(`${storefrontUrl}/ca/checkout?step=address`)
    await page.fill('[data-testid="shipping-first-name-input"]', ONTARIO.first)
    await page.fill('[data-testid="shipping-last-name-input"]', ONTARIO.last)
    await page.fill('[data-testid="shipping-address-input"]', ONTARIO.address)
    await page.fill('[data-testid="shipping-postal-code-input"]', ONTARIO.postal)
    await page.fill('[data-testid="shipping-city-input"]', ONTARIO.city)
    await page.selectOption('[data-testid="shipping-country-select"]', "ca")
    await page.fill('[data-testid="shipping-province-input"]', ONTARIO.province)
    await page.fill('[data-testid="shipping-email-input"]', ONTARIO.email)
    await page.click('[data-testid="submit-address-button"]')
    await page.click('[data-testid="delivery-option-radio"]')
    await page.click('[data-testid="submit-delivery-option-button"]')
    await page.click("text=Flexiti financing")
    await page.click('[data-testid="submit-payment-button"]')
    const pay = await page.waitForSelector('[data-testid="submit-order-button"]:has-text("Pay with Flexiti")')
    await screenshot(page, "starter-review")
    // the starter's own button component (styled), not the kit's bare button
    expect(await pay.getAttribute("class")).toMatch(/\S/)
    await pay.click()
    const iframe = await page.waitForSelector('[data-testid="flexiti-iframe"]')
    const frame = (await iframe.contentFrame())!
    await frame.waitForSelector("#flx-approve")
    // viewport only: a full-page capture here can leave the Flexiti iframe deaf to the click below
    await screenshot(page, "starter-modal", { fullPage: false })
    await clickInFrame(page, '[data-testid="flexiti-iframe"]', frame, "#flx-approve")
    // the kit's plan picker: the shopper confirms the preselected plan
    await page.click('[data-testid="flexiti-plan-confirm"]')
    await page.waitForURL(/\/ca\/order\/[^/]+\/confirmed/)
    await page.waitForSelector("text=Your order was placed successfully")
    await screenshot(page, "starter-confirmed")
    order = { id: page.url().match(/\/order\/([^/]+)\/confirmed/)![1] }

    // One Flexiti widget session for the checkout: the payment step starts it, the button opens it.
    const counters = (await axios.get(`${sandboxUrl}/__sandbox/counters`)).data
    expect(counters.calls_by_path["POST /flexiti/pos-api/v2.5/client-id/:client_id/widget/init"]).toBe(1)
  }, 300_000)

  it("the admin captures and refunds through Medusa's admin API, and the sandbox's ledger agrees to the cent", async () => {
    expect(order).toBeDefined()
    const { token } = (await axios.post(`${backendUrl}/auth/user/emailpass`, ADMIN)).data
    const admin = axios.create({ baseURL: backendUrl, headers: { authorization: `Bearer ${token}` } })
    const read = async () =>
      (
        await admin.get(`/admin/orders/${order!.id}`, {
          params: { fields: "payment_status,total,*payment_collections.payments,*payment_collections.payments.refunds" },
        })
      ).data.order
    const placed = await read()
    const payment = placed.payment_collections[0].payments[0]
    expect(payment.provider_id).toBe("pp_flexiti_flexiti")
    expect(placed.total).toBe(1260) // 1250 + 10 shipping
    await admin.post(`/admin/payments/${payment.id}/capture`, {})
    await admin.post(`/admin/payments/${payment.id}/refund`, { amount: 100.25 })
    const after = await read()
    expect(after.payment_status).toBe("partially_refunded")

    const ledger = (
      await axios.get(`${sandboxUrl}/__sandbox/authorizations`, { params: { client_id: "sandbox-client", reference: payment.payment_session_id } })
    ).data
    expect(ledger.authorizations).toHaveLength(1)
    const [authorization] = ledger.authorizations
    expect(authorization.amount).toBe(1260)
    expect(authorization.captured_amount).toBe(1260)
    const moneyBack = authorization.captures.flatMap((c: { returns: { amount: number }[]; refunds: { amount: number }[] }) =>
      [...c.returns, ...c.refunds].map((r) => r.amount)
    )
    expect(moneyBack).toEqual([100.25])
  }, 120_000)
})
