/**
 * A second `npm run demo` while its ports or data folder are taken: it says what holds them and
 * how to start beside it, exits 1, and never rebuilds the running demo's .medusa/server.
 */
import { spawn, spawnSync } from "node:child_process"
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs"
import { createServer, Server } from "node:net"
import { tmpdir } from "node:os"
import path from "node:path"

jest.setTimeout(60_000)

const root = path.resolve(__dirname, "../..")
const built = path.join(root, ".medusa/server/src/sandbox/index.js")
const ssShowsProcesses = spawnSync("ss", ["-Hltnp"], { encoding: "utf8" }).status === 0

function listen(port = 0): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen({ port }, () => resolve(server))
  })
}

async function freePorts(count: number) {
  const servers = await Promise.all(Array.from({ length: count }, () => listen()))
  const ports = servers.map((s) => (s.address() as { port: number }).port)
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))))
  return ports
}

function runDemo(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn("node", ["demo/run.mjs"], {
      cwd: root,
      env: { ...process.env, NODE_OPTIONS: "", DATABASE_URL: "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    })
    let output = ""
    child.stdout.on("data", (c) => (output += c))
    child.stderr.on("data", (c) => (output += c))
    child.once("exit", (code) => resolve({ code, output }))
  })
}

/** identity of the build a running demo serves: any rebuild replaces the folder and its files */
const buildIdentity = () => [path.dirname(built), built].map((f) => `${statSync(f).ino}:${statSync(f).mtimeMs}`).join(" ")

describe("npm run demo while another holds its ports", () => {
  let held: Server
  let dataDir: string
  let ports: Record<string, string>
  let heldPort: number

  beforeEach(async () => {
    held = await listen()
    heldPort = (held.address() as { port: number }).port
    const [sandbox, storefront, pg] = await freePorts(3)
    ports = { MEDUSA_PORT: String(heldPort), SANDBOX_PORT: String(sandbox), STOREFRONT_PORT: String(storefront), EMBEDDED_PG_PORT: String(pg) }
    dataDir = mkdtempSync(path.join(tmpdir(), "flexiti-demo-busy-"))
  })

  afterEach(async () => {
    await new Promise((r) => held.close(r))
    rmSync(dataDir, { recursive: true, force: true })
  })

  it("names the port and its holder, suggests free ports, exits 1 and leaves the build alone", async () => {
    const before = buildIdentity()
    const { code, output } = await runDemo({ ...ports, DEMO_DATA_DIR: dataDir })

    expect(code).toBe(1)
    const holder = ssShowsProcesses ? `\\(pid ${process.pid}\\)` : "another process"
    expect(output).toMatch(new RegExp(`port ${heldPort} \\(MEDUSA_PORT\\) is in use by [^\\n]*${holder}`))
    expect(output).toMatch(/MEDUSA_PORT=\d+ SANDBOX_PORT=\d+ STOREFRONT_PORT=\d+ EMBEDDED_PG_PORT=\d+ DEMO_DATA_DIR=\S+ npm run demo/)
    expect(output).not.toContain("building the plugin")
    expect(output).not.toContain("TypeError")
    expect(buildIdentity()).toBe(before)
  })

  it("names the running demo and its PostgreSQL data folder, and how to stop it", async () => {
    // What a running demo leaves in its data folder: its pid file and PostgreSQL's lock file.
    const demoPid = process.pid
    writeFileSync(path.join(dataDir, "demo.pid"), JSON.stringify({ pid: demoPid, ports: { MEDUSA_PORT: heldPort }, started: "2026-12-04T10:00:00.000Z" }))
    mkdirSync(path.join(dataDir, "pg"))
    writeFileSync(path.join(dataDir, "pg/postmaster.pid"), `${demoPid}\n${path.join(dataDir, "pg")}\n`)
    const before = buildIdentity()

    const { code, output } = await runDemo({ ...ports, DEMO_DATA_DIR: dataDir })

    expect(code).toBe(1)
    expect(output).toContain(`port ${heldPort} (MEDUSA_PORT) is in use by`)
    expect(output).toContain(`part of the demo started at 2026-12-04T10:00:00.000Z (pid ${demoPid})`)
    expect(output).toContain(`${path.join(dataDir, "pg")} is in use by PostgreSQL (pid ${demoPid}`)
    expect(output).toContain(`\`kill ${demoPid}\``)
    expect(output).not.toContain("building the plugin")
    expect(buildIdentity()).toBe(before)
  })
})
