import Medusa from "@medusajs/js-sdk"

/** The admin's JS SDK client (session auth, same origin as the dashboard unless configured). */
export const sdk = new Medusa({
  baseUrl: __BACKEND_URL__ || "/",
  auth: { type: "session" },
})
