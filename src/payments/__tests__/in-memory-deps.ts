/**
 * The payments core's ports in memory (maps), for unit tests with no database and no network:
 * movements claimed by content key as the pg store does (a key held, pending or done, refuses a
 * second claim and returns the holder), a money lock that runs one step per session at a time,
 * and Medusa's payment, capture and refund rows that a test writes as Medusa would.
 */
import type { FlexitiEnvironment } from "../../flexiti/environments"
import type { RuntimeConfig } from "../../config/resolver"
import type { Dollars } from "../../lib/money"
import type { StoredMovement } from "../../modules/flexiti/stores/movement-store"
import type { FlexitiCallLogEntry, FlexitiCheckoutState, FlexitiCheckoutWrite } from "../../modules/flexiti/types"
import type { MoneyClient, PaymentsDeps } from "../deps"
import { blankCheckout } from "./checkout-state"

interface MedusaRow {
  id: string
  amount: Dollars
  payment_id: string
  deleted?: boolean
}

interface MedusaPayment {
  id: string
  session_id: string
  canceled?: boolean
  captured?: boolean
  deleted?: boolean
}

export class InMemoryDeps implements PaymentsDeps {
  readonly checkoutRows = new Map<string, FlexitiCheckoutState>()
  readonly movementRows: StoredMovement[] = []
  readonly log: FlexitiCallLogEntry[] = []
  readonly payments: MedusaPayment[] = []
  readonly captureRows: MedusaRow[] = []
  readonly refundRows: MedusaRow[] = []
  private readonly locks = new Map<string, Promise<unknown>>()
  private readonly waiting = new Map<string, number>()
  private seq = 0

  constructor(
    private readonly client: MoneyClient,
    private readonly settingsInForce?: (environment?: FlexitiEnvironment) => Promise<RuntimeConfig>
  ) {}

  checkouts: PaymentsDeps["checkouts"] = {
    read: async (sessionId) => {
      const row = this.checkoutRows.get(sessionId)
      return row ? { ...row } : undefined
    },
    write: async (write: FlexitiCheckoutWrite) => {
      const now = new Date()
      const current = this.checkoutRows.get(write.payment_session_id)
      const defined = Object.fromEntries(Object.entries(write).filter(([, v]) => v !== undefined))
      const next = { ...(current ?? blankCheckout({ payment_session_id: write.payment_session_id }, now)), ...defined, updated_at: now } as FlexitiCheckoutState
      this.checkoutRows.set(write.payment_session_id, next)
      return { ...next }
    },
  }

  movements: PaymentsDeps["movements"] = {
    list: async (sessionId) => this.movementRows.filter((m) => m.payment_session_id === sessionId).map((m) => ({ ...m })),
    claim: async (movement) => {
      const existing = this.movementRows.find((m) => m.content_key === movement.content_key)
      if (existing) return { claimed: false, existing: { ...existing } }
      this.movementRows.push({ ...movement, id: `mv_${++this.seq}`, state: "pending", flexiti_id: null, created_at: new Date(Date.now() + this.seq) })
      return { claimed: true }
    },
    complete: async (contentKey, result) => {
      const row = this.movementRows.find((m) => m.content_key === contentKey)
      if (!row) return
      row.state = "done"
      if (result.flexiti_id !== undefined) row.flexiti_id = result.flexiti_id
      if (result.capture_id !== undefined) row.capture_id = result.capture_id
      if (result.medusa_id !== undefined) row.medusa_id = result.medusa_id
    },
    releaseClaim: async (contentKey) => {
      const at = this.movementRows.findIndex((m) => m.content_key === contentKey && m.state === "pending")
      if (at >= 0) this.movementRows.splice(at, 1)
    },
    assign: async (contentKey, medusaId) => {
      const row = this.movementRows.find((m) => m.content_key === contentKey)
      if (row) row.medusa_id = medusaId
    },
    byId: async (id) => {
      const row = this.movementRows.find((m) => m.id === id)
      return row ? { ...row } : undefined
    },
    pendingRefunds: async (sessionId) =>
      this.movementRows.filter((m) => m.payment_session_id === sessionId && m.state === "pending" && m.kind !== "capture").map((m) => ({ ...m })),
  }

  callLog: PaymentsDeps["callLog"] = {
    append: async (entry) => {
      this.log.push(entry)
    },
  }

  medusa: PaymentsDeps["medusa"] = {
    livePaymentOfSession: async (sessionId) => this.payments.find((p) => p.session_id === sessionId && !p.deleted && !p.canceled && !p.captured)?.id,
    paymentOfSession: async (sessionId) => this.payments.find((p) => p.session_id === sessionId && !p.deleted)?.id,
    capturesOfPayment: async (paymentId) => this.captureRows.filter((r) => r.payment_id === paymentId && !r.deleted).map(({ id, amount }) => ({ id, amount })),
    refundsOfPayment: async (paymentId) => this.refundRows.filter((r) => r.payment_id === paymentId && !r.deleted).map(({ id, amount }) => ({ id, amount })),
    captureRow: async (captureId) => {
      const row = this.captureRows.find((r) => r.id === captureId && !r.deleted)
      return row ? { id: row.id, amount: row.amount, payment_id: row.payment_id } : undefined
    },
    cartOfPaymentSession: async () => undefined,
  }

  /** One step per session at a time, in the order they asked: the lease row's rule, in memory. */
  async lock<T>(sessionId: string, work: () => Promise<T>): Promise<T> {
    const before = this.locks.get(sessionId) ?? Promise.resolve()
    let done!: () => void
    const mine = new Promise<void>((resolve) => (done = resolve))
    this.locks.set(
      sessionId,
      before.then(() => mine)
    )
    this.waiting.set(sessionId, (this.waiting.get(sessionId) ?? 0) + 1)
    await before.catch(() => undefined)
    this.waiting.set(sessionId, this.waiting.get(sessionId)! - 1)
    try {
      return await work()
    } finally {
      done()
    }
  }

  /** Steps waiting for (or holding) the lock of a session. */
  waitersOf(sessionId: string): number {
    return this.waiting.get(sessionId) ?? 0
  }

  async settings(environment?: FlexitiEnvironment): Promise<RuntimeConfig> {
    if (!this.settingsInForce) throw new Error("these tests give the core no settings: only a checkout's start and authorization read them")
    return this.settingsInForce(environment)
  }

  async clientFor(): Promise<MoneyClient> {
    return this.client
  }

  /** A checkout as the plugin recorded it when the session started, with these fields. */
  seedCheckout(fields: Partial<FlexitiCheckoutState> & { payment_session_id: string }): void {
    this.checkoutRows.set(fields.payment_session_id, blankCheckout(fields))
  }

  /* ------------------------------ what Medusa writes ------------------------------ */

  recordPayment(sessionId: string, paymentId = `pay_${sessionId}`): string {
    this.payments.push({ id: paymentId, session_id: sessionId })
    return paymentId
  }

  recordCapture(paymentId: string, id: string, amount: Dollars): void {
    this.captureRows.push({ id, amount, payment_id: paymentId })
  }

  recordRefund(paymentId: string, id: string, amount: Dollars): void {
    this.refundRows.push({ id, amount, payment_id: paymentId })
  }

  /** Medusa deletes its capture or refund row when the provider throws. */
  forget(id: string): void {
    for (const row of [...this.captureRows, ...this.refundRows]) if (row.id === id) row.deleted = true
  }
}
