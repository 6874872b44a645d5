import { z } from "zod"
import { ASSUMPTIONS } from "./assumptions"
import { FlexitiEnvironment, FlexitiHosts, onlineApiBase, posApiBase, PosApiVersion, resolveHosts } from "./environments"
import { FlexitiError } from "./errors"
import { DEFAULT_HTTP_OPTIONS, FlexitiHttp } from "./http"
import { newReferenceId } from "./reference-id"
import * as S from "./schemas"
import { authenticatedCall, AuthenticatedRequest } from "./authenticated-call"
import { CallOptions, CustomerCallOptions, FlexitiClientConfig, WidgetSession } from "./client-types"
import { toDottedForm } from "./form-body"
import { ApplicationData, applicationDataSchema, ApplyAnswer, ApplyRequest, applyAnswerSchema, applyRequestSchema } from "./application"
import { CustomerTokenPool } from "./customer-token-pool"
import { HeldToken, sharedTokenCache, systemClock, TokenCache, TokenClock, TokenLineage, toHeldToken } from "./token-manager"

type Api = "pos" | "online"

/**
 * Typed client for the two Flexiti APIs. Free of Medusa imports: usable from the provider,
 * routes, jobs, the CLI and tests alike. Every request and response passes a zod schema.
 */
export class FlexitiClient {
  readonly hosts: FlexitiHosts
  private readonly http: FlexitiHttp
  private readonly tokenCache: TokenCache
  private readonly clock: TokenClock
  private readonly customerTokens?: CustomerTokenPool

  constructor(private readonly config: FlexitiClientConfig) {
    if (!config.clientId || !config.clientSecret) {
      throw new FlexitiError({ kind: "auth", message: "Flexiti client id and client secret are required" })
    }
    this.hosts = resolveHosts(config.environment, { posOrigin: config.posOrigin, onlineOrigin: config.onlineOrigin })
    this.http = new FlexitiHttp({ ...DEFAULT_HTTP_OPTIONS, ...config.http })
    this.tokenCache = config.tokenCache ?? sharedTokenCache
    this.clock = config.clock ?? systemClock
    if (config.customerTokenPool && config.customerTokenPool > 0) {
      this.customerTokens = new CustomerTokenPool(
        async () => toHeldToken(await this.requestToken("customer"), "customer", this.clock),
        this.clock,
        config.customerTokenPool
      )
    }
  }

  get environment(): FlexitiEnvironment {
    return this.config.environment
  }

  get clientId(): string {
    return this.config.clientId
  }

  /* ------------------------------ tokens ------------------------------ */

  private tokenUrl(api: Api): string {
    return api === "pos" ? `${posApiBase(this.hosts, ASSUMPTIONS.POS_VERSIONS.token as PosApiVersion)}/oauth/token` : `${onlineApiBase(this.hosts)}/oauth/token`
  }

  /** POST oauth/token, form-encoded as Flexiti requires. Retried on transport errors only. */
  async requestToken(scope: S.TokenScope, options: { refreshToken?: string; api?: Api; referenceId?: string } = {}): Promise<S.TokenResponse> {
    const fields = S.tokenRequestSchema.parse({
      client_id: this.config.clientId,
      client_secret: this.config.clientSecret,
      grant_type: options.refreshToken ? "refresh_token" : "client_credentials",
      refresh_token: options.refreshToken,
      scope,
    })
    const form = new URLSearchParams()
    for (const [key, value] of Object.entries(fields)) {
      if (value !== undefined) form.set(key, String(value))
    }
    const referenceId = options.referenceId ?? newReferenceId()
    return this.http.send(
      {
        method: "POST",
        url: this.tokenUrl(options.api ?? "pos"),
        headers: { "content-type": "application/x-www-form-urlencoded", "x-reference-id": referenceId },
        body: form.toString(),
        referenceId,
        retryable: true,
      },
      S.tokenResponseSchema
    )
  }

  private lineage(api: Api, scope: S.TokenScope): TokenLineage {
    return this.tokenCache.lineageFor(
      { tokenUrl: this.tokenUrl(api), clientId: this.config.clientId, clientSecret: this.config.clientSecret },
      scope,
      () => new TokenLineage(scope, (r) => this.requestToken(r.scope, { refreshToken: r.refreshToken, api }), this.clock)
    )
  }

