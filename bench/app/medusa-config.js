/**
 * A store that installs the plugin as a merchant does (README, "Install into a Medusa 2.21 store"):
 * the plugin comes from its built package (.medusa/server), never from src/. `npm run bench` and
 * the multi-instance test run Medusa in this folder.
 *
 * With REDIS_URL set it is configured for several instances (README, "Running on several
 * instances"): events, workflows, locks and the cache go through Redis, so every Medusa process
 * sharing the database and Redis acts as one store. MEDUSA_WORKER_MODE is server, worker or shared.
 */
const path = require("node:path")
const { defineConfig, loadEnv } = require("@medusajs/framework/utils")

loadEnv(process.env.NODE_ENV || "development", process.cwd())

const plugin = path.resolve(__dirname, "../..")
const redisUrl = process.env.REDIS_URL
/** keeps one run's queues and keys apart from another's on a shared Redis (no ":": BullMQ queue names refuse it) */
const prefix = process.env.REDIS_PREFIX ?? ""

const redisModules = redisUrl
  ? [
      { resolve: "@medusajs/medusa/event-bus-redis", options: { redisUrl, queueName: `${prefix}events-queue` } },
      {
        resolve: "@medusajs/medusa/workflow-engine-redis",
        options: { redis: { redisUrl, queueName: `${prefix}medusa-workflows`, jobQueueName: `${prefix}medusa-workflows-jobs` } },
      },
      {
        resolve: "@medusajs/medusa/locking",
        options: {
          providers: [
            { resolve: "@medusajs/medusa/locking-redis", id: "locking-redis", is_default: true, options: { redisUrl, namespace: `${prefix}medusa_lock:` } },
          ],
        },
      },
      {
        resolve: "@medusajs/medusa/caching",
        options: {
          providers: [{ resolve: "@medusajs/medusa/caching-redis", id: "caching-redis", is_default: true, options: { redisUrl, prefix: `${prefix}mc:` } }],
        },
      },
    ]
  : []

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    redisUrl,
    workerMode: process.env.MEDUSA_WORKER_MODE ?? "shared",
    http: {
      storeCors: process.env.STORE_CORS ?? "http://localhost:8000",
      adminCors: process.env.ADMIN_CORS ?? "http://localhost:9000",
      authCors: process.env.AUTH_CORS ?? "http://localhost:9000,http://localhost:8000",
      jwtSecret: process.env.JWT_SECRET ?? "supersecret",
      cookieSecret: process.env.COOKIE_SECRET ?? "supersecret",
    },
  },
  admin: { disable: true },
  plugins: [{ resolve: plugin, options: {} }],
  modules: [
    ...redisModules,
    {
      resolve: "@medusajs/medusa/payment",
      options: {
        providers: [
          {
            resolve: `${plugin}/.medusa/server/src/providers/flexiti`,
            id: "flexiti",
            options: {
              environment: process.env.FLEXITI_ENVIRONMENT,
              pos_base_url: process.env.FLEXITI_POS_BASE_URL,
            },
          },
        ],
      },
    },
  ],
})
