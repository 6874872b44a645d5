import {
  AuthorizePaymentInput,
  AuthorizePaymentOutput,
  CancelPaymentInput,
  CancelPaymentOutput,
  CapturePaymentInput,
  CapturePaymentOutput,
  DeletePaymentInput,
  DeletePaymentOutput,
  GetPaymentStatusInput,
  GetPaymentStatusOutput,
  InitiatePaymentInput,
  InitiatePaymentOutput,
  Logger,
  ProviderWebhookPayload,
  RefundPaymentInput,
  RefundPaymentOutput,
  RetrievePaymentInput,
  RetrievePaymentOutput,
  UpdatePaymentInput,
  UpdatePaymentOutput,
  WebhookActionResult,
} from "@medusajs/framework/types"
import {
  AbstractPaymentProvider,
  ContainerRegistrationKeys,
  MathBN,
  MedusaError,
  PaymentActions,
  PaymentSessionStatus,
} from "@medusajs/framework/utils"
import { isHostedPurchaseSuccessful } from "../../flexiti/assumptions"
import { FlexitiError } from "../../flexiti/errors"
import { referenceIdFor } from "../../flexiti/reference-id"
import { Authorization } from "../../flexiti/schemas"
import { FlexitiCallLogEntry } from "../../modules/flexiti/constants"
import { appendCallLog, KnexLike, readCheckout } from "../../modules/flexiti/settings-reader"
import { paymentDataFromAuthorization, remainingToCapture, statusOfAuthorization } from "./authorization-ledger"
import { verifyCheckoutContext } from "./checkout-context"
import { initiateHosted, readHostedOutcome } from "./hosted-flow"
import { captureOnFlexiti, refundOnFlexiti, releaseOnFlexiti } from "./money-movements"
import { isPositive, lte, sameToTheCent, toDollars } from "./money"
import { FlexitiProviderOptions, ParsedProviderOptions, parseProviderOptions } from "./options"
import { loadRuntimeConfig, MissingCredentialsError, RuntimeConfig } from "./runtime-config"
import { FlexitiPaymentData, FlexitiSessionData } from "./types"
import { authorizeWidget, initiateWidget, isDecline } from "./widget-flow"

type Cradle = { logger?: Logger } & Record<string, unknown>

/**
 * Medusa payment provider for Flexiti financing (id pp_flexiti_flexiti).
 * The flow (POS widget or Online hosted) and every other setting are read per call, so
 * changes saved in the admin apply to the next checkout. Money movements are tolerant:
 * repeated calls are recognised by their Medusa ids and "already done" answers are accepted.
 */
export class FlexitiProviderService extends AbstractPaymentProvider<FlexitiProviderOptions> {
  static identifier = "flexiti"

  protected readonly options_: ParsedProviderOptions
  protected readonly logger_?: Logger
  protected readonly cradle_: Cradle

  static validateOptions(options: Record<string, unknown>): void {
    parseProviderOptions(options)
  }

  constructor(cradle: Cradle, options: FlexitiProviderOptions) {
    super(cradle, options)
    this.cradle_ = cradle
    this.options_ = parseProviderOptions(options as Record<string, unknown>)
    this.logger_ = cradle.logger
  }

  /* ------------------------------ plumbing ------------------------------ */