  /** The shared merchant-scope lineage of this client's credentials (back-office calls). */
  merchantLineage(api: Api = "pos"): TokenLineage {
    return this.lineage(api, "merchant")
  }

  /** A fresh customer-scope lineage owned by one widget checkout (never shared), from the pool when a token is ready. */
  newCustomerLineage(): TokenLineage {
    const ready = this.customerTokens?.take()
    if (ready) return this.restoreCustomerLineage(ready)
    return new TokenLineage("customer", (r) => this.requestToken("customer", { refreshToken: r.refreshToken }), this.clock)
  }

  restoreCustomerLineage(snapshot: HeldToken): TokenLineage {
    return TokenLineage.restore(snapshot, (r) => this.requestToken("customer", { refreshToken: r.refreshToken }), this.clock)
  }

  /** "Test connection": a real token request, bypassing the cache. */
  async testConnection(scope: S.TokenScope = "merchant", referenceId = newReferenceId()) {
    const token = await this.requestToken(scope, { referenceId })
    // An answer without scope (Authentication Endpoints' first example) grants the scope asked for.
    return { scope: token.scope ?? scope, expires_in: token.expires_in, reference_id: referenceId }
  }

  /* ------------------------------ plumbing ------------------------------ */

  private pos(version: string, path: string): string {
    return `${posApiBase(this.hosts, version as PosApiVersion)}/client-id/${encodeURIComponent(this.config.clientId)}/${path}`
  }

  private online(path: string): string {
    return `${onlineApiBase(this.hosts)}/${path}`
  }

  private checkBody<T extends z.ZodTypeAny>(schema: T, body: unknown, what: string): z.infer<T> {
    const parsed = schema.safeParse(body)
    if (!parsed.success) {
      throw new FlexitiError({
        kind: "invalid_request",
        message: `Invalid ${what} request: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`,
      })
    }
    return parsed.data
  }

  /** One authenticated call with the lineage's token (a refused token is renewed once: see authenticated-call.ts). */
  private call<T extends z.ZodTypeAny>(lineage: TokenLineage, request: AuthenticatedRequest, schema: T): Promise<z.infer<T>> {
    return authenticatedCall(this.http, lineage, request, schema)
  }

  private langQuery(options: CallOptions) {
    return { lang: options.lang ?? this.config.lang ?? "en" }
  }

  /* ------------------------------ POS API ------------------------------ */

  /** POST widget/init with the checkout's customer-scope lineage (SDK Init Method). */
  async widgetInit(body: S.WidgetInitRequest, options: CustomerCallOptions): Promise<WidgetSession> {
    const payload = this.checkBody(S.widgetInitRequestSchema, { lang: options.lang ?? this.config.lang, ...body }, "widget/init")
    return this.openWidget(payload, options)
  }

  /** POST widget/init for an application (SDK Init Method: flow apply, the applicant's data and terms agreement). */
  async applicationInit(body: ApplicationData, options: CustomerCallOptions): Promise<WidgetSession> {
    const payload = this.checkBody(applicationDataSchema, body, "widget/init (application)")
    return this.openWidget({ flow: "apply", lang: options.lang ?? this.config.lang, ...payload }, options)
  }

  /**
   * POST /apply after the application widget's flx-success (SDK Init Method: the merchant "must call
   * the POST /apply endpoint"), on the application's lineage. A decline or pending review arrives
   * as a 409 with the apply codes (see applicationRefusal); an approval names the new account.
   */
  async apply(body: ApplyRequest, options: CustomerCallOptions): Promise<ApplyAnswer> {
    const referenceId = options.referenceId ?? newReferenceId()
    const payload = this.checkBody(applyRequestSchema, body, "apply")
    return this.call(
      options.lineage,
      {
        method: "POST",
        url: this.pos(ASSUMPTIONS.APPLY_REQUEST.version, "apply"),
        body: payload,
        query: this.langQuery(options),
        referenceId,
        retryable: false,
      },
      applyAnswerSchema
    )
  }

