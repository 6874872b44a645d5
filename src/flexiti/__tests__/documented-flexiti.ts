import { createServer } from "node:http"
import { AddressInfo } from "node:net"
import { FlexitiClient } from "../client"
import { TokenCache } from "../token-manager"

export interface SeenRequest {
  method: string
  path: string
  authorization?: string
  body: string
}

/**
 * A Flexiti that answers exactly what a test tells it to: for each path suffix, a status and a
 * JSON body (a documented example, or one with a field dropped). Nothing of the sandbox is used,
 * so the client is tried against the docs alone.
 */
export async function documentedFlexiti() {
  const answers = new Map<string, { status: number; body: unknown }>()
  const seen: SeenRequest[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on("data", (c: Buffer) => chunks.push(c))
    req.on("end", () => {
      const path = new URL(req.url ?? "/", "http://x").pathname
      seen.push({ method: req.method ?? "", path, authorization: req.headers.authorization, body: Buffer.concat(chunks).toString("utf8") })
      const suffix = [...answers.keys()].find((s) => path.endsWith(s))
      const answer = suffix === undefined ? { status: 404, body: { error: "not_found" } } : (answers.get(suffix) as { status: number; body: unknown })
      res.writeHead(answer.status, { "content-type": "application/json" })
      res.end(JSON.stringify(answer.body))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    seen,
    answer(pathSuffix: string, body: unknown, status = 200) {
      answers.set(pathSuffix, { status, body })
    },
    /** a client with its own token cache, so each test starts without a token */
    client() {
      return new FlexitiClient({
        environment: "training",
        clientId: "flexitidemo",
        clientSecret: "77fde15a-9d33-4e15-930a-76e4b3ae33e9",
        posOrigin: url,
        onlineOrigin: url,
        tokenCache: new TokenCache(),
        http: { backoffMs: 1, readAttempts: 1 },
      })
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
