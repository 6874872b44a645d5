#!/usr/bin/env node
/**
 * `npm run demo`: a Medusa store with the Flexiti plugin, the Flexiti sandbox and a small
 * storefront, on one machine. Uses DATABASE_URL when set, otherwise an embedded PostgreSQL kept
 * in .demo-data/ (a second run reuses the data). Ctrl-C stops everything.
 *
 * Env overrides: MEDUSA_PORT (9000), SANDBOX_PORT (4010), STOREFRONT_PORT (8000),
 * EMBEDDED_PG_PORT (54329), DEMO_DATA_DIR, DEMO_SKIP_BUILD=1 (tests: already built),
 * DEMO_APP_DIR: run Medusa in that folder's medusa-config instead of this repository's (the
 * benchmark's store with the built plugin, bench/app).
 */
import { spawn, spawnSync } from "node:child_process"
import { randomBytes } from "node:crypto"
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import path from "node:path"
import { fileURLToPath } from "node:url"
import { EMBEDDED_PG_CREDENTIALS, startEmbeddedPostgres } from "./embedded-postgres.mjs"
import { demoPreflight, markRunning } from "./preflight.mjs"
import { startStorefrontServer } from "./storefront-server.mjs"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")
const require = createRequire(import.meta.url)
const dataDir = path.resolve(process.env.DEMO_DATA_DIR ?? path.join(root, ".demo-data"))
const port = (name, fallback) => Number(process.env[name] ?? fallback)
const MEDUSA_PORT = port("MEDUSA_PORT", 9000)
const SANDBOX_PORT = port("SANDBOX_PORT", 4010)
const STOREFRONT_PORT = port("STOREFRONT_PORT", 8000)
const PG_PORT = port("EMBEDDED_PG_PORT", 54329)
const ADMIN = { email: "admin@flexiti.demo", password: "flexiti-demo" }
const stoppers = []
/** where Medusa runs: this repository (the plugin's sources) or a store folder such as bench/app */
const appDir = path.resolve(process.env.DEMO_APP_DIR ?? root)
/** the embedded PostgreSQL's data, when DATABASE_URL is unset */
const embeddedDataDir = process.env.DATABASE_URL ? null : path.join(dataDir, "pg")

const log = (message) => console.log(`[demo] ${message}`)

function run(command, args, env, cwd = appDir) {
  const result = spawnSync(command, args, { cwd, env, stdio: "inherit" })
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (exit ${result.status})`)
}

/** A value kept in .demo-data so a second run reuses it (encryption key, sandbox secret). */
function persisted(name, make) {
  const file = path.join(dataDir, name)
  if (!existsSync(file)) writeFileSync(file, make(), { mode: 0o600 })
  return readFileSync(file, "utf8").trim()
}

async function database() {
  if (process.env.DATABASE_URL) {
    log(`using DATABASE_URL`)
    return process.env.DATABASE_URL
  }
  if (!existsSync(path.join(embeddedDataDir, "PG_VERSION"))) log(`initialising an embedded PostgreSQL in ${embeddedDataDir}`)
  const { initialised, pg, stop } = await startEmbeddedPostgres({ databaseDir: embeddedDataDir, port: PG_PORT, persistent: true, log })
  stoppers.push(stop)
  if (initialised) await pg.createDatabase("medusa_flexiti_demo")
  log(`embedded PostgreSQL on port ${PG_PORT}`)
  const { user, password } = EMBEDDED_PG_CREDENTIALS
  return `postgres://${user}:${password}@localhost:${PG_PORT}/medusa_flexiti_demo`
}

async function waitForHealth(url, child, seconds = 240) {
  for (let i = 0; i < seconds; i++) {
    if (child.exitCode !== null) throw new Error(`Medusa exited with code ${child.exitCode}`)
    try {
      const res = await fetch(url)
      if (res.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 1000))
  }
  throw new Error(`Medusa did not answer ${url} within ${seconds} s`)
}

async function stopAll() {
  while (stoppers.length) {
    try {
      await stoppers.pop()()
    } catch (error) {
      console.error(`[demo] while stopping: ${describe(error)}`)
    }
  }
}

/** Whatever was thrown (embedded-postgres rejects with nothing), as words. */
const describe = (error) => (error instanceof Error ? error.message : error === undefined ? "failed without a reason" : String(error))

