import { ONLINE_API_ORIGINS } from "../../flexiti/environments"
import { loadEncryptionKey } from "../../modules/flexiti/crypto"
import { ParsedProviderOptions } from "../../lib/config/provider-options"

/**
 * Refuses to start without what keeps Flexiti's secrets and checkouts safe: a valid
 * FLEXITI_ENCRYPTION_KEY, and an Online API host when the hosted flow is pinned to an
 * environment Flexiti publishes none for.
 */
export function checkBootConfiguration(parsed: ParsedProviderOptions): void {
  let key: Buffer | undefined
  try {
    key = loadEncryptionKey()
  } catch (error) {
    // The cause's message is the whole story (which form the key should take); ES2021 has no Error cause.
    // eslint-disable-next-line preserve-caught-error
    throw new Error(`Flexiti: FLEXITI_ENCRYPTION_KEY is malformed: ${(error as Error).message}`)
  }
  if (!key) {
    throw new Error(
      "Flexiti: set FLEXITI_ENCRYPTION_KEY (32 bytes as 64 hex characters) before starting Medusa; it encrypts Flexiti secrets, tokens and account numbers at rest."
    )
  }
  if (parsed.flow === "hosted" && parsed.environment && !parsed.online_base_url && !ONLINE_API_ORIGINS[parsed.environment]) {
    throw new Error(`Flexiti: the hosted flow needs online_base_url for the ${parsed.environment} environment (Flexiti publishes no Online API host for it).`)
  }
}
