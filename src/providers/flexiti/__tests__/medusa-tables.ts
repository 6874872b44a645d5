/**
 * Medusa's own tables for the provider tests, built by Medusa's own code: the Payment module's
 * committed migrations run by the framework's migration script (as `medusa db:migrate` runs them),
 * and the cart ↔ payment collection link table planned and created by Medusa's link-modules
 * migration planner. No copy of Medusa's schema lives in this repository, so it cannot drift.
 */
import path from "node:path"
import { ModulesSdkUtils } from "@medusajs/framework/utils"
import { MigrationsExecutionPlanner } from "@medusajs/link-modules"
import { CartPaymentCollection } from "@medusajs/link-modules/dist/definitions/cart-payment-collection"

const quiet = { info: () => {}, warn: () => {}, error: console.error, debug: () => {} }

/** The directory of the installed Payment module's compiled migrations. */
const paymentMigrations = () => path.join(path.dirname(require.resolve("@medusajs/payment")), "migrations")

export async function createMedusaTables(clientUrl: string): Promise<void> {
  const options = { database: { clientUrl } }
  const runPaymentMigrations = ModulesSdkUtils.buildMigrationScript({ moduleName: "payment", pathToMigrations: paymentMigrations() })
  await runPaymentMigrations({ options, logger: quiet as never })

  const planner = new MigrationsExecutionPlanner([CartPaymentCollection], options)
  await planner.executePlan(await planner.createPlan())
}
