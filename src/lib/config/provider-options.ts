import { z } from "zod"
import { FLEXITI_ENVIRONMENTS } from "../../flexiti/environments"
import { langSchema } from "../../flexiti/schemas"
import { lte } from "../money"

const decimalDollars = z
  .union([z.number(), z.string()])
  .transform((v) => String(v))
  .refine((v) => /^\d+(\.\d{1,2})?$/.test(v), "must be a dollar amount with at most 2 decimals, e.g. 100 or 99.95")

const url = z.string().url("must be a URL such as http://127.0.0.1:4010")

// medusa-config often passes process.env values: accept "true"/"false" and numeric strings.
const booleanOption = z.preprocess((v) => (v === "true" ? true : v === "false" ? false : v), z.boolean())
const integerOption = z.preprocess((v) => (typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v), z.number().int().positive())

/**
 * Provider options from medusa-config.ts. Everything is optional: unset values come from the
 * settings saved in the admin (module flexiti), then from defaults. Values set here win,
 * so a deployment can pin them (e.g. credentials from the environment).
 */
export const providerOptionsSchema = z
  .object({
    environment: z.enum(FLEXITI_ENVIRONMENTS).optional(),
    flow: z.enum(["widget", "hosted"]).optional(),
    auto_capture: booleanOption.optional(),
    default_lang: langSchema.optional(),
    min_amount: decimalDollars.optional(),
    max_amount: decimalDollars.optional(),
    allowed_provinces: z.array(z.string().regex(/^[A-Z]{2}$/, "provinces are 2-letter codes such as ON")).optional(),
    client_id: z.string().min(1).optional(),
    client_secret: z.string().min(1).optional(),
    pos_base_url: url.optional(),
    online_base_url: url.optional(),
    /** preferred financing when the shopper did not choose: promotional plan and term */
    default_plan_id: integerOption.optional(),
    default_term: integerOption.optional(),
    /**
     * place the order while Flexiti reviews the shopper's application (Medusa's
     * pending_authorization); the reconciler authorizes it once Flexiti approves
     */
    pending_orders: booleanOption.optional(),
    /** a pending order Flexiti has not approved after this many hours is cancelled */
    pending_order_deadline_hours: integerOption.optional(),
    /** the reconciler releases an authorization no order took after this many minutes */
    release_unpaid_after_minutes: integerOption.optional(),
    /** the most Flexiti calls one reconcile run starts (what is left waits for the next run) */
    reconcile_call_budget: integerOption.pipe(z.number().min(10).max(100_000)).optional(),
    /** HTTP timeout per Flexiti call */
    timeout_ms: integerOption.pipe(z.number().max(120_000)).optional(),
    /**
     * the most Flexiti calls a minute the public routes may cause, store-wide (Flexiti publishes
     * no rate limit); FLEXITI_CALLS_PER_MINUTE when unset
     */
    flexiti_calls_per_minute: integerOption.pipe(z.number().max(1_000_000)).optional(),
    /**
     * also limit each client address: only for stores whose shoppers' browsers call Medusa
     * directly (behind a storefront server every shopper has its address); FLEXITI_LIMIT_BY_CLIENT_ADDRESS
     */
    limit_by_client_address: booleanOption.optional(),
  })
  .refine((o) => !o.client_secret || !!o.client_id, { message: "client_secret is set without client_id", path: ["client_id"] })
  .refine((o) => !o.min_amount || !o.max_amount || lte(o.min_amount, o.max_amount), {
    message: "min_amount must not exceed max_amount",
    path: ["min_amount"],
  })

export type FlexitiProviderOptions = z.input<typeof providerOptionsSchema>
export type ParsedProviderOptions = z.output<typeof providerOptionsSchema>

/** Drops undefined keys (medusa-config passes unset env vars as undefined) and validates. */
export function parseProviderOptions(options: Record<string, unknown> = {}): ParsedProviderOptions {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined && v !== ""))
  const parsed = providerOptionsSchema.safeParse(defined)
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => `${i.path.join(".") || "options"}: ${i.message}`).join("; ")
    throw new Error(`Invalid Flexiti provider options: ${details}`)
  }
  return parsed.data
}
