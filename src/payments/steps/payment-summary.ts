import type { BigNumberInput, MedusaContainer, PaymentDTO } from "@medusajs/framework/types"
import { MathBN, MedusaError, Modules } from "@medusajs/framework/utils"
import { FLEXITI_MODULE } from "../../modules/flexiti/schema"
import { FlexitiEnvironmentName } from "../../lib/vocabulary"
import type FlexitiModuleService from "../../modules/flexiti/service"
import type { FlexitiPaymentData } from "./types"
import { paymentDataOf } from "./authorization-ledger"
import { runtimeConfigOf } from "../../config/from-container"
import type { FlexitiCheckoutState } from "../../modules/flexiti/types"
import { TOO_SLOW, tooSlowAfter } from "../../lib/deadline"
import { FLEXITI_PROVIDER_ID } from "../../lib/vocabulary"
import { listUnansweredRefunds } from "./unanswered-refunds"
import { recordsOf } from "../pg-deps"

/** Dollars with 2 decimals, computed with MathBN (never float sums). */
function dollars(value: BigNumberInput): string {
  return MathBN.convert(value).decimalPlaces(2, 4).toFixed(2)
}

function sum(values: (BigNumberInput | undefined | null)[]): string {
  return dollars(values.reduce<BigNumberInput>((total, v) => MathBN.add(total, v ?? 0), 0))
}

/** How long the panel waits for Flexiti before it shows the figures last recorded. */
const FLEXITI_READ_TIMEOUT_MS = 5000

type Figures = { data: Partial<FlexitiPaymentData>; source: "flexiti" | "recorded"; note: string | null }

/**
 * The payment's Flexiti figures as Flexiti reports them now, matched to the plugin's own money
 * movements; Medusa's copy in the payment's data is written after each provider call and can lag
 * (two refunds at once, a return made in Flexiti's portal). When Flexiti cannot be read, the copy
 * is shown and the panel says so.
 */
async function currentFigures(container: MedusaContainer, stored: Partial<FlexitiPaymentData>, checkout: FlexitiCheckoutState | undefined): Promise<Figures> {
  if (!checkout?.authorization_id) return { data: stored, source: "recorded", note: null }
  const flexiti = container.resolve<FlexitiModuleService>(FLEXITI_MODULE)
  const read = (async () => {
    const config = await runtimeConfigOf(container, checkout.environment as FlexitiEnvironmentName)
    const [authorization, movements] = await Promise.all([
      config.client.getAuthorization(Number(checkout.authorization_id)),
      flexiti.listMoneyMovements(checkout.payment_session_id),
    ])
    return paymentDataOf(checkout, authorization, movements)
  })()
  const recorded = (why: string): Figures => ({
    data: stored,
    source: "recorded",
    note: `Flexiti could not be read (${why}); these are the figures last recorded.`,
  })
  try {
    const current = await Promise.race([read, tooSlowAfter(FLEXITI_READ_TIMEOUT_MS)])
    if (current !== TOO_SLOW) return { data: current, source: "flexiti", note: null }
    read.catch(() => undefined) // a late failure has no one left to tell
    return recorded(`no answer within ${FLEXITI_READ_TIMEOUT_MS / 1000} s`)
  } catch (error) {
    return recorded((error as Error).message)
  }
}

