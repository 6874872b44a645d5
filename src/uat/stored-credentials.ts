/**
 * `flexiti-uat --from-store`: the credentials of one environment as the store saved them in
 * Settings → Flexiti, read from the store's database with the same store code the plugin uses,
 * so a merchant runs the test plan on exactly what the store will send to Flexiti.
 */
import { knex as createKnex } from "@medusajs/framework/mikro-orm/knex"
import type { FlexitiEnvironment } from "../flexiti/environments"
import { readCredentials } from "../modules/flexiti/stores/credential-store"

export interface StoredTarget {
  clientId: string
  clientSecret: string
  posOrigin?: string
  onlineOrigin?: string
}

/**
 * Reads the environment's saved credentials from the PostgreSQL database at `databaseUrl`
 * (the store's DATABASE_URL). The secret is decrypted with FLEXITI_ENCRYPTION_KEY.
 */
export async function storedTarget(databaseUrl: string, environment: FlexitiEnvironment, encryptionKey: string | undefined): Promise<StoredTarget> {
  if (!encryptionKey) {
    throw new Error("FLEXITI_ENCRYPTION_KEY is empty: export the store's key to read its saved client secret")
  }
  const db = createKnex({ client: "pg", connection: databaseUrl, pool: { min: 0, max: 1 } })
  try {
    const stored = await readCredentials(db as never, environment, encryptionKey)
    if (!stored?.client_id || !stored.client_secret) {
      throw new Error(`The store has no client id and secret saved for ${environment} (Settings → Flexiti)`)
    }
    return {
      clientId: stored.client_id,
      clientSecret: stored.client_secret,
      posOrigin: stored.pos_base_url ?? undefined,
      onlineOrigin: stored.online_base_url ?? undefined,
    }
  } finally {
    await db.destroy()
  }
}
