/**
 * The payments core's ports over PostgreSQL: the plugin's tables through their stores, Medusa's
 * tables through `steps/medusa-records.ts`, the money lock as a lease row. The only place the
 * core is handed Medusa's pg connection.
 */
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { FlexitiEnvironment } from "../flexiti/environments"
import type { RuntimeConfig } from "../config/resolver"
import { readCheckout, writeCheckout } from "../modules/flexiti/stores/checkout-store"
import { appendCallLog } from "../modules/flexiti/stores/call-log-store"
import type { PgConnection } from "../modules/flexiti/stores/connection"
import {
  assignMovement,
  claimMovement,
  completeMovement,
  listMovements,
  listPendingRefunds,
  movementById,
  releaseClaim,
} from "../modules/flexiti/stores/movement-store"
import type { MoneyClient, PaymentsDeps, PaymentsRecords } from "./deps"
import { capturesOfPayment, captureRow, cartOfPaymentSession, livePaymentOfSession, paymentOfSession, refundsOfPayment } from "./steps/medusa-records"
import { withMoneyLock } from "./steps/money-lock"

export interface PgDepsSources {
  /** the settings in force (with an eager client): for a checkout's start and authorization */
  settings(environment?: FlexitiEnvironment): Promise<RuntimeConfig>
  /** a payment's client only: no provinces read */
  client(environment: FlexitiEnvironment): Promise<MoneyClient>
}

/** The records and the lock: what reads and resolves need, without settings or a client. */
export function pgRecords(knex: PgConnection): PaymentsRecords {
  return {
    checkouts: {
      read: (sessionId) => readCheckout(knex, sessionId),
      write: (write) => writeCheckout(knex, write),
    },
    movements: {
      list: (sessionId) => listMovements(knex, sessionId),
      claim: (movement) => claimMovement(knex, movement),
      complete: (contentKey, result) => completeMovement(knex, contentKey, result),
      releaseClaim: (contentKey) => releaseClaim(knex, contentKey),
      assign: (contentKey, medusaId) => assignMovement(knex, contentKey, medusaId),
      byId: (id) => movementById(knex, id),
      pendingRefunds: (sessionId) => listPendingRefunds(knex, sessionId),
    },
    callLog: {
      append: async (entry) => {
        await appendCallLog(knex, entry)
      },
    },
    medusa: {
      livePaymentOfSession: (sessionId) => livePaymentOfSession(knex, sessionId),
      paymentOfSession: (sessionId) => paymentOfSession(knex, sessionId),
      capturesOfPayment: (paymentId) => capturesOfPayment(knex, paymentId),
      refundsOfPayment: (paymentId) => refundsOfPayment(knex, paymentId),
      captureRow: (captureId) => captureRow(knex, captureId),
      cartOfPaymentSession: (sessionId) => cartOfPaymentSession(knex, sessionId),
    },
    lock: (sessionId, work) => withMoneyLock(knex, sessionId, work),
  }
}

/** The records and the lock over the pg connection Medusa registers in a container (a request's scope, a job's container). */
export function recordsOf(container: { resolve(key: string): unknown }): PaymentsRecords {
  return pgRecords(container.resolve(ContainerRegistrationKeys.PG_CONNECTION) as PgConnection)
}

export function pgPaymentsDeps(knex: PgConnection, sources: PgDepsSources): PaymentsDeps {
  return {
    ...pgRecords(knex),
    settings: (environment) => sources.settings(environment),
    clientFor: (environment) => sources.client(environment),
  }
}
