/**
 * The one door to `flexiti_checkout`: the server-side state of a payment session (what the
 * storefront must never be trusted with: the authorization id, the amount, the token lineage,
 * the Flexiti account). The module service, the provider and the store routes all use these
 * functions on the shared pg connection. Secrets in the row are encrypted with
 * FLEXITI_ENCRYPTION_KEY.
 */
import { FLEXITI_SCHEMA } from "../schema"
import type { FlexitiCheckoutState, FlexitiCheckoutWrite, FlexitiFinancingChoice, FlexitiFinancingOffer, FlexitiSkuData, FlexitiStoredToken } from "../types"
import { decryptJson, encryptJson, FlexitiCryptoError, loadEncryptionKey } from "../crypto"
import { checkoutWriteSchema, formatZodError } from "../validation"
import { toDollars } from "../../../lib/money"
import { jsonColumn, newId, parseJson, PgConnection, Row, toDate } from "./connection"

const CH = FLEXITI_SCHEMA.checkout
const C = CH.columns

/** A row → state, the customer token and the account number decrypted. */
function rowToState(row: Row, key?: Buffer | string): FlexitiCheckoutState {
  const secretKey = row[C.customer_token_encrypted] || row[C.account_number_encrypted] ? (key ?? loadEncryptionKey()) : undefined
  const token = row[C.customer_token_encrypted] as string | null
  const account = row[C.account_number_encrypted] as string | null
  return {
    id: row[C.id],
    payment_session_id: row[C.payment_session_id],
    flow: row[C.flow],
    environment: row[C.environment],
    reference_id: row[C.reference_id],
    widget_session_id: row[C.widget_session_id] ?? null,
    customer_token: token ? decryptJson<FlexitiStoredToken>(token, secretKey) : null,
    widget_result: parseJson<Record<string, unknown>>(row[C.widget_result]),
    online_order_id: row[C.online_order_id] ?? null,
    authorization_id: row[C.authorization_id] ?? null,
    cart_id: row[C.cart_id] ?? null,
    amount: row[C.amount] == null ? null : toDollars(row[C.amount]),
    account_number: account ? decryptJson<string>(account, secretKey) : null,
    release_state: row[C.release_state] ?? null,
    release_error: row[C.release_error] ?? null,
    authorization_attempted_at: row[C.authorization_attempted_at] ? toDate(row[C.authorization_attempted_at]) : null,
    in_review_since: row[C.in_review_since] ? toDate(row[C.in_review_since]) : null,
    accepted_at: row[C.accepted_at] ? toDate(row[C.accepted_at]) : null,
    reconciled_at: row[C.reconciled_at] ? toDate(row[C.reconciled_at]) : null,
    context_nonce: row[C.context_nonce] ?? null,
    financing_options: parseJson<FlexitiFinancingOffer>(row[C.financing_options]),
    financing_choice: parseJson<FlexitiFinancingChoice>(row[C.financing_choice]),
    sku_data: parseJson<FlexitiSkuData>(row[C.sku_data]),
    created_at: toDate(row[C.created_at]),
    updated_at: toDate(row[C.updated_at]),
  }
}

/** The plain columns a write copies as they are (the secrets are encrypted, JSON columns serialised). */
const PLAIN_COLUMNS = [
  "flow",
  "environment",
  "reference_id",
  "widget_session_id",
  "online_order_id",
  "authorization_id",
  "cart_id",
  "amount",
  "release_state",
  "release_error",
  "authorization_attempted_at",
  "in_review_since",
  "accepted_at",
  "reconciled_at",
  "context_nonce",
] as const

/** The columns a write sets: undefined fields are left out, null clears. */
function writeToColumns(write: FlexitiCheckoutWrite, key?: Buffer | string): Row {
  const columns: Row = {}
  for (const name of PLAIN_COLUMNS) {
    if (write[name] !== undefined) columns[C[name]] = write[name]
  }
  for (const name of ["widget_result", "financing_options", "financing_choice", "sku_data"] as const) {
    if (write[name] !== undefined) columns[C[name]] = jsonColumn(write[name])
  }
  if (write.customer_token !== undefined) {
    columns[C.customer_token_encrypted] = write.customer_token === null ? null : encryptJson(write.customer_token, key)
  }
  if (write.account_number !== undefined) {
    columns[C.account_number_encrypted] = write.account_number === null ? null : encryptJson(write.account_number, key)
  }
  return columns
}

/** The checkout of a payment session with its secrets decrypted, or undefined. */
export async function readCheckout(knex: PgConnection, paymentSessionId: string, key?: Buffer | string): Promise<FlexitiCheckoutState | undefined> {
  const row = await knex(CH.table).select("*").where(C.payment_session_id, paymentSessionId).whereNull(C.deleted_at).first()
  return row ? rowToState(row, key) : undefined
}

/** Checkouts waiting for a release Flexiti has not confirmed (retried by the reconciler). */
export async function listPendingReleases(knex: PgConnection, limit = 100): Promise<FlexitiCheckoutState[]> {
  const rows = await leastRecentlyReconciled(knex(CH.table).select("*").where(C.release_state, "pending").whereNull(C.deleted_at)).limit(limit)
  return rows.map((row: Row) => rowToState(row))
}

/**
 * The reconciler's batches take the checkouts it looked at least recently first, so a backlog
 * larger than one batch is worked through over successive runs instead of the same oldest rows
 * filling every batch.
 */
