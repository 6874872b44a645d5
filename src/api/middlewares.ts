import { authenticate, defineMiddlewares } from "@medusajs/framework/http"
import {
  limitFlexitiCompletes,
  limitFlexitiFinancing,
  limitFlexitiLookups,
  limitFlexitiResults,
  limitFlexitiSessionsOnMedusaRoute,
  limitFlexitiSessionStarts,
  limitFlexitiWebhooks,
} from "./_lib/rate-limits"

/** Knows the signed-in customer, if any, so checkouts started are also counted per customer. */
const optionalCustomer = authenticate("customer", ["session", "bearer"], { allowUnauthenticated: true })

export default defineMiddlewares({
  routes: [
    { matcher: "/store/flexiti/payment-sessions", methods: ["POST"], middlewares: [optionalCustomer, limitFlexitiSessionStarts] },
    { matcher: "/store/flexiti/payment-sessions/:id/widget-result", methods: ["POST"], middlewares: [limitFlexitiResults] },
    { matcher: "/store/flexiti/payment-sessions/:id/application", methods: ["POST"], middlewares: [limitFlexitiResults] },
    { matcher: "/store/flexiti/payment-sessions/:id/application/result", methods: ["POST"], middlewares: [limitFlexitiResults] },
    { matcher: "/store/flexiti/payment-sessions/:id/financing", methods: ["GET", "POST"], middlewares: [limitFlexitiFinancing] },
    { matcher: "/store/flexiti/calculator", methods: ["GET"], middlewares: [limitFlexitiLookups] },
    { matcher: "/store/flexiti/eligibility", methods: ["GET"], middlewares: [limitFlexitiLookups] },
    { matcher: "/store/payment-collections/:id/payment-sessions", methods: ["POST"], middlewares: [limitFlexitiSessionsOnMedusaRoute] },
    { matcher: "/store/carts/:id/complete", methods: ["POST"], middlewares: [limitFlexitiCompletes] },
    { matcher: "/hooks/payment/:provider", methods: ["POST"], middlewares: [limitFlexitiWebhooks] },
  ],
})
