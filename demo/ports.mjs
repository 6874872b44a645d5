/**
 * Who holds a TCP port or a PostgreSQL data folder, asked before anything is built or started:
 * `npm run demo` refuses to start over a running demo, `npm test` picks free ports.
 */
import { spawnSync } from "node:child_process"
import { existsSync, readFileSync } from "node:fs"
import { createServer } from "node:net"
import path from "node:path"

/** true when nothing listens on `port` on any address (the way Medusa, the sandbox and PostgreSQL bind). */
export function isPortFree(port) {
  return new Promise((resolve) => {
    const server = createServer()
    server.once("error", () => resolve(false))
    server.listen({ port, exclusive: true }, () => server.close(() => resolve(true)))
  })
}

/** a port the system says is free now */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen({ port: 0, host: "127.0.0.1" }, () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

/** "node (pid 123)" from `ss -ltnp`, or null where ss is missing or may not show other users' processes */
export function portHolder(port) {
  const result = spawnSync("ss", ["-Hltnp", `sport = :${port}`], { encoding: "utf8" })
  if (result.status !== 0) return null
  const match = /users:\(\("([^"]+)",pid=(\d+)/.exec(result.stdout)
  return match ? { name: match[1], pid: Number(match[2]) } : null
}

export function isAlive(pid) {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return error.code === "EPERM"
  }
}

/** the pid of the PostgreSQL serving `databaseDir` (its postmaster.pid), when that process runs */
export function postgresHoldingDataDir(databaseDir) {
  const lockFile = path.join(databaseDir, "postmaster.pid")
  if (!existsSync(lockFile)) return null
  const pid = Number(readFileSync(lockFile, "utf8").split("\n")[0])
  return pid > 0 && isAlive(pid) ? { pid, lockFile } : null
}