async function main() {
  mkdirSync(dataDir, { recursive: true })
  const ports = { MEDUSA_PORT, SANDBOX_PORT, STOREFRONT_PORT, ...(embeddedDataDir ? { EMBEDDED_PG_PORT: PG_PORT } : {}) }
  const refusal = await demoPreflight({ ports, dataDir, databaseDir: embeddedDataDir })
  if (refusal) {
    console.error(refusal)
    process.exit(1)
  }
  stoppers.push(markRunning(dataDir, ports))
  if (process.env.DEMO_SKIP_BUILD !== "1") {
    log("building the plugin (medusa plugin:build + storefront kit)")
    run("npm", ["run", "build", "--silent"], process.env, root)
  }

  const databaseUrl = await database()
  const storefrontUrl = `http://localhost:${STOREFRONT_PORT}`
  const backendUrl = `http://localhost:${MEDUSA_PORT}`
  const client = {
    client_id: "demo-store",
    client_secret: persisted("sandbox-secret", () => randomBytes(16).toString("hex")),
    success_url: `${storefrontUrl}/return.html?outcome=success`,
    error_url: `${storefrontUrl}/return.html?outcome=error`,
  }

  const { startSandbox } = require(path.join(root, ".medusa/server/src/sandbox/index.js"))
  const sandbox = await startSandbox({ port: SANDBOX_PORT, host: "127.0.0.1", clients: [client], quiet: true })
  stoppers.push(() => sandbox.close())
  log(`Flexiti sandbox on ${sandbox.url}`)

  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    MEDUSA_DISABLE_TELEMETRY: "true",
    FLEXITI_ENCRYPTION_KEY: process.env.FLEXITI_ENCRYPTION_KEY ?? persisted("encryption.key", () => randomBytes(32).toString("hex")),
    STORE_CORS: storefrontUrl,
    ADMIN_CORS: backendUrl,
    AUTH_CORS: `${backendUrl},${storefrontUrl}`,
    DEMO_STATE_FILE: path.join(dataDir, "state.json"),
    DEMO_ADMIN_EMAIL: ADMIN.email,
    DEMO_ADMIN_PASSWORD: ADMIN.password,
    DEMO_FLEXITI_CLIENT_ID: client.client_id,
    DEMO_FLEXITI_CLIENT_SECRET: client.client_secret,
    DEMO_SANDBOX_URL: sandbox.url,
    DEMO_STOREFRONT_URL: storefrontUrl,
  }
  // Credentials come from the admin settings in the demo, never from the environment.
  delete env.FLEXITI_CLIENT_ID
  delete env.FLEXITI_CLIENT_SECRET
  delete env.FLEXITI_POS_BASE_URL

  log("running migrations")
  run("npx", ["medusa", "db:migrate"], env)
  log("seeding the demo store")
  run("npx", ["medusa", "exec", path.relative(appDir, path.join(root, "demo/seed.ts")) || "./demo/seed.ts"], env)
  const state = JSON.parse(readFileSync(env.DEMO_STATE_FILE, "utf8"))

  const storefront = await startStorefrontServer({ port: STOREFRONT_PORT, root, backendUrl, publishableKey: state.publishable_key, sandboxOrigin: sandbox.url })
  stoppers.push(() => storefront.close())

  // What `medusa develop` runs, minus its file watcher: the demo should not restart when files
  // (test logs, screenshots) change. NODE_ENV=development serves the admin through Vite.
  log("starting Medusa")
  const medusa = spawn("npx", ["medusa", "start", "--port", String(MEDUSA_PORT)], {
    cwd: appDir,
    env: { ...env, NODE_ENV: "development" },
    stdio: "inherit",
    detached: true,
  })
  stoppers.push(
    () =>
      new Promise((resolve) => {
        if (medusa.exitCode !== null) return resolve()
        medusa.once("exit", resolve)
        try {
          process.kill(-medusa.pid, "SIGTERM")
        } catch {
          resolve()
        }
        setTimeout(() => {
          try {
            process.kill(-medusa.pid, "SIGKILL")
          } catch {
            // already gone
          }
          resolve()
        }, 10_000)
      })
  )
  await waitForHealth(`${backendUrl}/health`, medusa)
  await syncFlexitiLabels(backendUrl)

  const urls = { storefront: storefrontUrl, admin: `${backendUrl}/app`, backend: backendUrl, sandbox: sandbox.url }
  console.log(`
  Flexiti demo is running
    Storefront:      ${urls.storefront}
    Medusa admin:    ${urls.admin}   (login ${ADMIN.email} / ${ADMIN.password})
    Flexiti sandbox: ${urls.sandbox}   (client ${client.client_id})
  Press Ctrl-C to stop.
`)
  console.log(`DEMO_READY ${JSON.stringify({ ...urls, admin_email: ADMIN.email, admin_password: ADMIN.password, publishable_key: state.publishable_key })}`)
}

/**
 * Flexiti's plan names and disclosures, as Settings → Flexiti → "Sync now" fetches them, so the
 * storefront's plan picker shows them (the daily job runs only at 04:00). Once Medusa is up: the
 * sandbox lives in this process and cannot answer while a synchronous step (the seed) runs.
 */
async function syncFlexitiLabels(backendUrl) {
  try {
    const login = await fetch(`${backendUrl}/auth/user/emailpass`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(ADMIN),
    }).then((r) => r.json())
    const res = await fetch(`${backendUrl}/admin/flexiti/i18n/sync`, { method: "POST", headers: { authorization: `Bearer ${login.token}` } })
    const answer = await res.json()
    if (!res.ok || !answer.ok) log(`Flexiti labels not synced: ${answer.sync?.message ?? answer.message ?? res.status}`)
  } catch (error) {
    log(`Flexiti labels not synced: ${describe(error)}`)
  }
}

let stopping = false
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (stopping) return // Ctrl-C reaches us once per terminal signal; stop once
    stopping = true
    log("stopping")
    stopAll().then(() => process.exit(0))
  })
}

main().catch(async (error) => {
  console.error(`[demo] ${describe(error)}`)
  await stopAll()
  process.exit(1)
})
