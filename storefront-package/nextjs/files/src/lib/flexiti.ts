import { flexitiStoreRequest } from "@lib/data/flexiti"
import { startFlexitiSession } from "medusa-payment-flexiti-storefront"
import type { MedusaSdkLike } from "medusa-payment-flexiti-storefront"

// Added by `npx flexiti-nextjs` (medusa-payment-flexiti, README: "Storefront: Medusa's Next.js starter").

/** Flexiti's provider id is pp_flexiti_<id>; the README registers the provider with id "flexiti". */
export const isFlexiti = (providerId?: string) => !!providerId?.startsWith("pp_flexiti")

/** What the storefront kit calls instead of fetch: the storefront's server action above. */
export const flexitiSdk: MedusaSdkLike = {
  client: {
    async fetch<T>(path: string, init?: { method?: string; body?: unknown }): Promise<T> {
      const answer = await flexitiStoreRequest(path, init?.method === "POST" ? "POST" : "GET", init?.body)
      if ("error" in answer) throw Object.assign(new Error(answer.error), { status: answer.status ?? 500 })
      return answer.data as T
    },
  },
}

/** The payment step's submit: starts the cart's Flexiti session, the only widget/init of a checkout. */
export const initiateFlexitiSession = (cartId: string) => startFlexitiSession({ sdk: flexitiSdk, cartId, lang: "en" })
