/**
 * Demo seed, run by demo/run.mjs through `medusa exec`. Idempotent: a second demo run finds the
 * store and only refreshes the Flexiti sandbox settings. Writes what the storefront page needs
 * (publishable key) to DEMO_STATE_FILE.
 */
import { writeFileSync } from "node:fs"
import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createUsersWorkflow } from "@medusajs/medusa/core-flows"
import { FLEXITI_MODULE } from "../src/modules/flexiti/schema"
import type FlexitiModuleService from "../src/modules/flexiti/service"
import { DemoProduct, seedStore, STOREFRONT_KEY_TITLE } from "./seed-store"

export const DEMO_PRODUCTS: DemoProduct[] = [
  { title: "Sofa", handle: "sofa", description: "Three-seat sofa in grey fabric.", cad: 1250, usd: 950 },
  { title: "Dining table", handle: "dining-table", description: "Solid oak table for six.", cad: 899, usd: 690 },
  { title: "Reading lamp", handle: "reading-lamp", description: "Brass floor lamp (below Flexiti's minimum).", cad: 59, usd: 45 },
]

export default async function seedDemo({ container }: ExecArgs) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const env = (name: string) => {
    const value = process.env[name]
    if (!value) throw new Error(`${name} must be set by demo/run.mjs`)
    return value
  }

  const { data: regions } = await query.graph({ entity: "region", fields: ["id"], filters: { name: "Canada" } })
  if (!regions.length) {
    await seedStore(container, DEMO_PRODUCTS)
    logger.info("Demo store seeded: CAD region with Flexiti, 3 products, flat-rate shipping")
  }

  const adminEmail = env("DEMO_ADMIN_EMAIL")
  const users = container.resolve(Modules.USER)
  if (!(await users.listUsers({ email: adminEmail })).length) {
    const { result } = await createUsersWorkflow(container).run({ input: { users: [{ email: adminEmail }] } })
    const auth = container.resolve(Modules.AUTH)
    const { authIdentity, error } = await auth.register("emailpass", { body: { email: adminEmail, password: env("DEMO_ADMIN_PASSWORD") } })
    if (error || !authIdentity) throw new Error(`Could not create the demo admin: ${error}`)
    await auth.updateAuthIdentities({ id: authIdentity.id, app_metadata: { user_id: result[0].id } })
  }

  // The sandbox's port may change between runs: point the training environment at it each time.
  const flexiti = container.resolve<FlexitiModuleService>(FLEXITI_MODULE)
  await flexiti.setCredentials({
    environment: "training",
    client_id: env("DEMO_FLEXITI_CLIENT_ID"),
    client_secret: env("DEMO_FLEXITI_CLIENT_SECRET"),
    pos_base_url: env("DEMO_SANDBOX_URL"),
    development_endpoint: true,
  })
  await flexiti.updateSettings({ active_environment: "training", storefront_origins: [env("DEMO_STOREFRONT_URL")] })

  const apiKeys = container.resolve(Modules.API_KEY)
  const [key] = await apiKeys.listApiKeys({ type: "publishable", title: STOREFRONT_KEY_TITLE })
  writeFileSync(env("DEMO_STATE_FILE"), JSON.stringify({ publishable_key: key.token }, null, 2))
}
