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
import { AbstractPaymentProvider, ContainerRegistrationKeys, MathBN, MedusaError, PaymentActions } from "@medusajs/framework/utils"
import { PgConnection } from "../../modules/flexiti/stores/connection"
import { sameToTheCent, toDollars } from "../../lib/money"
import { FlexitiProviderOptions, ParsedProviderOptions, parseProviderOptions } from "../../lib/config/provider-options"
import { loadClient, loadRuntimeConfig, MissingCredentialsError } from "../../config/resolver"
import { checkBootConfiguration } from "./boot-checks"
import { shareMerchantTokens } from "../../modules/flexiti/merchant-token-store"
import {
  asMedusaError,
  authorizePayment,
  cancelPayment,
  capturePayment,
  checkoutOf,
  deletePayment,
  hostedPurchaseConfirmed,
  initiatePayment,
  paymentStatusOf,
  PaymentsDeps,
  pgPaymentsDeps,
  refundPayment,
  retrievePaymentData,
  SESSION_ID,
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
  protected deps_?: PaymentsDeps

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

  /**
   * The payments core's ports over this container's pg connection, built on first use. Settings
   * and clients are read per call, so admin changes apply to the next checkout.
   */
  protected deps(): PaymentsDeps {
    this.deps_ ??= pgPaymentsDeps(this.knex(), {
      settings: (environment) => this.configured(() => loadRuntimeConfig(this.options_, this.knex(), environment)),
      client: (environment) => this.configured(() => loadClient(this.options_, this.knex(), environment)),
    })
    return this.deps_
  }

  /** Missing credentials are the merchant's setup, told as Medusa's NOT_ALLOWED. */
  protected async configured<T>(load: () => Promise<T>): Promise<T> {
    try {
      return await load()
    } catch (error) {
      throw error instanceof MissingCredentialsError ? new MedusaError(MedusaError.Types.NOT_ALLOWED, error.message) : error
    }
  }

  /* ------------------------------ session ------------------------------ */

  async initiatePayment(input: InitiatePaymentInput): Promise<InitiatePaymentOutput> {
    // Medusa sets data.session_id after the storefront's keys, so it is the session's own id.
    const sessionId = String(input.data?.session_id ?? "")
    if (!SESSION_ID.test(sessionId)) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "Flexiti: the payment session id is missing")
    }
    return initiatePayment(this.deps(), {
      sessionId,
      amount: toDollars(input.amount),
      currencyCode: input.currency_code,
      data: input.data,
      logger: this.logger_,
    })
  }

  async updatePayment(input: UpdatePaymentInput): Promise<UpdatePaymentOutput> {
    const checkout = await checkoutOf(this.deps(), input.data?.session_id)
    if (checkout?.amount && sameToTheCent(input.amount, checkout.amount)) {
      return { data: input.data }
    }
    // Nothing is authorized before authorizePayment, and neither flow can change an amount
    // in place: Medusa replaces the session (refreshPaymentCollectionForCart) when totals move.
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "Flexiti sessions cannot change amount; start a new Flexiti checkout.")
  }

  /** A session dropped before it became a payment: release what an authorize attempt left open, unless an order holds it. */
  async deletePayment(input: DeletePaymentInput): Promise<DeletePaymentOutput> {
    await deletePayment(this.deps(), { sessionId: input.data?.session_id, logger: this.logger_ })
    return { data: input.data }
  }

  /* ------------------------------ authorization ------------------------------ */

  async authorizePayment(input: AuthorizePaymentInput): Promise<AuthorizePaymentOutput> {
    return authorizePayment(this.deps(), {
      // Medusa passes the session's own id as the idempotency key.
      sessionId: input.context?.idempotency_key ?? input.data?.session_id,
      lang: input.data?.lang === "fr" ? "fr" : "en",
      pendingOrders: !!this.options_.pending_orders,
      logger: this.logger_,
    })
  }

  /* ------------------------------ money movements ------------------------------ */

  async capturePayment(input: CapturePaymentInput): Promise<CapturePaymentOutput> {
    try {
      // Medusa passes the capture's id as the idempotency key, not its amount.
      const data = await capturePayment(this.deps(), {
        sessionId: input.data?.session_id,
        medusaCaptureId: input.context?.idempotency_key,
        logger: this.logger_,
      })
      return { data }
    } catch (error) {
      throw asMedusaError("capture the payment", error)
    }
  }

  /** Medusa cancels a payment (order cancelled, or an order that failed after authorization): release what remains. */
  async cancelPayment(input: CancelPaymentInput): Promise<CancelPaymentOutput> {
    const data = await cancelPayment(this.deps(), {
      sessionId: input.data?.session_id,
      data: input.data,
      idempotencyKey: input.context?.idempotency_key,
      logger: this.logger_,
    })
    return { data }
  }

  async refundPayment(input: RefundPaymentInput): Promise<RefundPaymentOutput> {
    try {
      const data = await refundPayment(this.deps(), {
        sessionId: input.data?.session_id,
        medusaRefundId: input.context?.idempotency_key,
        amount: toDollars(MathBN.convert(input.amount)),
        logger: this.logger_,
      })
      return { data }
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
    return { data: await retrievePaymentData(this.deps(), input.data?.session_id, input.data) }
  }

  async getPaymentStatus(input: GetPaymentStatusInput): Promise<GetPaymentStatusOutput> {
    return paymentStatusOf(this.deps(), input.data?.session_id, input.data)
  }

  /**
   * Flexiti documents no webhooks. A call to /hooks/payment/flexiti_flexiti naming a session
   * (e.g. from the hosted flow's return page) only makes us re-read the notification from
   * Flexiti; the payload itself authorizes nothing, and Medusa then calls authorizePayment,
   * which decides from the plugin's records and Flexiti.
   */
  async getWebhookActionAndData(payload: ProviderWebhookPayload["payload"]): Promise<WebhookActionResult> {
    const sessionId = (payload?.data as Record<string, unknown> | undefined)?.session_id
    const checkout = await checkoutOf(this.deps(), sessionId)
    if (!checkout?.amount || checkout.flow !== "hosted") return { action: PaymentActions.NOT_SUPPORTED }
    try {
      const config = await this.deps().settings(checkout.environment)
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
