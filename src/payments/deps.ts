/**
 * What the payments core needs from the world, as narrow ports: the plugin's records (checkouts,
 * money movements, the call log), Medusa's own records, the per-session money lock, the settings
 * in force and a Flexiti client per environment. `pg-deps.ts` implements them over PostgreSQL;
 * the core's unit tests use in-memory ones (`__tests__/in-memory-deps.ts`).
 */
import type { FlexitiClient } from "../flexiti/client"
import type { FlexitiEnvironment } from "../flexiti/environments"
import type { RuntimeConfig } from "../config/resolver"
import type { Dollars } from "../lib/money"
import type { FlexitiMovement, StoredMovement } from "../modules/flexiti/stores/movement-store"
import type { FlexitiCallLogEntry, FlexitiCheckoutState, FlexitiCheckoutWrite } from "../modules/flexiti/types"

/** The Flexiti calls a payment's money steps make (capture, refund, release), nothing else. */
export type MoneyClient = Pick<FlexitiClient, "getAuthorization" | "capture" | "release" | "returnCapture" | "refundAccount">

export interface CheckoutsPort {
  read(paymentSessionId: string): Promise<FlexitiCheckoutState | undefined>
  write(write: FlexitiCheckoutWrite): Promise<FlexitiCheckoutState>
}

export type MovementClaim = Omit<FlexitiMovement, "state" | "flexiti_id" | "created_at">

/**
 * The money movements of a session, keyed by content. A claim on a content key someone already
 * holds (pending or done) is refused and returns that movement; a released claim frees the key.
 */
export interface MovementsPort {
  list(paymentSessionId: string): Promise<FlexitiMovement[]>
  claim(movement: MovementClaim): Promise<{ claimed: true } | { claimed: false; existing: FlexitiMovement }>
  complete(contentKey: string, result: { flexiti_id?: string | null; capture_id?: string | null; medusa_id?: string | null }): Promise<void>
  releaseClaim(contentKey: string): Promise<void>
  assign(contentKey: string, medusaId: string): Promise<void>
  /** one live movement by its own id (an unanswered refund is named by it) */
  byId(id: string): Promise<StoredMovement | undefined>
  /** the refund pieces of a session still pending, oldest first */
  pendingRefunds(paymentSessionId: string): Promise<StoredMovement[]>
}

export interface CallLogPort {
  append(entry: FlexitiCallLogEntry): Promise<void>
}

export interface MedusaMoneyRow {
  id: string
  amount: Dollars
}

/** Medusa's own records of a payment session (medusa-records.ts reads them from Medusa's tables). */
export interface MedusaRecordsPort {
  livePaymentOfSession(paymentSessionId: string): Promise<string | undefined>
  paymentOfSession(paymentSessionId: string): Promise<string | undefined>
  capturesOfPayment(paymentId: string): Promise<MedusaMoneyRow[]>
  refundsOfPayment(paymentId: string): Promise<MedusaMoneyRow[]>
  captureRow(captureId: string): Promise<(MedusaMoneyRow & { payment_id: string }) | undefined>
  cartOfPaymentSession(paymentSessionId: string): Promise<{ payment_collection_id: string; cart_id: string | null } | undefined>
}

/** The records and the lock: what reads and resolves need, without settings or a client. */
export type PaymentsRecords = Omit<PaymentsDeps, "settings" | "clientFor">

export interface PaymentsDeps {
  checkouts: CheckoutsPort
  movements: MovementsPort
  callLog: CallLogPort
  medusa: MedusaRecordsPort
  /** runs `work` while holding the money lock of one payment session, on every instance */
  lock<T>(paymentSessionId: string, work: () => Promise<T>): Promise<T>
  /** the settings in force (a checkout's start and authorization read them) */
  settings(environment?: FlexitiEnvironment): Promise<RuntimeConfig>
  /** the Flexiti client of one environment, built when first asked for */
  clientFor(environment: FlexitiEnvironment): Promise<MoneyClient>
}
