"use server"

import { sdk } from "@lib/config"
import { getAuthHeaders, getCacheTag } from "@lib/data/cookies"
import { revalidateTag } from "next/cache"

// Added by `npx flexiti-nextjs` (medusa-payment-flexiti, README: "Storefront: Medusa's Next.js starter").

export type FlexitiStoreAnswer = { data: unknown } | { error: string; status?: number }

// Only the plugin's store routes go through here (sessions, widget result, application, financing, eligibility, calculator).
const FLEXITI_STORE_PATH = /^\/store\/flexiti\/[\w\-/]+(\?[\w\-=&.%]*)?$/

/**
 * The storefront kit's calls to the Medusa backend, made from this server with the starter's own
 * SDK (its backend URL, publishable key and the shopper's auth), so the browser needs no backend
 * URL. Errors come back as values: Next.js hides a thrown error's message in production.
 */
export async function flexitiStoreRequest(path: string, method: "GET" | "POST" = "GET", body?: unknown): Promise<FlexitiStoreAnswer> {
  if (!FLEXITI_STORE_PATH.test(path)) return { error: `Not a Flexiti store route: ${path}`, status: 400 }
  try {
    const headers = { ...(await getAuthHeaders()) }
    const data = await sdk.client.fetch<unknown>(path, { method, headers, ...(method === "POST" ? { body: body ?? {} } : {}) })
    // A new session or a recorded widget result changes the cart's payment collection.
    if (method === "POST") revalidateTag(await getCacheTag("carts"))
    return { data }
  } catch (e) {
    const err = e as { message?: string; status?: number }
    return { error: err.message || "The store could not be reached.", status: err.status }
  }
}
