import { z } from "zod"
import { ApplicationData, applicationDataSchema, applicationRefusal } from "../../flexiti/application"
import { FlexitiError } from "../../flexiti/errors"
import type { FlexitiCheckoutState, FlexitiCheckoutWrite } from "../../modules/flexiti/types"
import type { RuntimeConfig } from "../../config/resolver"
import type { CheckoutsPort } from "../deps"
import { onCheckoutLineage } from "./checkout-lineage"

/**
 * A shopper without a Flexiti account applies inside the checkout (Widget Communication Events:
 * a purchase widget's null/false/apply means "redirect to a new application"):
 * 1. startApplication: widget/init with the application flow, the applicant's data taken from the
 *    cart and the terms agreement the shopper gave;
 * 2. the shopper fills in the application in Flexiti's widget, which posts flx-success null/…/apply;
 * 3. submitApplication: POST /apply with the same data and the application's widget_session_id
 *    (the merchant "must call the POST /apply endpoint"). Flexiti's answer decides: approved opens
 *    a purchase widget for the new account (PURCHASE_AFTER_APPLICATION), pending and declined end
 *    the Flexiti attempt with the cart still open.
 * The record of the application lives in the checkout's widget_result, on the server only.
 */

const applicationRecordSchema = z.object({
  widget_session_id: z.string(),
  status: z.enum(["started", "approved", "pending", "declined"]),
  data: applicationDataSchema,
  /** approved: the purchase widget opened for the new account */
  purchase: z.object({ widget_session_id: z.string(), redirection_url: z.string() }).optional(),
})
type ApplicationRecord = z.infer<typeof applicationRecordSchema>

export type ApplicationOutcome =
  { kind: "approved"; redirection_url: string; modal_origin: string; widget_session_id: string } | { kind: "pending" } | { kind: "declined" }

interface FlowArgs {
  config: RuntimeConfig
  checkouts: CheckoutsPort
  checkout: FlexitiCheckoutState
  lang: "en" | "fr"
}

const refuse = (message: string) => new FlexitiError({ kind: "invalid_request", message })

/** The application recorded on a checkout, if one was started. */
export function applicationOf(checkout: FlexitiCheckoutState): ApplicationRecord | undefined {
  const parsed = applicationRecordSchema.safeParse(checkout.widget_result?.application)
  return parsed.success ? parsed.data : undefined
}

function requireOpenWidgetCheckout(checkout: FlexitiCheckoutState): void {
  if (checkout.flow !== "widget") throw refuse("Applying at checkout needs Flexiti's widget checkout; this session is not one.")
  if (checkout.authorization_id) throw refuse("This Flexiti checkout is already authorized.")
}

/** Opens Flexiti's application for the shopper; the answer is what the storefront frames. */
export async function startApplication(
  args: FlowArgs & { data: ApplicationData }
): Promise<{ redirection_url: string; modal_origin: string; widget_session_id: string }> {
  const { checkouts, checkout, lang, data } = args
  requireOpenWidgetCheckout(checkout)
  const session = await onCheckoutLineage(args, (lineage) => args.config.client.applicationInit(data, { lineage, referenceId: checkout.reference_id, lang }))
  const record: ApplicationRecord = { widget_session_id: session.widget_session_id, status: "started", data }
  // A new application replaces what an earlier widget result left: nothing is verified for a purchase.
  await checkouts.write({
    payment_session_id: checkout.payment_session_id,
    widget_result: { application: record },
    account_number: null,
    financing_options: null,
    financing_choice: null,
  })
  return { redirection_url: session.redirection_url, modal_origin: new URL(session.redirection_url).origin, widget_session_id: session.widget_session_id }
}

function outcomeOf(record: ApplicationRecord): ApplicationOutcome | undefined {
  if (record.status === "pending" || record.status === "declined") return { kind: record.status }
  if (record.status === "approved" && record.purchase) {
    return { kind: "approved", ...record.purchase, modal_origin: new URL(record.purchase.redirection_url).origin }
  }
  return undefined
}

/**
 * After the application widget's flx-success: POST /apply, then the decision Flexiti gave. The
 * browser's event only names the widget session; it must be the application this checkout
 * started, and nothing else it says is used. Asking again returns the recorded decision.
 */
export async function submitApplication(args: FlowArgs & { widgetSessionId: string }): Promise<ApplicationOutcome> {
  const { config, checkouts, checkout, lang } = args
  requireOpenWidgetCheckout(checkout)
  const record = applicationOf(checkout)
  if (!record || record.widget_session_id !== args.widgetSessionId) {
    throw refuse("This Flexiti application belongs to another checkout (widget_session_id differs).")
  }
  const recorded = outcomeOf(record)
  if (recorded) return recorded

  const save = (next: ApplicationRecord, extra: Omit<FlexitiCheckoutWrite, "payment_session_id" | "widget_result"> = {}) =>
    checkouts.write({ payment_session_id: checkout.payment_session_id, widget_result: { application: next }, ...extra })

  return onCheckoutLineage(args, async (lineage) => {
    const options = { lineage, referenceId: checkout.reference_id, lang }
    // Approved before, the purchase widget not opened yet: the new account is kept (encrypted).
    let accountNumber = record.status === "approved" && checkout.account_number ? Number(checkout.account_number) : undefined
    if (!accountNumber) {
      try {
        accountNumber = (await config.client.apply({ ...record.data, widget_session_id: record.widget_session_id }, options)).account_number
      } catch (error) {
        const refusal = error instanceof FlexitiError && error.kind === "business" ? applicationRefusal(error.code) : undefined
        if (!refusal) throw error
        await save({ ...record, status: refusal })
        return { kind: refusal }
      }
      await save({ ...record, status: "approved" }, { account_number: String(accountNumber) })
    }
    const purchase = await config.client.widgetInit({ flow: "purchase", customer_identification: { account_number: accountNumber } }, options)
    const next: ApplicationRecord = {
      ...record,
      status: "approved",
      purchase: { widget_session_id: purchase.widget_session_id, redirection_url: purchase.redirection_url },
    }
    // The purchase widget is now this checkout's widget: its flx-success is the one recorded next.
    await save(next, { widget_session_id: purchase.widget_session_id })
    return outcomeOf(next)!
  })
}
