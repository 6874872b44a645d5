/**
 * What `npm run demo` checks before it builds anything: its ports are free and its embedded
 * PostgreSQL's data folder is not in use. A running demo serves the built plugin (.medusa/server),
 * which a build would delete under it, so a second demo must stop here.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import path from "node:path"
import { isAlive, isPortFree, portHolder, postgresHoldingDataDir } from "./ports.mjs"

const RUNNING_FILE = "demo.pid"

/** the demo recorded in `dataDir` by markRunning, when its process still runs */
function runningDemo(dataDir) {
  const file = path.join(dataDir, RUNNING_FILE)
  if (!existsSync(file)) return null
  try {
    const demo = JSON.parse(readFileSync(file, "utf8"))
    return isAlive(demo.pid) && demo.pid !== process.pid ? demo : null
  } catch {
    return null
  }
}

/** Records this demo (pid, ports) so a second one can name it; returns the function that clears it. */
export function markRunning(dataDir, ports) {
  const file = path.join(dataDir, RUNNING_FILE)
  writeFileSync(file, JSON.stringify({ pid: process.pid, ports, started: new Date().toISOString() }))
  return () => rmSync(file, { force: true })
}

function describeHolder(port, demos) {
  const demo = demos.find((d) => Object.values(d.ports ?? {}).includes(port))
  const holder = portHolder(port)
  const what = holder ? `${holder.name} (pid ${holder.pid})` : "another process"
  return demo ? `${what}, part of the demo started at ${demo.started} (pid ${demo.pid})` : what
}

/** ports at +100, +200, … from the wanted ones, all free now */
async function suggestPorts(ports) {
  for (let offset = 100; offset <= 1000; offset += 100) {
    const shifted = Object.fromEntries(Object.entries(ports).map(([name, port]) => [name, port + offset]))
    const free = await Promise.all(Object.values(shifted).map((p) => (p < 65536 ? isPortFree(p) : false)))
    if (free.every(Boolean)) return shifted
  }
  return null
}

/**
 * Resolves with null when the demo may start, otherwise with the message to print: each port or
 * folder in use, what holds it, how to stop it, and the variables that start a demo beside it.
 * `ports` maps variable names (MEDUSA_PORT, …) to ports; `databaseDir` is null with DATABASE_URL.
 */
export async function demoPreflight({ ports, dataDir, databaseDir }) {
  const demos = [runningDemo(dataDir)].filter(Boolean)
  const problems = []
  for (const [name, port] of Object.entries(ports)) {
    if (!(await isPortFree(port))) problems.push(`port ${port} (${name}) is in use by ${describeHolder(port, demos)}`)
  }
  const pg = databaseDir ? postgresHoldingDataDir(databaseDir) : null
  if (pg) problems.push(`${databaseDir} is in use by PostgreSQL (pid ${pg.pid}, ${pg.lockFile})`)
  if (!problems.length) return null

  const stop = demos.length ? `Stop the running demo with Ctrl-C in its terminal or \`kill ${demos[0].pid}\`` : "Stop the process named above"
  const suggested = await suggestPorts(ports)
  const relative = path.relative(process.cwd(), dataDir)
  const otherData = databaseDir ? ` DEMO_DATA_DIR=${relative && !relative.startsWith("..") ? relative : dataDir}-2` : ""
  const beside = suggested
    ? `${Object.entries(suggested)
        .map(([name, port]) => `${name}=${port}`)
        .join(" ")}${otherData} npm run demo`
    : `set ${Object.keys(ports).join(", ")}${databaseDir ? " and DEMO_DATA_DIR" : ""} to free ports and another folder`
  return [
    "[demo] cannot start:",
    ...problems.map((p) => `  - ${p}`),
    `[demo] ${stop}, or start another demo beside it:`,
    `  ${beside}`,
    "[demo] nothing was built or started.",
  ].join("\n")
}
