/**
 * The one door to `flexiti_checkout`: the server-side state of a payment session (what the
 * storefront must never be trusted with: the authorization id, the amount, the token lineage,
 * the Flexiti account). The module service, the provider and the store routes all use these
 * functions on the shared pg connection. Secrets in the row are encrypted with
 * FLEXITI_ENCRYPTION_KEY.
 */
import { generateEntityId } from "@medusajs/framework/utils"
import { checkoutRowToState, checkoutWriteToColumns } from "./codec"
import { FLEXITI_SCHEMA, FlexitiCheckoutState, FlexitiCheckoutWrite } from "./constants"
import { FlexitiCryptoError, loadEncryptionKey } from "./crypto"
import type { KnexLike } from "./settings-reader"
import { checkoutWriteSchema, formatZodError } from "./validation"

const CH = FLEXITI_SCHEMA.checkout
const C = CH.columns

function rowToState(row: Record<string, unknown>, key?: Buffer | string): FlexitiCheckoutState {
  const hasSecret = row[C.customer_token_encrypted] || row[C.account_number_encrypted]
  return checkoutRowToState(row, hasSecret ? (key ?? loadEncryptionKey()) : undefined)
}

/** The checkout of a payment session with its secrets decrypted, or undefined. */
export async function readCheckout(
  knex: KnexLike,
  paymentSessionId: string,
  key?: Buffer | string
): Promise<FlexitiCheckoutState | undefined> {
  const row = await knex(CH.table)
    .select("*")
    .where(C.payment_session_id, paymentSessionId)
    .whereNull(C.deleted_at)
    .first()
  return row ? rowToState(row, key) : undefined
}

/** Checkouts waiting for a release Flexiti has not confirmed (retried by the reconciler). */
export async function listPendingReleases(knex: KnexLike, limit = 100): Promise<FlexitiCheckoutState[]> {
  const rows = await knex(CH.table).select("*").where(C.release_state, "pending").whereNull(C.deleted_at).limit(limit)
  return rows.map((row: Record<string, unknown>) => rowToState(row))
}

/** Checkouts of an age window that hold an authorization (for the reconciler). */
export async function listAuthorizedCheckouts(
  knex: KnexLike,
  args: { createdBefore: Date; createdAfter?: Date; limit?: number }
): Promise<FlexitiCheckoutState[]> {
  const query = knex(CH.table)
    .select("*")
    .whereNotNull(C.authorization_id)
    .whereNull(C.release_state)
    .whereNull(C.deleted_at)
    .where(C.created_at, "<", args.createdBefore)
  if (args.createdAfter) query.where(C.created_at, ">=", args.createdAfter)
  const rows = await query.orderBy(C.created_at, "asc").limit(args.limit ?? 200)
  return rows.map((row: Record<string, unknown>) => rowToState(row))
}

/**
 * Checkouts from a time window that may have left money at Flexiti without recording it: an
 * authorization was attempted (widget) or a hosted purchase started, and no authorization id
 * was saved (the answer was lost, or the shopper never came back).
 */
export async function listUnrecordedAttempts(
  knex: KnexLike,
  args: { createdBefore: Date; createdAfter: Date; limit?: number }
): Promise<FlexitiCheckoutState[]> {
  const rows = await knex(CH.table)
    .select("*")
    .whereNull(C.authorization_id)
    .whereNull(C.release_state)
    .whereNull(C.in_review_since)
    .whereNull(C.deleted_at)
    .where((q) => q.whereNotNull(C.authorization_attempted_at).orWhereNotNull(C.online_order_id))
    .where(C.created_at, "<", args.createdBefore)
    .where(C.created_at, ">=", args.createdAfter)
    .orderBy(C.created_at, "asc")
    .limit(args.limit ?? 200)
  return rows.map((row: Record<string, unknown>) => rowToState(row))
}

/** Orders placed while Flexiti reviews the application, still without an authorization. */
export async function listInReview(knex: KnexLike, limit = 200): Promise<FlexitiCheckoutState[]> {
  const rows = await knex(CH.table)
    .select("*")
    .whereNotNull(C.in_review_since)
    .whereNull(C.authorization_id)
    .whereNull(C.release_state)
    .whereNull(C.deleted_at)
    .orderBy(C.in_review_since, "asc")
    .limit(limit)
  return rows.map((row: Record<string, unknown>) => rowToState(row))
}

/**
 * Creates or updates (by payment_session_id) a checkout in one statement. Undefined fields keep
 * their stored value, null clears. Creating needs flow, environment and reference_id. Returns the
 * stored state.
 */
export async function writeCheckout(
  knex: KnexLike,
  write: FlexitiCheckoutWrite,
  key?: Buffer | string
): Promise<FlexitiCheckoutState> {
  const parsed = checkoutWriteSchema.safeParse(write)
  if (!parsed.success) {
    throw new Error(`Invalid Flexiti checkout: ${formatZodError(parsed.error)}`)
  }
  const data = parsed.data as FlexitiCheckoutWrite
  const secretKey = key ?? loadEncryptionKey()
  if ((data.customer_token || data.account_number) && !secretKey) {
    throw new FlexitiCryptoError("missing_key", "FLEXITI_ENCRYPTION_KEY must be set to store a Flexiti checkout")
  }
  const columns = checkoutWriteToColumns(data, secretKey)
  if (columns[C.widget_result] !== undefined && columns[C.widget_result] !== null) {
    // jsonb: serialise explicitly (node-postgres would turn a JS array into a PG array)
    columns[C.widget_result] = JSON.stringify(columns[C.widget_result])
  }

  if (Object.keys(columns).length) {
    const updated = await knex(CH.table)
      .update({ ...columns, [C.updated_at]: knex.fn.now() })
      .where(C.payment_session_id, data.payment_session_id)
      .whereNull(C.deleted_at)
      .returning("*")
    if (updated.length) return rowToState(updated[0], secretKey)
  } else {
    const existing = await readCheckout(knex, data.payment_session_id, secretKey)
    if (existing) return existing
  }

  if (!data.flow || !data.environment || !data.reference_id) {
    throw new Error("flow, environment and reference_id are required to create a Flexiti checkout")
  }
  const now = knex.fn.now()
  // A concurrent insert of the same session is merged instead of failing on the unique index.
  const [row] = await knex(CH.table)
    .insert({
      [C.id]: generateEntityId(undefined, CH.prefix),
      [C.payment_session_id]: data.payment_session_id,
      ...columns,
      [C.created_at]: now,
      [C.updated_at]: now,
    })
    .onConflict(knex.raw(`(??) where ?? is null`, [C.payment_session_id, C.deleted_at]))
    .merge([...Object.keys(columns), C.updated_at])
    .returning("*")
  return rowToState(row, secretKey)
}
