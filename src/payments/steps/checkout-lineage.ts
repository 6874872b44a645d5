import type { TokenLineage } from "../../flexiti/token-manager"
import type { FlexitiCheckoutState } from "../../modules/flexiti/types"
import type { RuntimeConfig } from "../../config/resolver"
import type { CheckoutsPort } from "../deps"

/**
 * Runs Flexiti calls on a widget checkout's own customer-scope lineage and keeps the token the
 * lineage holds afterwards, also when a call failed, so the next call continues the same flow
 * (Flexiti ties a widget flow to its token).
 */
export async function onCheckoutLineage<T>(
  args: { config: RuntimeConfig; checkouts: CheckoutsPort; checkout: FlexitiCheckoutState },
  run: (lineage: TokenLineage) => Promise<T>
): Promise<T> {
  const { config, checkouts, checkout } = args
  if (!checkout.customer_token) throw new Error(`Flexiti checkout ${checkout.payment_session_id} holds no customer token`)
  const lineage = config.client.restoreCustomerLineage(checkout.customer_token as Parameters<typeof config.client.restoreCustomerLineage>[0])
  try {
    return await run(lineage)
  } finally {
    const snapshot = lineage.snapshot()
    if (snapshot && snapshot.accessToken !== checkout.customer_token.accessToken) {
      await checkouts.write({ payment_session_id: checkout.payment_session_id, customer_token: snapshot }).catch(() => undefined)
    }
  }
}
