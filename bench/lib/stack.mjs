/**
 * The demo stack (demo/run.mjs: the Flexiti sandbox and Medusa) on a database made for one run
 * and dropped after it, plus the HTTP helpers the soak and the benchmark drive it with.
 */
import { spawn } from "node:child_process"
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import path from "node:path"
import { fileURLToPath } from "node:url"
import pg from "pg"

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..")
/** the sandbox client demo/run.mjs registers (README, "The demo") */
export const SANDBOX_CLIENT_ID = "demo-store"
const STACK_START_TIMEOUT_MS = 8 * 60_000

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** One JSON request; a refused connection is tried again for 10 s (the stack may still be starting). */
export async function http(base, method, url, body, headers = {}) {
  const started = Date.now()
  for (;;) {
    try {
      const res = await fetch(`${base}${url}`, {
        method,
        headers: { "content-type": "application/json", ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(120_000),
      })
      const text = await res.text()
      let data
      try {
        data = text ? JSON.parse(text) : {}
      } catch {
        data = { message: text.slice(0, 200) }
      }
      return { status: res.status, data }
    } catch (error) {
      // Medusa and the sandbox are on loopback: a refused connection means they are not up (yet).
      if (Date.now() - started > 10_000) return { status: 0, data: { message: String(error.cause?.code ?? error.message) } }
      await sleep(500)
    }
  }
}

/** the PostgreSQL the run's database is created on (the same variables as `npm test`) */
export const DB = {
  host: process.env.DB_HOST ?? "localhost",
  port: Number(process.env.DB_PORT ?? 5432),
  user: process.env.DB_USERNAME ?? "postgres",
  password: process.env.DB_PASSWORD || undefined,
}

export async function adminSql(sql) {
  const client = new pg.Client({ ...DB, database: "postgres" })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

export function databaseUrl(database) {
  return `postgres://${DB.user}${DB.password ? `:${encodeURIComponent(DB.password)}` : ""}@${DB.host}:${DB.port}/${database}`
}

/**
 * Starts demo/run.mjs on a new database; resolves with the DEMO_READY facts and a stop() that
 * stops the stack and drops the database. `name` names the database and artifacts/<name>-stack.log.
 */
export async function startStack({ name, ports, env = {} }) {
  const database = `flexiti_${name}_${Date.now()}`
  await adminSql(`CREATE DATABASE "${database}"`)
  const dataDir = mkdtempSync(path.join(tmpdir(), `flexiti-${name}-`))
  mkdirSync(path.join(root, "artifacts"), { recursive: true })
  const logFile = path.join(root, "artifacts", `${name}-stack.log`)
  const log = createWriteStream(logFile)
  const child = spawn("node", ["demo/run.mjs"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_OPTIONS: "",
      DATABASE_URL: databaseUrl(database),
      DEMO_SKIP_BUILD: "1",
      DEMO_DATA_DIR: dataDir,
      MEDUSA_PORT: String(ports.medusa),
      SANDBOX_PORT: String(ports.sandbox),
      STOREFRONT_PORT: String(ports.storefront),
      // The runs drive the APIs only: no admin UI build to serve.
      MEDUSA_ADMIN_DISABLE: "true",
      // Every shopper of a run comes from this one address: lift the per-address limits.
      FLEXITI_RATE_LIMIT_MULTIPLIER: "1000",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  })
  let output = ""
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve))
      child.kill("SIGTERM")
      if ((await Promise.race([exited.then(() => true), sleep(30_000).then(() => false)])) === false) child.kill("SIGKILL")
    }
    log.end()
    if (process.env.KEEP_DATABASE === "1") {
      console.log(`kept the database ${database} (KEEP_DATABASE=1); drop it when done`)
      rmSync(dataDir, { recursive: true, force: true })
      return
    }
    await adminSql(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch((error) => console.error(`could not drop ${database}: ${error.message}`))
    rmSync(dataDir, { recursive: true, force: true })
  }
  const ready = new Promise((resolve, reject) => {
    const onData = (chunk) => {
      log.write(chunk)
      output += chunk.toString()
      const line = output.split("\n").find((l) => l.startsWith("DEMO_READY "))
      if (line) resolve(JSON.parse(line.slice("DEMO_READY ".length)))
    }
    child.stdout.on("data", onData)
    child.stderr.on("data", (chunk) => log.write(chunk))
    child.once("exit", (code) => reject(new Error(`the demo stack exited with ${code} before it was ready (see ${logFile})`)))
    setTimeout(
      () => reject(new Error(`the demo stack was not ready within ${STACK_START_TIMEOUT_MS / 1000} s (see ${logFile})`)),
      STACK_START_TIMEOUT_MS
    ).unref()
  })
  try {
    return { info: await ready, stop, database, logFile }
  } catch (error) {
    await stop()
    throw error
  }
}

/** The store, sandbox control and admin APIs of a running stack. */
export function actors(info) {
  const storeHeaders = { "x-publishable-api-key": info.publishable_key }
  const store = (method, url, body) => http(info.backend, method, url, body, storeHeaders)
  const sandbox = (method, url, body) => http(info.sandbox, method, `/__sandbox${url}`, body)
  let adminHeaders
  const admin = (method, url, body) => http(info.backend, method, url, body, adminHeaders)
  return {
    store,
    sandbox,
    admin,
    async login() {
      const res = await http(info.backend, "POST", "/auth/user/emailpass", { email: info.admin_email, password: info.admin_password })
      if (!res.data.token) throw new Error(`admin login failed: ${res.status}`)
      adminHeaders = { authorization: `Bearer ${res.data.token}` }
    },
  }
}

export const ADDRESS = {
  first_name: "Soak",
  last_name: "Shopper",
  address_1: "100 King St W",
  city: "Toronto",
  province: "ON",
  postal_code: "M5X 1A9",
  country_code: "ca",
}

/** The CAD region and the sofa's variant the demo seed makes. */
export async function catalogue(api) {
  const regions = await api.store("GET", "/store/regions")
  const region = regions.data.regions.find((r) => r.currency_code === "cad")
  const products = await api.store("GET", "/store/products?handle=sofa")
  return { regionId: region.id, variantId: products.data.products[0].variants[0].id }
}

/** Runs task(0..count-1), `concurrency` at a time. */
export async function pool(count, concurrency, task) {
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) await task(next++)
    })
  )
}