  private async openWidget(payload: Record<string, unknown>, options: CustomerCallOptions): Promise<WidgetSession> {
    const referenceId = options.referenceId ?? newReferenceId()
    const response = await this.call(
      options.lineage,
      { method: "POST", url: this.pos(ASSUMPTIONS.POS_VERSIONS.widgetInit, "widget/init"), body: payload, referenceId, retryable: false },
      S.widgetInitResponseSchema
    )
    const widgetSessionId = new URL(response.redirection_url.replace("/#/", "/")).searchParams.get("widget_session_id")
    if (!widgetSessionId) {
      throw new FlexitiError({ kind: "invalid_response", referenceId, message: "widget/init returned no widget_session_id" })
    }
    return { redirection_url: response.redirection_url, widget_session_id: widgetSessionId, reference_id: referenceId }
  }

  /**
   * POST authorization (v2.5.1). A widget checkout passes its customer lineage (Authentication Endpoints: authorization is a customer-scope endpoint);
   * without one the merchant lineage is used. Never retried blindly.
   */
  async createAuthorization(body: S.AuthorizationCreateRequest, options: CallOptions & { lineage?: TokenLineage } = {}): Promise<S.Authorization> {
    const payload = this.checkBody(S.authorizationCreateRequestSchema, body, "authorization")
    return this.call(
      options.lineage ?? this.merchantLineage(),
      {
        method: "POST",
        url: this.pos(ASSUMPTIONS.POS_VERSIONS.authorization, "authorization"),
        query: this.langQuery(options),
        body: payload,
        referenceId: options.referenceId,
        retryable: false,
      },
      S.authorizationSchema
    )
  }

  async getAuthorization(authorizationId: number, options: CallOptions = {}): Promise<S.Authorization> {
    return this.call(
      this.merchantLineage(),
      {
        method: "GET",
        url: this.pos(ASSUMPTIONS.POS_VERSIONS.authorization, `authorization/${authorizationId}`),
        query: this.langQuery(options),
        referenceId: options.referenceId,
        retryable: true,
      },
      S.authorizationSchema
    )
  }

  async listAuthorizations(query: z.input<typeof S.authorizationListQuerySchema>, options: CallOptions = {}) {
    const params = this.checkBody(S.authorizationListQuerySchema, query, "authorizations")
    return this.call(
      this.merchantLineage(),
      {
        method: "GET",
        url: this.pos(ASSUMPTIONS.POS_VERSIONS.authorization, "authorizations"),
        query: { ...this.langQuery(options), ...(params as Record<string, string | number | undefined>) },
        referenceId: options.referenceId,
        retryable: true,
      },
      S.authorizationListResponseSchema
    )
  }

  async capture(authorizationId: number, body: S.CaptureRequest, options: CallOptions = {}): Promise<S.CaptureResponse> {
    const payload = this.checkBody(S.captureRequestSchema, body, "capture")
    return this.call(
      this.merchantLineage(),
      {
        method: "POST",
        url: this.pos(ASSUMPTIONS.POS_VERSIONS.capture, `authorization/${authorizationId}/capture`),
        query: this.langQuery(options),
        body: payload,
        referenceId: options.referenceId,
        retryable: false,
      },
      S.captureResponseSchema
    )
  }

  async release(authorizationId: number, body: S.ReleaseRequest = {}, options: CallOptions = {}): Promise<S.ReleaseResponse> {
    const payload = this.checkBody(S.releaseRequestSchema, body, "release")
    return this.call(
      this.merchantLineage(),
      {
        method: "POST",
        url: this.pos(ASSUMPTIONS.POS_VERSIONS.release, `authorization/${authorizationId}/release`),
        body: payload,
        referenceId: options.referenceId,
        retryable: false,
      },
      S.releaseResponseSchema
    )
  }

  async returnCapture(authorizationId: number, captureId: number, body: S.ReturnRequest, options: CallOptions = {}): Promise<S.ReturnResponse> {
    const payload = this.checkBody(S.returnRequestSchema, body, "return")
    return this.call(
      this.merchantLineage(),
      {
        method: "POST",
        url: this.pos(ASSUMPTIONS.POS_VERSIONS.return, `authorization/${authorizationId}/capture/${captureId}/return`),
        body: payload,
        referenceId: options.referenceId,
        retryable: false,
      },
      S.returnResponseSchema
    )
  }

  async refundAccount(accountNumber: number, body: S.AccountRefundRequest, options: CallOptions = {}) {
    const payload = this.checkBody(S.accountRefundRequestSchema, body, "refund")
    return this.call(
      this.merchantLineage(),
      {
        method: "POST",
        url: this.pos(ASSUMPTIONS.POS_VERSIONS.refund, `accounts/${accountNumber}/refund`),
        body: payload,
        referenceId: options.referenceId,
        retryable: false,
      },
      S.accountRefundResponseSchema
    )
  }

