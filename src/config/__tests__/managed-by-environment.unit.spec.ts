import { credentialsManagedByEnvironment, loadRuntimeConfig, MissingCredentialsError } from "../resolver"

const VARIABLES = ["FLEXITI_CLIENT_ID", "FLEXITI_CLIENT_SECRET"] as const

/** Runs with exactly the given FLEXITI_* variables set, the others unset. */
async function withVariables(values: Partial<Record<(typeof VARIABLES)[number], string>>, run: () => Promise<void>) {
  const saved = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]))
  for (const name of VARIABLES) {
    if (values[name] === undefined) delete process.env[name]
    else process.env[name] = values[name]
  }
  try {
    await run()
  } finally {
    for (const name of VARIABLES) {
      if (saved[name] === undefined) delete process.env[name]
      else process.env[name] = saved[name]
    }
  }
}

/**
 * One rule decides whether the credentials are "managed by environment": the admin's save route
 * asks `credentialsManagedByEnvironment`, the provider's `loadRuntimeConfig` uses the same pair.
 * Half a pair is not managed: the admin can save credentials and the resolver wants saved ones.
 */
describe("credentials managed by environment", () => {
  it("only FLEXITI_CLIENT_SECRET: not managed, and the resolver asks for saved credentials", async () => {
    await withVariables({ FLEXITI_CLIENT_SECRET: "secret" }, async () => {
      expect(credentialsManagedByEnvironment({})).toBe(false)
      await expect(loadRuntimeConfig({})).rejects.toThrow(MissingCredentialsError)
    })
  })

  it("only FLEXITI_CLIENT_ID: not managed, and the resolver asks for saved credentials", async () => {
    await withVariables({ FLEXITI_CLIENT_ID: "id" }, async () => {
      expect(credentialsManagedByEnvironment({})).toBe(false)
      await expect(loadRuntimeConfig({})).rejects.toThrow(MissingCredentialsError)
    })
  })

  it("a client id in the provider options without a secret anywhere: not managed", async () => {
    await withVariables({}, async () => {
      expect(credentialsManagedByEnvironment({ client_id: "id" })).toBe(false)
      await expect(loadRuntimeConfig({ client_id: "id" })).rejects.toThrow(MissingCredentialsError)
    })
  })

  it("both variables: managed, and the resolver uses them", async () => {
    await withVariables({ FLEXITI_CLIENT_ID: "id", FLEXITI_CLIENT_SECRET: "secret" }, async () => {
      expect(credentialsManagedByEnvironment({})).toBe(true)
      expect((await loadRuntimeConfig({})).credentialsSource).toBe("environment")
    })
  })

  it("a provider option completes the pair a variable starts: managed, and the resolver uses it", async () => {
    await withVariables({ FLEXITI_CLIENT_ID: "id" }, async () => {
      expect(credentialsManagedByEnvironment({ client_secret: "secret" })).toBe(true)
      expect((await loadRuntimeConfig({ client_secret: "secret" })).credentialsSource).toBe("environment")
    })
  })
})