  /** The shared pg connection every module container holds (medusa-notes §9). */
  protected knex(): KnexLike {
    try {
      return this.cradle_[ContainerRegistrationKeys.PG_CONNECTION] as KnexLike
    } catch {
      throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, "Flexiti provider: no database connection in the payment module")
    }
  }

  protected async runtime(): Promise<RuntimeConfig> {
    try {
      return await loadRuntimeConfig(this.options_, this.knex())
    } catch (error) {
      if (error instanceof MissingCredentialsError) {
        throw new MedusaError(MedusaError.Types.NOT_ALLOWED, error.message)
      }
      throw error
    }
  }

  protected async audit(entry: FlexitiCallLogEntry): Promise<void> {
    try {
      await appendCallLog(this.knex(), entry)
    } catch (error) {
      // The audit trail must never break a payment; say so without any secret.
      this.logger_?.warn(`Flexiti: could not record ${entry.operation} in the call log: ${(error as Error).message}`)
    }
  }

  /** A Flexiti failure as a Medusa error with Flexiti's code and reference id, never a secret. */
  protected toMedusaError(action: string, error: unknown): Error {
    if (error instanceof MedusaError) return error
    if (error instanceof FlexitiError) {
      const type =
        error.kind === "business" || error.kind === "invalid_request" || error.kind === "not_found"
          ? MedusaError.Types.NOT_ALLOWED
          : MedusaError.Types.UNEXPECTED_STATE
      return new MedusaError(type, `Flexiti could not ${action}: ${error.message}`)
    }
    return error instanceof Error ? error : new Error(String(error))
  }

  /* ------------------------------ session ------------------------------ */

  async initiatePayment(input: InitiatePaymentInput): Promise<InitiatePaymentOutput> {
    const sessionId = String(input.data?.session_id ?? input.context?.idempotency_key ?? "")
    if (!sessionId) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "Flexiti: the payment session id is missing")
    }
    if (input.currency_code?.toLowerCase() !== "cad") {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Flexiti financing is available in Canadian dollars only; this cart is in ${String(input.currency_code).toUpperCase()}.`
      )
    }
    const config = await this.runtime()
    const amount = toDollars(input.amount)
    if (!lte(config.minAmount, amount) || !lte(amount, config.maxAmount)) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Flexiti financing is available for orders from $${config.minAmount} to $${config.maxAmount} CAD; this one is $${amount}.`
      )
    }
    const context = verifyCheckoutContext(input.data)
    if (!context) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        "Start a Flexiti checkout with POST /store/flexiti/payment-sessions: it reads the cart on the server."
      )
    }
    if (context.province && !config.allowedProvinces.includes(context.province)) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Flexiti financing is not offered in ${context.province} by this store.`)
    }
    const publicInput = { ...input.data } // storefront keys stay, ours win
    try {
      const started =
        config.flow === "hosted"
          ? await initiateHosted({ config, knex: this.knex(), sessionId, amount, context })
          : await initiateWidget({ config, knex: this.knex(), sessionId, amount, context })
      await this.audit({
        payment_session_id: sessionId,
        operation: config.flow === "hosted" ? "systems_init" : "widget_init",
        reference_id: started.data.reference_id,
        outcome: "success",
        amount,
        flexiti_id: started.id,
      })
      return { id: started.id, data: { ...publicInput, ...started.data } as unknown as Record<string, unknown> }
    } catch (error) {
      await this.audit({
        payment_session_id: sessionId,
        operation: config.flow === "hosted" ? "systems_init" : "widget_init",
        reference_id: referenceIdFor(sessionId),
        outcome: "failure",
        http_status: error instanceof FlexitiError ? error.status ?? null : null,
        error_code: error instanceof FlexitiError ? error.code ?? null : null,
        message: (error as Error).message,
      })
      throw this.toMedusaError("start the checkout", error)
    }
  }

  async updatePayment(input: UpdatePaymentInput): Promise<UpdatePaymentOutput> {
    const data = input.data as unknown as FlexitiSessionData
    if (sameToTheCent(input.amount, data.amount ?? 0)) {
      return { data: input.data }
    }
    // Nothing is authorized before authorizePayment, and neither flow can change an amount
    // in place: Medusa replaces the session (refreshPaymentCollectionForCart) when totals move.
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "Flexiti sessions cannot change amount; start a new Flexiti checkout.")
  }

  async deletePayment(input: DeletePaymentInput): Promise<DeletePaymentOutput> {
    // A session dropped before its cart completed: release anything an authorize attempt left open.
    const sessionId = (input.data as Partial<FlexitiSessionData> | undefined)?.session_id
    if (!sessionId) return { data: input.data }
    try {
      const checkout = await readCheckout(this.knex(), sessionId)
      if (checkout?.authorization_id) {
        const config = await this.runtime()
        await releaseOnFlexiti({
          config,
          authorizationId: Number(checkout.authorization_id),
          referenceKey: `${sessionId}-delete`,
          audit: (e) => this.audit({ ...e, payment_session_id: sessionId }),
        })
      }
    } catch (error) {
      this.logger_?.warn(`Flexiti: releasing the authorization of deleted session ${sessionId} failed: ${(error as Error).message}`)
    }
    return { data: input.data }
  }

  /* ------------------------------ authorization ------------------------------ */

  async authorizePayment(input: AuthorizePaymentInput): Promise<AuthorizePaymentOutput> {
    const data = (input.data ?? {}) as unknown as FlexitiSessionData & Partial<FlexitiPaymentData>
    const sessionId = data.session_id ?? input.context?.idempotency_key
    if (!sessionId || !data.flow) {
      return { status: PaymentSessionStatus.ERROR, data: { ...input.data, authorization_error: "not_a_flexiti_session" } }
    }
    const config = await this.runtime()
    if (data.authorization_id) {
      return this.authorizationResult(config, data, data.authorization_id, sessionId)
    }
    try {
      const outcome =
        data.flow === "hosted"
          ? await readHostedOutcome({ config, knex: this.knex(), sessionId })
          : await authorizeWidget({ config, knex: this.knex(), sessionId, amount: data.amount })
      if (outcome.kind === "not_ready") {
        return { status: outcome.status, data: { ...input.data, authorization_error: outcome.reason } }
      }
      await this.audit({
        payment_session_id: sessionId,
        operation: "authorize",
        reference_id: data.reference_id,
        outcome: "success",
        amount: data.amount,
        flexiti_id: String(outcome.authorizationId),
      })
      return this.authorizationResult(config, data, outcome.authorizationId, sessionId, "authorization" in outcome ? (outcome.authorization as Authorization | undefined) : undefined)
    } catch (error) {
      await this.audit({
        payment_session_id: sessionId,
        operation: "authorize",
        reference_id: data.reference_id,
        outcome: "failure",
        http_status: error instanceof FlexitiError ? error.status ?? null : null,
        error_code: error instanceof FlexitiError ? error.code ?? null : null,
        amount: data.amount,
        message: (error as Error).message,
      })
      if (isDecline(error)) {
        // A decline (credit_exceeded, customer_identity_not_found, …): this session is spent,
        // the storefront starts a new one.
        return { status: PaymentSessionStatus.ERROR, data: { ...input.data, authorization_error: error.code ?? error.kind } }
      }
      throw this.toMedusaError("authorize the payment", error)
    }
  }

  /**
   * Checks Flexiti's authorization against Medusa's amount to the cent (a mismatch is released
   * and refused), captures it when the store captures at once, and returns the ledger.
   */
  protected async authorizationResult(
    config: RuntimeConfig,
    data: FlexitiSessionData & Partial<FlexitiPaymentData>,
    authorizationId: number,
    sessionId: string,
    fresh?: Authorization
  ): Promise<AuthorizePaymentOutput> {
    let authorization: Authorization = fresh ?? (await config.client.getAuthorization(authorizationId))
    let paymentData = paymentDataFromAuthorization(data as unknown as Record<string, unknown>, authorization)
    if (!sameToTheCent(authorization.amount, data.amount)) {
      await releaseOnFlexiti({
        config,
        authorizationId,
        referenceKey: `${sessionId}-mismatch`,
        audit: (e) => this.audit({ ...e, payment_session_id: sessionId }),
      })
      this.logger_?.warn(
        `Flexiti: authorization ${authorizationId} is for $${toDollars(authorization.amount)} but the order is $${data.amount}; released.`
      )
      return { status: PaymentSessionStatus.ERROR, data: { ...paymentData, authorization_error: "amount_mismatch" } as unknown as Record<string, unknown> }
    }
    if (config.autoCapture && statusOfAuthorization(authorization) === PaymentSessionStatus.AUTHORIZED) {
      const remaining = remainingToCapture(paymentData)
      if (isPositive(remaining)) {
        paymentData = await captureOnFlexiti({
          config,
          data: paymentData,
          amount: remaining,
          medusaCaptureId: sessionId,
          audit: (e) => this.audit({ ...e, payment_session_id: sessionId }),
        })
        authorization = await config.client.getAuthorization(authorizationId)
        paymentData = paymentDataFromAuthorization(paymentData as unknown as Record<string, unknown>, authorization)
      }
    }
    return { status: statusOfAuthorization(authorization), data: paymentData as unknown as Record<string, unknown> }
  }

  /* ------------------------------ money movements ------------------------------ */

  /** Medusa passes no amount: the capture row (context.idempotency_key) holds it (medusa-notes §9). */
  protected async medusaCaptureAmount(captureId: string | undefined): Promise<string | undefined> {
    if (!captureId) return undefined
    const row = await this.knex()("capture").where({ id: captureId }).first("raw_amount", "amount")
    if (!row) return undefined
    return toDollars((row.raw_amount ?? row.amount) as never)
  }

  async capturePayment(input: CapturePaymentInput): Promise<CapturePaymentOutput> {
    const data = input.data as unknown as FlexitiPaymentData
    if (!data?.authorization_id) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "Flexiti: this payment has no authorization to capture")
    }
    const captureId = input.context?.idempotency_key
    if (captureId && data.captures?.some((c) => c.medusa_capture_id === captureId)) {
      return { data: input.data } // this Medusa capture already reached Flexiti
    }
    const config = await this.runtime()
    const amount = (await this.medusaCaptureAmount(captureId)) ?? remainingToCapture(data)
    try {
      const updated = await captureOnFlexiti({
        config,
        data,
        amount,
        medusaCaptureId: captureId ?? `${data.session_id}-capture`,
        audit: (e) => this.audit({ ...e, payment_session_id: data.session_id }),
      })
      return { data: updated as unknown as Record<string, unknown> }
    } catch (error) {
      throw this.toMedusaError("capture the payment", error)
    }
  }

  async cancelPayment(input: CancelPaymentInput): Promise<CancelPaymentOutput> {
    const data = input.data as unknown as FlexitiPaymentData
    if (!data?.authorization_id) {
      return { data: input.data } // nothing was authorized at Flexiti
    }
    const config = await this.runtime()
    try {
      const authorization = await releaseOnFlexiti({
        config,
        authorizationId: data.authorization_id,
        referenceKey: input.context?.idempotency_key ?? `${data.session_id}-cancel`,
        audit: (e) => this.audit({ ...e, payment_session_id: data.session_id }),
      })
      return { data: paymentDataFromAuthorization(data as unknown as Record<string, unknown>, authorization) as unknown as Record<string, unknown> }
    } catch (error) {
      throw this.toMedusaError("release the authorization", error)
    }
  }

  async refundPayment(input: RefundPaymentInput): Promise<RefundPaymentOutput> {
    const data = input.data as unknown as FlexitiPaymentData
    if (!data?.authorization_id) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "Flexiti: this payment has no authorization to refund")
    }
    const refundId = input.context?.idempotency_key
    if (refundId && data.refunds?.some((r) => r.medusa_refund_id === refundId)) {
      return { data: input.data }
    }
    const amount = toDollars(MathBN.convert(input.amount))
    const config = await this.runtime()
    try {
      const updated = await refundOnFlexiti({
        config,
        knex: this.knex(),
        data,
        amount,
        medusaRefundId: refundId ?? `${data.session_id}-refund-${Date.now()}`,
        audit: (e) => this.audit({ ...e, payment_session_id: data.session_id }),
      })
      return { data: updated as unknown as Record<string, unknown> }
    } catch (error) {
      throw this.toMedusaError("refund the payment", error)
    }
  }

  /* ------------------------------ reads ------------------------------ */

  async retrievePayment(input: RetrievePaymentInput): Promise<RetrievePaymentOutput> {
    const data = input.data as unknown as Partial<FlexitiPaymentData>
    if (!data?.authorization_id) return { data: input.data }
    const config = await this.runtime()
    const authorization = await config.client.getAuthorization(data.authorization_id)
    return { data: paymentDataFromAuthorization(input.data ?? {}, authorization) as unknown as Record<string, unknown> }
  }

  async getPaymentStatus(input: GetPaymentStatusInput): Promise<GetPaymentStatusOutput> {
    const data = input.data as unknown as Partial<FlexitiPaymentData>
    if (!data?.authorization_id) {
      return { status: PaymentSessionStatus.PENDING, data: input.data }
    }
    const config = await this.runtime()
    const authorization = await config.client.getAuthorization(data.authorization_id)
    return {
      status: statusOfAuthorization(authorization),
      data: paymentDataFromAuthorization(input.data ?? {}, authorization) as unknown as Record<string, unknown>,
    }
  }

  /**
   * Flexiti documents no webhooks. A call to /hooks/payment/flexiti_flexiti naming a session
   * (e.g. from the hosted flow's return page) only makes us re-read the notification from
   * Flexiti; the payload itself authorizes nothing.
   */
  async getWebhookActionAndData(payload: ProviderWebhookPayload["payload"]): Promise<WebhookActionResult> {
    const body = (payload?.data ?? {}) as Record<string, unknown>
    const sessionId = typeof body.session_id === "string" ? body.session_id : undefined
    if (!sessionId || !/^payses_[A-Za-z0-9]+$/.test(sessionId)) {
      return { action: PaymentActions.NOT_SUPPORTED }
    }
    try {
      const config = await this.runtime()
      const notification = await config.client.notificationByMerchantOrderId(sessionId)
      const purchase = notification.purchase
      if (purchase && isHostedPurchaseSuccessful(purchase.status) && purchase.amount != null) {
        return { action: PaymentActions.AUTHORIZED, data: { session_id: sessionId, amount: purchase.amount } }
      }
    } catch (error) {
      this.logger_?.info(`Flexiti: no confirmed purchase for ${sessionId}: ${(error as Error).message}`)
    }
    return { action: PaymentActions.NOT_SUPPORTED }
  }
}

export default FlexitiProviderService
