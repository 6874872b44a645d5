import { centsOf } from "./cents"
import { Lang, SandboxNotification, TransactionType } from "./types"
import { SANDBOX_TEST_ACCOUNTS } from "./test-accounts"

/**
 * How Flexiti set up a merchant. The defaults are a merchant that can do everything the plugin
 * needs; tests switch a setting off to meet the documented refusal.
 */
export interface MerchantSetup {
  /** false: POST authorization with auto_capture=false answers auth_not_allowed */
  preauthorization?: boolean
  /** "standard account" enabled: test applicants A-RR_XX and A-RR_XXX are approved */
  standard_account?: boolean
  /** false (default): non-prime customers get merchant_not_support_nonprime_regularpurchase on regular purchases */
  nonprime_regular_purchase?: boolean
  /** APIs the developer account has a role for; a token request on another API answers invalid_role */
  apis?: ("pos" | "online")[]
}

export interface SandboxClientConfig {
  client_id: string
  client_secret: string
  success_url?: string
  error_url?: string
  merchant?: MerchantSetup
}

/** All money in the sandbox state is integer cents; dollars exist only at the API edge. */
export interface AccountState {
  account_number: number
  customer_id: string
  vcc_number: string
  first_name: string
  last_name: string
  account_type: "consumer" | "business"
  account_status: string
  account_status_reason_code: string
  /** L, M, H, XH, XXH, XXXH (Customers Endpoints); XH and worse count as non-prime here */
  risk_rating: string
  credit_limit_cents: number
  available_credit_cents: number
  preferred_language: "en-CA" | "fr-CA"
}

/** sku_data as it arrived (shown on the shopper's statement), for tests and the ledger view. */
export type SkuData = Record<string, unknown>

export interface ReturnRecord {
  return_id: number
  amount_cents: number
  full_return: boolean
  reference?: string
  date: number
  sku_data?: SkuData
}

export interface RefundRecord {
  refund_id: number
  amount_cents: number
  reference?: string
  date: number
}

export interface CaptureState {
  capture_id: number
  amount_cents: number
  reference?: string
  date: number
  returns: ReturnRecord[]
  refunds: RefundRecord[]
  sku_data?: SkuData
}

export interface ReleaseRecord {
  amount_cents: number
  reference?: string
  date: number
}

export interface AuthorizationState {
  authorization_id: number
  client_id: string
  account_number: number
  reference?: string
  transaction_type: TransactionType
  plan_id?: number
  term?: number
  amount_cents: number
  auto_capture: boolean
  creation_date: number
  captures: CaptureState[]
  releases: ReleaseRecord[]
  sku_data?: SkuData
}

export interface WidgetSession {
  widget_session_id: string
  client_id: string
  lineage_id: string
  /** opaque token put in the redirection URL instead of the access token */
  widget_token: string
  flow: "purchase" | "apply"
  lang: Lang
  x_reference_id: string
  /**
   * pending: open. A purchase widget ends approved (verified, may buy), declined (purchase failed),
   * activation_required or sent_to_apply. An application widget ends applied (the shopper filled in
   * the application; the merchant must call POST /apply), then POST /apply moves it to
   * account_opened, in_review or declined. Only an approved purchase session lets its lineage buy.
   */
  status: "pending" | "approved" | "declined" | "in_review" | "activation_required" | "sent_to_apply" | "applied" | "account_opened"
  /** prefilled from customer_identification, replaced by the account that approved */
  account_number: number
  /** application flow: the widget/init body, which POST /apply must repeat */
  application_request?: Record<string, unknown>
  /** application flow: the test applicant (middle name) the shopper applied as in the widget */
  applicant?: string
  /** application flow: the application POST /apply recorded */
  application_id?: number
  created_at: number
}

export interface OnlineOrder {
  online_order_id: number
  client_id: string
  merchant_orderid?: string
  amount_cents: number
  /** lower case: buy, apply or apply/buy */
  flow: string
  /** started on the path without /v2: the hosted page opens on the application */
  apply_only: boolean
  lang: Lang
  /** in_review: a test applicant's application is pending at Flexiti */
  status: "pending" | "approved" | "declined" | "cancelled" | "in_review"
  created_at: number
  notification?: SandboxNotification
}

