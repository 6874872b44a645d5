import type {
  AuthorizePaymentInput,
  AuthorizePaymentOutput,
  CancelPaymentInput,
  CancelPaymentOutput,
  CapturePaymentInput,
  CapturePaymentOutput,
  CreateAccountHolderInput,
  CreateAccountHolderOutput,
  DeleteAccountHolderInput,
  DeleteAccountHolderOutput,
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
  UpdateAccountHolderInput,
  UpdateAccountHolderOutput,
  UpdatePaymentInput,
  UpdatePaymentOutput,
  WebhookActionResult,
} from "@medusajs/framework/types"
import { AbstractPaymentProvider, ContainerRegistrationKeys, MathBN, MedusaError, PaymentActions, PaymentSessionStatus } from "@medusajs/framework/utils"
import { FlexitiEnvironment } from "../../flexiti/environments"
import { referenceIdFor } from "../../flexiti/reference-id"
import { evaluateEligibility } from "../../lib/checkout-rules"
import { Authorization } from "../../flexiti/schemas"
import { readCheckout, writeCheckout } from "../../modules/flexiti/stores/checkout-store"
import { FlexitiCallLogEntry, FlexitiCheckoutState } from "../../modules/flexiti/types"
import { listMovements } from "../../modules/flexiti/stores/movement-store"
import { appendCallLog } from "../../modules/flexiti/stores/call-log-store"
import { PgConnection } from "../../modules/flexiti/stores/connection"
import { verifyCheckoutContext } from "../../lib/checkout-context"
import { sameToTheCent, toDollars } from "../../lib/money"
import { FlexitiProviderOptions, ParsedProviderOptions, parseProviderOptions } from "../../lib/config/provider-options"
import { loadRuntimeConfig, MissingCredentialsError, RuntimeConfig } from "../../config/resolver"
import { checkBootConfiguration } from "./boot-checks"
import { shareMerchantTokens } from "../../modules/flexiti/merchant-token-store"
import {
  paymentDataOf,
  statusOfAuthorization,
  acceptAuthorization,
  releaseAbandoned,
  releaseOrMarkPending,
  giveBackUnrecorded,
  hostedPurchaseConfirmed,
  initiateHosted,
  readHostedOutcome,
  capturesOfPayment,
  captureRow,
  cartOfPaymentSession,
  paymentOfSession,
  refundsOfPayment,
  withMoneyLock,
  AuthorizedCheckout,
  captureOnFlexiti,
  failureEntry,
  MoneyContext,
  refundOnFlexiti,
  choosePlanMessage,
  inReviewMessage,
  shopperMessage,
  STORE_CONFIGURATION_CODES,
  asMedusaError,
  asShopperError,
  checkoutOfSession,
  publicSessionData,
  SESSION_ID,
  sessionDataOf,
  authorizeWidget,
  initiateWidget,
  isDecline,
} from "../../payments"

type Cradle = { logger?: Logger } & Record<string, unknown>

/**
 * Medusa payment provider for Flexiti financing (id pp_flexiti_flexiti).
 *
 * Session data is public: the storefront reads it and can write it through Medusa's own
 * routes. So every decision that moves money reads the plugin's own records (the checkout of
 * the payment session and its money movements) and Flexiti, never the data Medusa hands in.
 * The flow and other settings are read per call, so admin changes apply to the next checkout.
 */
export class FlexitiProviderService extends AbstractPaymentProvider<FlexitiProviderOptions> {
  static identifier = "flexiti"

  protected readonly options_: ParsedProviderOptions
  protected readonly logger_?: Logger
  protected readonly cradle_: Cradle

  /** Runs when Medusa loads the provider: a store that cannot keep Flexiti's secrets safe does not start. */
  static validateOptions(options: Record<string, unknown>): void {
    checkBootConfiguration(parseProviderOptions(options))
  }

  constructor(cradle: Cradle, options: FlexitiProviderOptions) {
    super(cradle, options)
    this.cradle_ = cradle
    this.options_ = parseProviderOptions(options as Record<string, unknown>)
    this.logger_ = cradle.logger
    // Instances sharing the store's caching module share one merchant token (README, "Running on several instances").
    shareMerchantTokens(cradle, this.logger_)
  }

  /* ------------------------------ plumbing ------------------------------ */

