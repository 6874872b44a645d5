/**
 * The one door to `flexiti_money_movement`: every capture, return and account refund the plugin
 * sends to Flexiti, keyed by its content (the payment session, the Flexiti capture, the running
 * total it brings that capture to). A movement is claimed (pending) before it is sent and marked
 * done when Flexiti answers, so a retry under a new Medusa id, or a concurrent one, finds it.
 */
import { FLEXITI_SCHEMA, FlexitiMovementKind, FlexitiMovementState } from "../schema"
import { Dollars, toDollars } from "../../../lib/money"
import { newId, PgConnection, toDate } from "./connection"

const M = FLEXITI_SCHEMA.movement
const C = M.columns

export interface FlexitiMovement {
  payment_session_id: string
  kind: FlexitiMovementKind
  content_key: string
  state: FlexitiMovementState
  amount: Dollars
  /** the Flexiti capture it belongs to (a capture's own id once done) */
  capture_id: string | null
  /** Flexiti's id for it: capture id or return id; null for account refunds (Flexiti returns none) */
  flexiti_id: string | null
  /** the Medusa capture or refund it was made for (the last one, when a retry adopted it) */
  medusa_id: string | null
  created_at: Date
}

function toMovement(row: Record<string, unknown>): FlexitiMovement {
  return {
    payment_session_id: row[C.payment_session_id] as string,
    kind: row[C.kind] as FlexitiMovementKind,
    content_key: row[C.content_key] as string,
    state: row[C.state] as FlexitiMovementState,
    amount: toDollars(row[C.amount] as string),
    capture_id: (row[C.capture_id] as string | null) ?? null,
    flexiti_id: (row[C.flexiti_id] as string | null) ?? null,
    medusa_id: (row[C.medusa_id] as string | null) ?? null,
    created_at: toDate(row[C.created_at]),
  }
}

export async function listMovements(knex: PgConnection, paymentSessionId: string): Promise<FlexitiMovement[]> {
  const rows = await knex(M.table).select("*").where(C.payment_session_id, paymentSessionId).whereNull(C.deleted_at).orderBy(C.created_at, "asc")
  return rows.map(toMovement)
}

/**
 * Claims a movement before it is sent. Returns `{ claimed: true }` when this caller owns it, or
 * the movement that already holds the key (done, or pending: sent by an attempt whose answer was
 * lost or that is still running).
 */
export async function claimMovement(
  knex: PgConnection,
  movement: Omit<FlexitiMovement, "state" | "flexiti_id" | "created_at">
): Promise<{ claimed: true } | { claimed: false; existing: FlexitiMovement }> {
  const now = knex.fn.now()
  const inserted = await knex(M.table)
    .insert({
      [C.id]: newId(M.prefix),
      [C.payment_session_id]: movement.payment_session_id,
      [C.kind]: movement.kind,
      [C.content_key]: movement.content_key,
      [C.state]: "pending",
      [C.amount]: movement.amount,
      [C.capture_id]: movement.capture_id,
      [C.medusa_id]: movement.medusa_id,
      [C.created_at]: now,
      [C.updated_at]: now,
    })
    .onConflict(knex.raw(`(??) where ?? is null`, [C.content_key, C.deleted_at]))
    .ignore()
    .returning(C.id)
  if (inserted.length) return { claimed: true }
  const row = await knex(M.table).select("*").where(C.content_key, movement.content_key).whereNull(C.deleted_at).first()
  return { claimed: false, existing: toMovement(row) }
}

/** Marks a claimed movement as applied by Flexiti. */
export async function completeMovement(
  knex: PgConnection,
  contentKey: string,
  result: { flexiti_id?: string | null; capture_id?: string | null; medusa_id?: string | null }
): Promise<void> {
  const update: Record<string, unknown> = { [C.state]: "done", [C.updated_at]: knex.fn.now() }
  if (result.flexiti_id !== undefined) update[C.flexiti_id] = result.flexiti_id
  if (result.capture_id !== undefined) update[C.capture_id] = result.capture_id
  if (result.medusa_id !== undefined) update[C.medusa_id] = result.medusa_id
  await knex(M.table).update(update).where(C.content_key, contentKey).whereNull(C.deleted_at)
}

/** Gives a claim back when Flexiti certainly did not apply it (it refused the request). */
export async function releaseClaim(knex: PgConnection, contentKey: string): Promise<void> {
  await knex(M.table).delete().where(C.content_key, contentKey).where(C.state, "pending").whereNull(C.deleted_at)
}

/** Points a done movement at the Medusa capture or refund that now accounts for it (a retry adopted it). */
export async function assignMovement(knex: PgConnection, contentKey: string, medusaId: string): Promise<void> {
  await knex(M.table)
    .update({ [C.medusa_id]: medusaId, [C.updated_at]: knex.fn.now() })
    .where(C.content_key, contentKey)
    .whereNull(C.deleted_at)
}

/** A movement with its own id: an unanswered refund is named by it in the order panel. */
export type StoredMovement = FlexitiMovement & { id: string }

const stored = (row: Record<string, unknown>): StoredMovement => ({ ...toMovement(row), id: row[C.id] as string })

/** One live movement by its id. */
export async function movementById(knex: PgConnection, id: string): Promise<StoredMovement | undefined> {
  const row = await knex(M.table).select("*").where(C.id, id).whereNull(C.deleted_at).first()
  return row ? stored(row) : undefined
}

/** The refund pieces (returns and account refunds) of a session still pending, oldest first. */
export async function listPendingRefunds(knex: PgConnection, paymentSessionId: string): Promise<StoredMovement[]> {
  const rows = await knex(M.table)
    .select("*")
    .where(C.payment_session_id, paymentSessionId)
    .where(C.state, "pending")
    .whereIn(C.kind, ["return", "account_refund"])
    .whereNull(C.deleted_at)
    .orderBy(C.created_at, "asc")
  return rows.map(stored)
}