export async function flexitiPaymentSummary(container: MedusaContainer, paymentId: string) {
  const payments = container.resolve(Modules.PAYMENT)
  const payment = (await payments.retrievePayment(paymentId, {
    relations: ["captures", "refunds"],
  })) as PaymentDTO
  if (payment.provider_id !== FLEXITI_PROVIDER_ID) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `Payment ${payment.id} is not a Flexiti payment`)
  }
  const stored = (payment.data ?? {}) as Partial<FlexitiPaymentData>
  const flexiti = container.resolve<FlexitiModuleService>(FLEXITI_MODULE)
  // The checkout holds the authorization Flexiti is asked about, and the release state (the
  // reconciler settles it after Medusa's payment data was written).
  const checkout = stored.session_id ? await flexiti.getCheckout(stored.session_id).catch(() => undefined) : undefined
  const figures = await currentFigures(container, stored, checkout)
  const d = figures.data
  const captures = d.captures ?? []
  const authorized = dollars(d.authorized_amount ?? 0)
  const captured = sum(captures.map((c) => c.amount))
  const released = dollars(d.released_amount ?? 0)
  const returned = sum(captures.map((c) => c.returned))
  const refunded = sum(captures.map((c) => c.refunded))
  const left = MathBN.sub(MathBN.sub(authorized, released), captured)
  const remaining = d.authorization_status === "closed" || MathBN.lt(left, 0) ? "0.00" : dollars(left)

  let planLabel: { en: string | null; fr: string | null } | null = null
  if (d.plan_id != null && d.environment) {
    const i18n = await flexiti.getI18n(d.environment as FlexitiEnvironmentName).catch(() => undefined)
    const key = String(d.plan_id)
    planLabel = { en: i18n?.labels.en?.plan_ids[key] ?? null, fr: i18n?.labels.fr?.plan_ids[key] ?? null }
  }
  const history = d.session_id ? await flexiti.listCallLog({ payment_session_id: d.session_id }) : []
  const unanswered = checkout ? await listUnansweredRefunds(recordsOf(container), checkout.payment_session_id) : []

  return {
    payment: {
      id: payment.id,
      currency_code: payment.currency_code,
      medusa: {
        amount: dollars(payment.amount as BigNumberInput),
        captured: sum((payment.captures ?? []).map((c) => c.amount as BigNumberInput)),
        refunded: sum((payment.refunds ?? []).map((r) => r.amount as BigNumberInput)),
        captured_at: payment.captured_at ?? null,
        canceled_at: payment.canceled_at ?? null,
      },
      flexiti: {
        session_id: d.session_id ?? null,
        environment: d.environment ?? null,
        flow: d.flow ?? null,
        reference_id: d.reference_id ?? null,
        authorization_id: d.authorization_id ?? null,
        authorization_status: d.authorization_status ?? null,
        account_number_masked: d.account_number_masked ?? null,
        transaction_type: d.transaction_type ?? null,
        plan_id: d.plan_id ?? null,
        term: d.term ?? null,
        plan_label: planLabel,
      },
      amounts: { authorized, captured, returned, refunded, released, remaining },
      /** flexiti: read from Flexiti just now; recorded: Flexiti did not answer, the last recorded figures */
      figures: { source: figures.source, note: figures.note },
      captures: captures.map((c) => ({
        capture_id: c.capture_id,
        medusa_capture_id: c.medusa_capture_id,
        amount: dollars(c.amount),
        returned: dollars(c.returned ?? 0),
        refunded: dollars(c.refunded ?? 0),
        date: c.date,
      })),
      release: { state: checkout?.release_state ?? null, error: checkout?.release_error ?? null },
      /**
       * Refunds Flexiti did not answer and that cannot be read back (an account refund answers
       * nothing to read): further refunds wait until the admin resolves each one.
       */
      unanswered_refunds: unanswered.map((u) => ({
        id: u.id,
        kind: u.kind,
        amount: dollars(u.amount),
        capture_id: u.capture_id,
        medusa_refund_id: u.medusa_refund_id,
        reference_id: u.reference_id,
        sent_at: u.sent_at,
      })),
      can_release: !payment.canceled_at && !payment.captured_at && !!d.authorization_id && MathBN.gt(remaining, 0),
      history: history.map((h) => ({
        id: h.id,
        operation: h.operation,
        outcome: h.outcome,
        reference_id: h.reference_id,
        http_status: h.http_status,
        error_code: h.error_code,
        amount: h.amount,
        flexiti_id: h.flexiti_id,
        message: h.message,
        created_at: h.created_at,
      })),
    },
  }
}