  /** The shared pg connection every module container holds: the plugin's tables are read through it. */
  protected knex(): PgConnection {
    try {
      return this.cradle_[ContainerRegistrationKeys.PG_CONNECTION] as PgConnection
    } catch {
      throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, "Flexiti provider: no database connection in the payment module")
    }
  }

  protected async runtime(paymentEnvironment?: FlexitiEnvironment): Promise<RuntimeConfig> {
    try {
      return await loadRuntimeConfig(this.options_, this.knex(), paymentEnvironment)
    } catch (error) {
      throw error instanceof MissingCredentialsError ? new MedusaError(MedusaError.Types.NOT_ALLOWED, error.message) : error
    }
  }

  protected async audit(entry: FlexitiCallLogEntry): Promise<void> {
    try {
      await appendCallLog(this.knex(), entry)
    } catch (error) {
      // The call log is a record for people; no decision reads it, so a failed write is only reported.
      this.logger_?.warn(`Flexiti: could not record ${entry.operation} in the call log: ${(error as Error).message}`)
    }
  }

  /** The checkout of a session the plugin started, with the authorization it holds. */
  protected async authorizedCheckout(sessionId: unknown, action: string): Promise<AuthorizedCheckout> {
    const checkout = await checkoutOfSession(this.knex(), sessionId)
    if (!checkout?.authorization_id) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Flexiti: this payment has no Flexiti authorization to ${action}`)
    }
    return checkout as AuthorizedCheckout
  }

  protected async moneyContext(checkout: AuthorizedCheckout): Promise<MoneyContext> {
    return {
      config: await this.runtime(checkout.environment),
      knex: this.knex(),
      checkout,
      audit: (entry) => this.audit({ ...entry, payment_session_id: checkout.payment_session_id }),
    }
  }

  /** Payment data for display, rebuilt from the plugin's records and Flexiti. */
  protected async paymentData(checkout: FlexitiCheckoutState, authorization: Authorization): Promise<Record<string, unknown>> {
    const movements = await listMovements(this.knex(), checkout.payment_session_id)
    return paymentDataOf(checkout, authorization, movements) as unknown as Record<string, unknown>
  }

  /* ------------------------------ session ------------------------------ */

  async initiatePayment(input: InitiatePaymentInput): Promise<InitiatePaymentOutput> {
    // Medusa sets data.session_id after the storefront's keys, so it is the session's own id.
    const sessionId = String(input.data?.session_id ?? "")
    if (!SESSION_ID.test(sessionId)) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "Flexiti: the payment session id is missing")
    }
    const config = await this.runtime()
    const amount = toDollars(input.amount)
    const context = await this.verifiedContext(sessionId, input.data)
    // The same rules the storefront's eligibility route reports, so a shopper it lets through is not refused here.
    const [refusal] = evaluateEligibility(
      { currency_code: input.currency_code, total: amount, province: context.province, enabled_in_region: true, completed: false },
      config
    )
    if (refusal) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, input.data?.lang === "fr" ? refusal.message_fr : refusal.message_en)
    }
    await this.spendContext(sessionId, context.nonce, config)
    const operation = config.flow === "hosted" ? "systems_init" : "widget_init"
    try {
      const started =
        config.flow === "hosted"
          ? await initiateHosted({ config, knex: this.knex(), sessionId, amount, context })
          : await initiateWidget({ config, knex: this.knex(), sessionId, amount, context })
      await this.audit({
        payment_session_id: sessionId,
        operation,
        reference_id: started.data.reference_id,
        outcome: "success",
        amount,
        flexiti_id: started.id,
      })
      return { id: started.id, data: publicSessionData(started.data, input.data) }
    } catch (error) {
      await this.audit({ ...failureEntry(operation, referenceIdFor(sessionId), error), payment_session_id: sessionId })
      throw asShopperError("start the checkout", error, context.lang, (m) => this.logger_?.warn(m))
    }
  }

  /**
   * Each signed context starts one session: it can be read back from the cart while Flexiti
   * answers, and a copy must not start more sessions through Medusa's generic route. Recorded
   * before any Flexiti call; a context already spent is refused.
   */
  protected async spendContext(sessionId: string, nonce: string, config: RuntimeConfig): Promise<void> {
    try {
      await writeCheckout(this.knex(), {
        payment_session_id: sessionId,
        flow: config.flow,
        environment: config.environment,
        reference_id: referenceIdFor(sessionId),
        context_nonce: nonce,
      })
    } catch (error) {
      if ((error as { code?: string }).code === "23505") {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          "This Flexiti checkout was already started; start it again with POST /store/flexiti/payment-sessions."
        )
      }
      throw error
    }
  }

  /** The signed cart facts, accepted only for the cart and payment collection they were signed for. */
  protected async verifiedContext(sessionId: string, data: Record<string, unknown> | undefined) {
    const verified = verifyCheckoutContext(data)
    if (!verified.ok) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        verified.reason === "expired"
          ? "This Flexiti checkout expired; start it again."
          : "Start a Flexiti checkout with POST /store/flexiti/payment-sessions: it reads the cart on the server."
      )
    }
    const owner = await cartOfPaymentSession(this.knex(), sessionId)
    if (!owner || owner.payment_collection_id !== verified.context.payment_collection_id || owner.cart_id !== verified.context.cart_id) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "This Flexiti checkout was started for another cart; start it again for this one.")
    }
    return verified.context
  }

  async updatePayment(input: UpdatePaymentInput): Promise<UpdatePaymentOutput> {
    const sessionId = input.data?.session_id
    const checkout = await checkoutOfSession(this.knex(), sessionId)
    if (checkout?.amount && sameToTheCent(input.amount, checkout.amount)) {
      return { data: input.data }
    }
    // Nothing is authorized before authorizePayment, and neither flow can change an amount
    // in place: Medusa replaces the session (refreshPaymentCollectionForCart) when totals move.
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "Flexiti sessions cannot change amount; start a new Flexiti checkout.")
  }

  /**
   * A session dropped before it became a payment: release anything an authorize attempt left
   * open. A session an order's payment came from is left alone: Medusa deletes sessions when a
   * shopper starts another one on the same collection, and that must not touch a placed order.
   */
  async deletePayment(input: DeletePaymentInput): Promise<DeletePaymentOutput> {
    const sessionId = input.data?.session_id
    const checkout = await checkoutOfSession(this.knex(), sessionId)
    if (!checkout?.authorization_id || checkout.release_state === "released") return { data: input.data }
    // Released only when no order holds it, checked inside the money lock (release.ts).
    await releaseAbandoned(await this.moneyContext(checkout as AuthorizedCheckout), `${checkout.payment_session_id}-delete`, this.logger_)
    return { data: input.data }
  }

  protected async releaseOrMarkPending(checkout: AuthorizedCheckout, referenceKey: string): Promise<Authorization | undefined> {
    return releaseOrMarkPending(await this.moneyContext(checkout), referenceKey, this.logger_)
  }

  /* ------------------------------ authorization ------------------------------ */

  async authorizePayment(input: AuthorizePaymentInput): Promise<AuthorizePaymentOutput> {
    // Medusa passes the session's own id as the idempotency key.
    const sessionId = input.context?.idempotency_key ?? input.data?.session_id
    const checkout = await checkoutOfSession(this.knex(), sessionId)
    if (!checkout || !checkout.amount) {
      return { status: PaymentSessionStatus.ERROR, data: { authorization_error: "not_a_flexiti_session" } }
    }
    const config = await this.runtime(checkout.environment)
    const lang = input.data?.lang === "fr" ? "fr" : "en"
    if (checkout.authorization_id) {
      return this.authorizationResult(config, checkout, Number(checkout.authorization_id), undefined, lang)
    }
    try {
      const outcome =
        checkout.flow === "hosted"
          ? await readHostedOutcome({ config, sessionId: checkout.payment_session_id })
          : await authorizeWidget({ config, knex: this.knex(), checkout })
      if (outcome.kind === "not_ready") {
        this.logger_?.info(`Flexiti: session ${checkout.payment_session_id} not authorized: ${outcome.reason}`)
        return { status: outcome.status, data: { ...sessionDataOf(checkout), authorization_error: outcome.reason } }
      }
      if (outcome.kind === "choice_required") {
        // Never the store's default: the shopper confirms a plan in the storefront's picker.
        throw new MedusaError(MedusaError.Types.NOT_ALLOWED, choosePlanMessage(lang))
      }
      if (outcome.kind === "in_review") {
        // Pending is not a decline: the order waits for Flexiti where the store allows it.
        if (!this.options_.pending_orders) {
          throw new MedusaError(MedusaError.Types.NOT_ALLOWED, inReviewMessage(lang))
        }
        if (!checkout.in_review_since) {
          await writeCheckout(this.knex(), { payment_session_id: checkout.payment_session_id, in_review_since: new Date() })
        }
        return { status: PaymentSessionStatus.PENDING_AUTHORIZATION, data: { ...sessionDataOf(checkout), flexiti_review: "pending" } }
      }
      await this.audit({
        payment_session_id: checkout.payment_session_id,
        operation: "authorize",
        reference_id: checkout.reference_id,
        outcome: "success",
        amount: checkout.amount,
        flexiti_id: String(outcome.authorizationId),
      })
      const fresh = "authorization" in outcome ? (outcome.authorization as Authorization | undefined) : undefined
      return this.authorizationResult(config, checkout, outcome.authorizationId, fresh, lang)
    } catch (error) {
      await this.audit({ ...failureEntry("authorize", checkout.reference_id, error, checkout.amount), payment_session_id: checkout.payment_session_id })
      if (isDecline(error)) {
        // A refusal (credit_exceeded, customer_identity_not_found, …): the shopper is told what
        // it means in their language; one about the merchant's setup goes to the store admin.
        const configuration = STORE_CONFIGURATION_CODES[error.code ?? ""]
        if (configuration) this.logger_?.error(`Flexiti: ${configuration} [session ${checkout.payment_session_id}]`)
        throw new MedusaError(MedusaError.Types.NOT_ALLOWED, shopperMessage(error, lang))
      }
      throw asShopperError("authorize the payment", error, lang, (m) => this.logger_?.warn(m))
    }
  }

  protected async authorizationResult(
    config: RuntimeConfig,
    checkout: FlexitiCheckoutState,
    authorizationId: number,
    fresh?: Authorization,
    lang: "en" | "fr" = "en"
  ): Promise<AuthorizePaymentOutput> {
    const deps = { config, knex: this.knex(), logger: this.logger_, lang, moneyContext: (owned: AuthorizedCheckout) => this.moneyContext(owned) }
    return acceptAuthorization(deps, checkout, authorizationId, fresh)
  }

  /* ------------------------------ money movements ------------------------------ */

  async capturePayment(input: CapturePaymentInput): Promise<CapturePaymentOutput> {
    const checkout = await this.authorizedCheckout(input.data?.session_id, "capture")
    const knex = this.knex()
    // Medusa passes the capture's id, not its amount: the capture row holds it.
    const captureId = input.context?.idempotency_key
    const row = captureId ? await captureRow(knex, captureId) : undefined
    if (!row) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "Flexiti: Medusa gave no capture to settle; nothing was captured.")
    }
    try {
      return await withMoneyLock(knex, checkout.payment_session_id, async () => {
        // Read under the lock: a release that finished while this capture waited for it counts.
        // Once released (the panel's "Release remaining", an order cancel), or while the release
        // awaits Flexiti's confirmation, the remainder is given back: nothing is captured from it.
        const state = (await readCheckout(knex, checkout.payment_session_id))?.release_state
        if (state) {
          throw new MedusaError(
            MedusaError.Types.NOT_ALLOWED,
            state === "released"
              ? "Flexiti: the rest of this authorization was released; nothing more can be captured on this payment."
              : "Flexiti: the rest of this authorization is being released; nothing more can be captured on this payment."
          )
        }
        const ctx = await this.moneyContext(checkout)
        const live = await capturesOfPayment(knex, row.payment_id)
        await captureOnFlexiti(ctx, { medusaCaptureId: row.id, amount: row.amount, liveMedusaCaptureIds: live.map((c) => c.id) })
        return { data: await this.paymentData(checkout, await ctx.config.client.getAuthorization(Number(checkout.authorization_id))) }
      })
    } catch (error) {
      throw asMedusaError("capture the payment", error)
    }
  }

  /** Medusa cancels a payment (order cancelled, or an order that failed after authorization): release what remains. */
  async cancelPayment(input: CancelPaymentInput): Promise<CancelPaymentOutput> {
    const sessionId = input.data?.session_id
    const checkout = await checkoutOfSession(this.knex(), sessionId)
    if (!checkout?.authorization_id) {
      return { data: input.data } // nothing was authorized at Flexiti
    }
    const referenceKey = input.context?.idempotency_key ?? `${checkout.payment_session_id}-cancel`
    if (!(await paymentOfSession(this.knex(), checkout.payment_session_id))) {
      // Medusa could not record the payment it authorized: nothing will ever hold this money.
      const { authorization, held_by } = await giveBackUnrecorded(await this.moneyContext(checkout as AuthorizedCheckout), referenceKey, this.logger_)
      if (held_by) return { data: input.data } // another completion recorded its payment: that order keeps it
      const current = (await readCheckout(this.knex(), checkout.payment_session_id))!
      return { data: authorization ? await this.paymentData(current, authorization) : { ...(input.data ?? {}), release_pending: true } }
    }
    const authorization = await this.releaseOrMarkPending(checkout as AuthorizedCheckout, referenceKey)
    const current = (await readCheckout(this.knex(), checkout.payment_session_id))!
    if (!authorization) {
      return { data: { ...(input.data ?? {}), release_pending: true } }
    }
    return { data: await this.paymentData(current, authorization) }
  }

  async refundPayment(input: RefundPaymentInput): Promise<RefundPaymentOutput> {
    const checkout = await this.authorizedCheckout(input.data?.session_id, "refund")
    const knex = this.knex()
    const refundId = input.context?.idempotency_key
    if (!refundId) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "Flexiti: Medusa gave no refund to settle; nothing was refunded.")
    }
    const amount = toDollars(MathBN.convert(input.amount))
    const paymentId = await paymentOfSession(knex, checkout.payment_session_id)
    try {
      return await withMoneyLock(knex, checkout.payment_session_id, async () => {
        const ctx = await this.moneyContext(checkout)
        const live = paymentId ? await refundsOfPayment(knex, paymentId) : []
        await refundOnFlexiti(ctx, { medusaRefundId: refundId, amount, liveMedusaRefundIds: live.map((r) => r.id) })
        return { data: await this.paymentData(checkout, await ctx.config.client.getAuthorization(Number(checkout.authorization_id))) }
      })
    } catch (error) {
      throw asMedusaError("refund the payment", error)
    }
  }

  /* ------------------------------ account holders ------------------------------ */

  /**
   * Medusa asks for an account holder when a logged-in customer starts a session. Flexiti
   * identifies the shopper in its own widget or hosted page, so the Medusa customer stands as the
   * account holder; nothing about them is sent to Flexiti or kept here.
   */
  async createAccountHolder(input: CreateAccountHolderInput): Promise<CreateAccountHolderOutput> {
    return { id: input.context.customer.id, data: {} }
  }

  async updateAccountHolder(_input: UpdateAccountHolderInput): Promise<UpdateAccountHolderOutput> {
    return { data: {} }
  }

  async deleteAccountHolder(_input: DeleteAccountHolderInput): Promise<DeleteAccountHolderOutput> {
    return { data: {} }
  }

  /* ------------------------------ reads ------------------------------ */

  async retrievePayment(input: RetrievePaymentInput): Promise<RetrievePaymentOutput> {
    const sessionId = input.data?.session_id
    const checkout = await checkoutOfSession(this.knex(), sessionId)
    if (!checkout?.authorization_id) return { data: input.data }
    const config = await this.runtime(checkout.environment)
    return { data: await this.paymentData(checkout, await config.client.getAuthorization(Number(checkout.authorization_id))) }
  }

  async getPaymentStatus(input: GetPaymentStatusInput): Promise<GetPaymentStatusOutput> {
    const sessionId = input.data?.session_id
    const checkout = await checkoutOfSession(this.knex(), sessionId)
    if (!checkout?.authorization_id) {
      return { status: PaymentSessionStatus.PENDING, data: input.data }
    }
    const config = await this.runtime(checkout.environment)
    const authorization = await config.client.getAuthorization(Number(checkout.authorization_id))
    return { status: statusOfAuthorization(authorization), data: await this.paymentData(checkout, authorization) }
  }

  /**
   * Flexiti documents no webhooks. A call to /hooks/payment/flexiti_flexiti naming a session
   * (e.g. from the hosted flow's return page) only makes us re-read the notification from
   * Flexiti; the payload itself authorizes nothing, and Medusa then calls authorizePayment,
   * which decides from the plugin's records and Flexiti.
   */
  async getWebhookActionAndData(payload: ProviderWebhookPayload["payload"]): Promise<WebhookActionResult> {
    const sessionId = (payload?.data as Record<string, unknown> | undefined)?.session_id
    const checkout = await checkoutOfSession(this.knex(), sessionId)
    if (!checkout?.amount || checkout.flow !== "hosted") return { action: PaymentActions.NOT_SUPPORTED }
    try {
      const config = await this.runtime(checkout.environment)
      if (await hostedPurchaseConfirmed(config, checkout.payment_session_id)) {
        return { action: PaymentActions.AUTHORIZED, data: { session_id: checkout.payment_session_id, amount: checkout.amount } }
      }
    } catch (error) {
      this.logger_?.info(`Flexiti: no confirmed purchase for ${sessionId}: ${(error as Error).message}`)
    }
    return { action: PaymentActions.NOT_SUPPORTED }
  }
}

export default FlexitiProviderService