/** An application made with one of Flexiti's test applicants (the middle name decides). */
export interface Application {
  application_id: number
  client_id: string
  applicant: string
  decision: "approved" | "declined" | "pending"
  /** the account opened when approved */
  account_number?: number
  widget_session_id?: string
  online_order_id?: number
  created_at: number
}

export interface Counters {
  token_requests: { merchant: number; customer: number }
  token_refreshes: number
  authorizations_created: number
  captures: number
  releases: number
  returns: number
  refunds: number
  calls_by_path: Record<string, number>
}

function emptyCounters(): Counters {
  return {
    token_requests: { merchant: 0, customer: 0 },
    token_refreshes: 0,
    authorizations_created: 0,
    captures: 0,
    releases: 0,
    returns: 0,
    refunds: 0,
    calls_by_path: {},
  }
}

/** Distinct ranges per kind, so a client that passes the wrong kind of id gets a 404, not a false match. */
const ID_STARTS = {
  authorization: 100001,
  capture: 200001,
  return: 300001,
  refund: 400001,
  online_order: 500001,
  transaction: 600001,
  application: 700001,
  /** accounts opened for approved test applicants */
  account: 30000000000001,
} as const
type IdKind = keyof typeof ID_STARTS

export function seededAccounts(): AccountState[] {
  return Object.values(SANDBOX_TEST_ACCOUNTS).map(({ credit_limit, available_credit, description: _d, ...rest }) => ({
    ...rest,
    credit_limit_cents: centsOf(credit_limit),
    available_credit_cents: centsOf(available_credit),
  }))
}

/**
 * Everything the sandbox remembers. Records carry their client_id and every lookup filters by
 * it: each client id is one isolated Flexiti environment ("objects … created in one environment do not exist in the other").
 */
export class SandboxState {
  readonly clients = new Map<string, SandboxClientConfig>()
  readonly accounts = new Map<string, Map<number, AccountState>>()
  readonly authorizations = new Map<number, AuthorizationState>()
  readonly widgetSessions = new Map<string, WidgetSession>()
  readonly onlineOrders = new Map<number, OnlineOrder>()
  readonly applications = new Map<number, Application>()
  counters: Counters = emptyCounters()
  private nextIds: Record<IdKind, number> = { ...ID_STARTS }

  constructor(private readonly initialClients: SandboxClientConfig[]) {
    this.reset()
  }

  reset(): void {
    this.clients.clear()
    this.accounts.clear()
    this.authorizations.clear()
    this.widgetSessions.clear()
    this.onlineOrders.clear()
    this.applications.clear()
    this.counters = emptyCounters()
    this.nextIds = { ...ID_STARTS }
    for (const client of this.initialClients) this.upsertClient(client)
  }

  /** A new client gets its own seeded accounts; replacing a client keeps its state. */
  upsertClient(client: SandboxClientConfig): void {
    this.clients.set(client.client_id, { ...client })
    if (!this.accounts.has(client.client_id)) {
      this.accounts.set(client.client_id, new Map(seededAccounts().map((a) => [a.account_number, a])))
    }
  }

  nextId(kind: IdKind): number {
    const id = this.nextIds[kind]
    this.nextIds[kind] = id + 1
    return id
  }

  accountsOf(clientId: string): Map<number, AccountState> {
    const accounts = this.accounts.get(clientId)
    if (!accounts) throw new Error(`Unknown sandbox client ${clientId}`)
    return accounts
  }

  findAuthorization(clientId: string, authorizationId: number): AuthorizationState | undefined {
    const auth = this.authorizations.get(authorizationId)
    return auth && auth.client_id === clientId ? auth : undefined
  }

  countCall(key: string): void {
    this.counters.calls_by_path[key] = (this.counters.calls_by_path[key] ?? 0) + 1
  }
}
