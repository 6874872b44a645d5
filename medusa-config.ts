/**
 * Development and test host app for the plugin (not part of the published package).
 * A merchant's own medusa-config.ts is shown in the README.
 */
import { defineConfig, loadEnv } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

function databaseUrl(): string {
  if (process.env.DATABASE_URL) {
    return process.env.DATABASE_URL
  }
  const user = process.env.DB_USERNAME ?? "postgres"
  const password = process.env.DB_PASSWORD ? `:${encodeURIComponent(process.env.DB_PASSWORD)}` : ""
  const host = process.env.DB_HOST ?? "localhost"
  const port = process.env.DB_PORT ?? "5432"
  const name = process.env.DB_NAME ?? "medusa_flexiti_dev"
  return `postgres://${user}${password}@${host}:${port}/${name}`
}

const storeCors = process.env.STORE_CORS ?? "http://localhost:8000,http://localhost:9100"
const adminCors = process.env.ADMIN_CORS ?? "http://localhost:9000,http://localhost:5173"

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: databaseUrl(),
    redisUrl: process.env.REDIS_URL,
    http: {
      storeCors,
      adminCors,
      authCors: process.env.AUTH_CORS ?? `${adminCors},${storeCors}`,
      jwtSecret: process.env.JWT_SECRET ?? "supersecret",
      cookieSecret: process.env.COOKIE_SECRET ?? "supersecret",
    },
  },
  admin: {
    disable: process.env.MEDUSA_ADMIN_DISABLE === "true",
  },
  modules: [
    { resolve: "./src/modules/flexiti" },
    {
      resolve: "@medusajs/medusa/payment",
      options: {
        providers: [
          {
            resolve: "./src/providers/flexiti",
            id: "flexiti",
            // FLEXITI_CLIENT_ID / FLEXITI_CLIENT_SECRET are read by the provider itself (README).
            options: {
              environment: process.env.FLEXITI_ENVIRONMENT,
              pending_orders: process.env.FLEXITI_PENDING_ORDERS,
              pos_base_url: process.env.FLEXITI_POS_BASE_URL,
              online_base_url: process.env.FLEXITI_ONLINE_BASE_URL,
            },
          },
        ],
      },
    },
  ],
})