function leastRecentlyReconciled<Q extends { orderByRaw: (sql: string, bindings: string[]) => Q }>(query: Q): Q {
  return query.orderByRaw("?? asc nulls first", [C.reconciled_at])
}

/** Records that the reconciler looked at these checkouts now (its batches rotate by it). */
export async function markReconciled(knex: PgConnection, paymentSessionIds: string[], at = new Date()): Promise<void> {
  if (!paymentSessionIds.length) return
  await knex(CH.table)
    .whereIn(C.payment_session_id, paymentSessionIds)
    .whereNull(C.deleted_at)
    .update({ [C.reconciled_at]: at })
}

/** Medusa's payment rows of the checkout's session (read here so the batches are chosen in SQL). */
function medusaPaymentOfCheckout(knex: PgConnection, extra?: (q: ReturnType<PgConnection>) => void) {
  const query = knex("payment")
    .select(knex.raw("1"))
    .whereRaw(`payment.payment_session_id = ??.??`, [CH.table, C.payment_session_id])
    .whereNull("payment.deleted_at")
  extra?.(query)
  return query
}

/**
 * Authorizations no Medusa payment took, attempted before `attemptedBefore` (the grace period
 * counts from the authorization attempt): what the reconciler gives back. Placed orders never
 * fill this batch.
 */
export async function listAbandonedAuthorizations(knex: PgConnection, args: { attemptedBefore: Date; limit: number }): Promise<FlexitiCheckoutState[]> {
  const query = knex(CH.table)
    .select("*")
    .whereNotNull(C.authorization_id)
    .whereNull(C.release_state)
    .whereNull(C.deleted_at)
    .whereRaw(`coalesce(??, ??) < ?`, [C.authorization_attempted_at, C.created_at, args.attemptedBefore])
    .whereNotExists(medusaPaymentOfCheckout(knex))
  const rows = await leastRecentlyReconciled(query).orderBy(C.created_at, "asc").limit(args.limit)
  return rows.map((row: Row) => rowToState(row))
}

/** Authorizations an order's Medusa payment holds while still open (not canceled, not fully captured). */
export async function listOpenOrderAuthorizations(knex: PgConnection, args: { limit: number }): Promise<FlexitiCheckoutState[]> {
  const query = knex(CH.table)
    .select("*")
    .whereNotNull(C.authorization_id)
    .whereNull(C.release_state)
    .whereNull(C.deleted_at)
    .whereExists(medusaPaymentOfCheckout(knex, (q) => q.whereNull("payment.canceled_at").whereNull("payment.captured_at")))
  const rows = await leastRecentlyReconciled(query).orderBy(C.created_at, "asc").limit(args.limit)
  return rows.map((row: Row) => rowToState(row))
}

/**
 * Checkouts from a time window that may have left money at Flexiti without recording it: an
 * authorization was attempted (widget) or a hosted purchase started, and no authorization id
 * was saved (the answer was lost, or the shopper never came back).
 */
export async function listUnrecordedAttempts(
  knex: PgConnection,
  args: { createdBefore: Date; createdAfter: Date; limit?: number }
): Promise<FlexitiCheckoutState[]> {
  const query = knex(CH.table)
    .select("*")
    .whereNull(C.authorization_id)
    .whereNull(C.release_state)
    .whereNull(C.in_review_since)
    .whereNull(C.deleted_at)
    .where((q) => q.whereNotNull(C.authorization_attempted_at).orWhereNotNull(C.online_order_id))
    // the grace period counts from the authorization attempt (a checkout may be started long before)
    .whereRaw(`coalesce(??, ??) < ?`, [C.authorization_attempted_at, C.created_at, args.createdBefore])
    .where(C.created_at, ">=", args.createdAfter)
  const rows = await leastRecentlyReconciled(query)
    .orderBy(C.created_at, "asc")
    .limit(args.limit ?? 200)
  return rows.map((row: Row) => rowToState(row))
}

/** Orders placed while Flexiti reviews the application, still without an authorization. */
export async function listInReview(knex: PgConnection, limit = 200): Promise<FlexitiCheckoutState[]> {
  const query = knex(CH.table).select("*").whereNotNull(C.in_review_since).whereNull(C.authorization_id).whereNull(C.release_state).whereNull(C.deleted_at)
  const rows = await leastRecentlyReconciled(query).orderBy(C.in_review_since, "asc").limit(limit)
  return rows.map((row: Row) => rowToState(row))
}

/**
 * Creates or updates (by payment_session_id) a checkout in one statement. Undefined fields keep
 * their stored value, null clears. Creating needs flow, environment and reference_id. Returns the
 * stored state.
 */
export async function writeCheckout(knex: PgConnection, write: FlexitiCheckoutWrite, key?: Buffer | string): Promise<FlexitiCheckoutState> {
  const parsed = checkoutWriteSchema.safeParse(write)
  if (!parsed.success) {
    throw new Error(`Invalid Flexiti checkout: ${formatZodError(parsed.error)}`)
  }
  const data = parsed.data as FlexitiCheckoutWrite
  const secretKey = key ?? loadEncryptionKey()
  if ((data.customer_token || data.account_number) && !secretKey) {
    throw new FlexitiCryptoError("missing_key", "FLEXITI_ENCRYPTION_KEY must be set to store a Flexiti checkout")
  }
  const columns = writeToColumns(data, secretKey)

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
      [C.id]: newId(CH.prefix),
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