  async lookupCustomer(query: z.input<typeof S.customerLookupQuerySchema>, options: CallOptions = {}) {
    const params = this.checkBody(S.customerLookupQuerySchema, query, "customers/lookup")
    return this.call(
      this.merchantLineage(),
      {
        method: "GET",
        url: this.pos(ASSUMPTIONS.POS_VERSIONS.customers, "customers/lookup"),
        query: params as Record<string, string | number | undefined>,
        referenceId: options.referenceId,
        retryable: true,
      },
      S.customerLookupResponseSchema
    )
  }

  /** A read despite POST: it computes plans for an amount and changes nothing, so it may be retried. */
  async calculateInterest(accountNumber: number, amount: number, options: CallOptions & { lineage?: TokenLineage } = {}): Promise<S.CalculateInterestResponse> {
    const payload = this.checkBody(S.calculateInterestRequestSchema, { amount }, "calculate-interest")
    return this.call(
      options.lineage ?? this.merchantLineage(),
      {
        method: "POST",
        url: this.pos(ASSUMPTIONS.POS_VERSIONS.calculateInterest, `accounts/${accountNumber}/calculate-interest`),
        body: payload,
        referenceId: options.referenceId,
        retryable: true,
      },
      S.calculateInterestResponseSchema
    )
  }

  async i18n(lang: S.FlexitiLang, options: CallOptions = {}): Promise<S.I18nResponse> {
    return this.call(
      this.merchantLineage(),
      { method: "GET", url: this.pos(ASSUMPTIONS.POS_VERSIONS.i18n, "i18n"), query: { lang }, referenceId: options.referenceId, retryable: true },
      S.i18nResponseSchema
    )
  }

  /* ------------------------------ Online API ------------------------------ */

  /**
   * POST systems/init (v2) (Online
   * API Endpoints Reference). Sent form-encoded with dotted names (ASSUMPTIONS.SYSTEMS_INIT_ENCODING).
   */
  async systemsInit(body: S.SystemsInitRequest, options: CallOptions = {}): Promise<S.SystemsInitResponse> {
    const payload = this.checkBody(S.systemsInitRequestSchema, body, "systems/init")
    const prefix = "online/v2"
    return this.call(
      this.merchantLineage("online"),
      {
        method: "POST",
        url: this.online(`${prefix}/client-id/${encodeURIComponent(this.config.clientId)}/systems/init`),
        body: toDottedForm(payload),
        contentType: "application/x-www-form-urlencoded",
        referenceId: options.referenceId,
        retryable: false,
      },
      S.systemsInitResponseSchema
    )
  }

  async notificationByOrderId(onlineOrderId: number, options: CallOptions = {}): Promise<S.Notification> {
    return this.call(
      this.merchantLineage("online"),
      {
        method: "GET",
        url: this.online(`online/client-id/${encodeURIComponent(this.config.clientId)}/notifications/order-id/${onlineOrderId}`),
        referenceId: options.referenceId,
        retryable: true,
      },
      S.notificationSchema
    )
  }

  async notificationByMerchantOrderId(merchantOrderId: string, options: CallOptions = {}): Promise<S.Notification> {
    return this.call(
      this.merchantLineage("online"),
      {
        method: "GET",
        url: this.online(`online/client-id/${encodeURIComponent(this.config.clientId)}/notifications/merchant-order-id/${encodeURIComponent(merchantOrderId)}`),
        referenceId: options.referenceId,
        retryable: true,
      },
      S.notificationSchema
    )
  }

  async paymentCalculator(price: number, lang: S.FlexitiLang = "en", options: CallOptions = {}): Promise<S.PaymentCalculatorResponse> {
    const query = this.checkBody(S.paymentCalculatorQuerySchema, { price, lang }, "payment-calculator")
    return this.call(
      this.merchantLineage("online"),
      {
        method: "GET",
        url: this.online(`online/v2/client-id/${encodeURIComponent(this.config.clientId)}/systems/payment-calculator`),
        query,
        referenceId: options.referenceId,
        retryable: true,
      },
      S.paymentCalculatorResponseSchema
    )
  }
}
