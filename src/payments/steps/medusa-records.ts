/**
 * The provider's only reads of Medusa's own tables. A payment provider lives inside the payment
 * module's container and cannot call other modules or `query`, so it reads the few facts it
 * needs through the shared pg connection, here and nowhere else.
 */
import type { PgConnection } from "../../modules/flexiti/stores/connection"
import { toDollars } from "../../lib/money"
import type { MedusaMoneyRow } from "../deps"

/** The payment collection of a payment session and the cart linked to that collection. */
export async function cartOfPaymentSession(
  knex: PgConnection,
  paymentSessionId: string
): Promise<{ payment_collection_id: string; cart_id: string | null } | undefined> {
  const row = await knex("payment_session as ps")
    .leftJoin("cart_payment_collection as cpc", function () {
      this.on("cpc.payment_collection_id", "=", "ps.payment_collection_id").andOnNull("cpc.deleted_at")
    })
    .where("ps.id", paymentSessionId)
    .first("ps.payment_collection_id", "cpc.cart_id")
  return row ? { payment_collection_id: row.payment_collection_id, cart_id: row.cart_id ?? null } : undefined
}

/**
 * The Medusa payment created from a payment session that may still capture from its
 * authorization (a placed order holds it), if any: neither canceled nor captured in full. A
 * payment recorded as captured after "Release remaining" (README "What Medusa's order page
 * shows") holds nothing more, so a release Flexiti did not confirm is retried.
 */
export async function livePaymentOfSession(knex: PgConnection, paymentSessionId: string): Promise<string | undefined> {
  const row = await knex("payment")
    .where({ payment_session_id: paymentSessionId })
    .whereNull("deleted_at")
    .whereNull("canceled_at")
    .whereNull("captured_at")
    .first("id")
  return row?.id
}

/** The Medusa payment created from a payment session (an order holds it), if any. */
export async function paymentOfSession(knex: PgConnection, paymentSessionId: string): Promise<string | undefined> {
  const row = await knex("payment").where({ payment_session_id: paymentSessionId }).whereNull("deleted_at").first("id")
  return row?.id
}

function moneyRow(row: { id: string; raw_amount?: unknown; amount?: unknown }): MedusaMoneyRow {
  return { id: row.id, amount: toDollars((row.raw_amount ?? row.amount) as never) }
}

/** The live capture rows of a payment (Medusa deletes a row when the provider throws). */
export async function capturesOfPayment(knex: PgConnection, paymentId: string): Promise<MedusaMoneyRow[]> {
  const rows = await knex("capture").where({ payment_id: paymentId }).whereNull("deleted_at").select("id", "raw_amount", "amount")
  return rows.map(moneyRow)
}

/** The live refund rows of a payment. */
export async function refundsOfPayment(knex: PgConnection, paymentId: string): Promise<MedusaMoneyRow[]> {
  const rows = await knex("refund").where({ payment_id: paymentId }).whereNull("deleted_at").select("id", "raw_amount", "amount")
  return rows.map(moneyRow)
}

/** One capture row (Medusa passes the capture's id to capturePayment, not its amount). */
export async function captureRow(knex: PgConnection, captureId: string): Promise<(MedusaMoneyRow & { payment_id: string }) | undefined> {
  const row = await knex("capture").where({ id: captureId }).whereNull("deleted_at").first("id", "raw_amount", "amount", "payment_id")
  return row ? { ...moneyRow(row), payment_id: row.payment_id } : undefined
}
