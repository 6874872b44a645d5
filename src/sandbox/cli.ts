#!/usr/bin/env node
import { parseArgs } from "node:util"
import { RunningSandbox, SANDBOX_DEFAULT_CLIENT, SandboxClientConfig, startSandbox } from "./index"

const USAGE = `flexiti-sandbox [--port 4010] [--host 127.0.0.1] [--client id:secret[:success_url[:error_url]]]... [--token-lifetime 1200] [--quiet]`

/**
 * --client value: id:secret[:success_url[:error_url]]. URLs contain ":" themselves, so after the
 * secret the rest is split at ":http" boundaries.
 */
export function parseClient(value: string): SandboxClientConfig {
  const [clientId, secret, ...rest] = value.split(":")
  if (!clientId || !secret) throw new Error(`--client must be id:secret[:success_url[:error_url]], got "${value}"`)
  const urls = rest
    .join(":")
    .split(/:(?=https?:\/\/)/)
    .filter((u) => u !== "")
  return { client_id: clientId, client_secret: secret, success_url: urls[0], error_url: urls[1] }
}

/** Starts a sandbox from command-line arguments (without the node and script entries). */
export async function runCli(argv: string[]): Promise<RunningSandbox> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: "string", default: "4010" },
      host: { type: "string", default: "127.0.0.1" },
      client: { type: "string", multiple: true },
      "token-lifetime": { type: "string", default: "1200" },
      quiet: { type: "boolean", default: false },
    },
    strict: true,
  })
  const port = Number(values.port)
  const tokenLifetimeSeconds = Number(values["token-lifetime"])
  if (!Number.isInteger(port) || port < 0) throw new Error(`--port must be a port number\n${USAGE}`)
  if (!Number.isInteger(tokenLifetimeSeconds) || tokenLifetimeSeconds <= 0) {
    throw new Error(`--token-lifetime must be a positive number of seconds\n${USAGE}`)
  }
  const clients = values.client?.length ? values.client.map(parseClient) : [SANDBOX_DEFAULT_CLIENT]
  const sandbox = await startSandbox({ port, host: values.host, clients, tokenLifetimeSeconds, quiet: values.quiet })
  console.log(`Flexiti sandbox listening on ${sandbox.url}`)
  console.log(`  POS API:    ${sandbox.url}/flexiti/pos-api/v2.5 (and /v2.5.1)`)
  console.log(`  Online API: ${sandbox.url}/flexiti/online-api`)
  console.log(`  Control:    ${sandbox.url}/__sandbox/`)
  for (const client of clients) console.log(`  client_id=${client.client_id} client_secret=${client.client_secret}`)
  return sandbox
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then(
    (sandbox) => {
      const stop = (): void => {
        sandbox.close().then(
          () => process.exit(0),
          () => process.exit(1)
        )
      }
      process.once("SIGINT", stop)
      process.once("SIGTERM", stop)
    },
    (error: Error) => {
      console.error(error.message)
      process.exit(1)
    }
  )
}
