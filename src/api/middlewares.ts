import { defineMiddlewares } from "@medusajs/framework/http"
import {
  limitFlexitiFinancing,
  limitFlexitiLookups,
  limitFlexitiResults,
  limitFlexitiSessionsOnMedusaRoute,
  limitFlexitiSessionStarts,
} from "./_lib/rate-limits"

export default defineMiddlewares({
  routes: [
    { matcher: "/store/flexiti/payment-sessions", methods: ["POST"], middlewares: [limitFlexitiSessionStarts] },
    { matcher: "/store/flexiti/payment-sessions/:id/widget-result", methods: ["POST"], middlewares: [limitFlexitiResults] },
    { matcher: "/store/flexiti/payment-sessions/:id/application", methods: ["POST"], middlewares: [limitFlexitiResults] },
    { matcher: "/store/flexiti/payment-sessions/:id/application/result", methods: ["POST"], middlewares: [limitFlexitiResults] },
    { matcher: "/store/flexiti/payment-sessions/:id/financing", methods: ["GET", "POST"], middlewares: [limitFlexitiFinancing] },
    { matcher: "/store/flexiti/calculator", methods: ["GET"], middlewares: [limitFlexitiLookups] },
    { matcher: "/store/flexiti/eligibility", methods: ["GET"], middlewares: [limitFlexitiLookups] },
    { matcher: "/store/payment-collections/:id/payment-sessions", methods: ["POST"], middlewares: [limitFlexitiSessionsOnMedusaRoute] },
  ],
})
