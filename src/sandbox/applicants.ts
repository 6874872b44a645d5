import { centsOf as dollarsToCents } from "./cents"
import { SandboxCore } from "./core"
import { HttpError } from "./http-utils"
import { AccountState, Application } from "./state"

/**
 * Flexiti's published test data ("Test data", valid for the POS and the Online API): in the
 * Flexiti Apply flow, the applicant's middle name sets the credit decision. The risk ratings of
 * approved applicants follow the key (A-RR_L → L … A-RR_XXX → XXXH, the Customers Endpoints'
 * values); the credit limits are the sandbox's own choice.
 */
export interface TestApplicant {
  decision: "approved" | "declined" | "pending" | "retry"
  label: string
  risk_rating?: string
  credit_limit?: number
  /** approved only when the merchant has "standard account" enabled, declined otherwise */
  standard_account_only?: boolean
}

export const TEST_APPLICANTS = {
  "A-RR_L": { decision: "approved", label: "Approved, low risk", risk_rating: "L", credit_limit: 10000 },
  "A-RR_M": { decision: "approved", label: "Approved, medium risk", risk_rating: "M", credit_limit: 7500 },
  "A-RR_H": { decision: "approved", label: "Approved, high risk", risk_rating: "H", credit_limit: 5000 },
  "A-RR_X": { decision: "approved", label: "Approved, extra-high risk", risk_rating: "XH", credit_limit: 3000 },
  "A-RR_XX": {
    decision: "approved",
    label: "Approved with a standard account only",
    risk_rating: "XXH",
    credit_limit: 2000,
    standard_account_only: true,
  },
  "A-RR_XXX": {
    decision: "approved",
    label: "Approved with a standard account only",
    risk_rating: "XXXH",
    credit_limit: 1000,
    standard_account_only: true,
  },
  "D-MISSING_INFO": { decision: "declined", label: "Declined: missing information" },
  "D-DUPLICATE": { decision: "declined", label: "Declined: duplicate application" },
  "D-NO_HIT": { decision: "declined", label: "Declined: no credit bureau hit" },
  "D-NO_SCORE": { decision: "declined", label: "Declined: no credit score" },
  "D-FRAUD": { decision: "declined", label: "Declined: fraud" },
  "P-REVIEW_MISC": { decision: "pending", label: "Pending: review" },
  "P-EXIST_CUST": { decision: "pending", label: "Pending: existing customer" },
  "P-CREDIT": { decision: "pending", label: "Pending: credit review" },
  "P-FRAUD": { decision: "pending", label: "Pending: fraud review" },
  "D-EMAIL_DBL_TIMEOUT": { decision: "retry", label: "Retry: third-party timeout" },
} as const satisfies Record<string, TestApplicant>

export type TestApplicantKey = keyof typeof TEST_APPLICANTS
export const TEST_APPLICANT_KEYS = Object.keys(TEST_APPLICANTS) as TestApplicantKey[]

export function isTestApplicant(value: unknown): value is TestApplicantKey {
  return typeof value === "string" && Object.prototype.hasOwnProperty.call(TEST_APPLICANTS, value)
}

/** The decision Flexiti's test data gives this applicant for this merchant. */
export function decisionFor(core: SandboxCore, clientId: string, key: TestApplicantKey): TestApplicant["decision"] {
  const applicant: TestApplicant = TEST_APPLICANTS[key]
  if (applicant.standard_account_only && !core.state.clients.get(clientId)?.merchant?.standard_account) return "declined"
  return applicant.decision
}

/** The applicant's names, when the application gave them (POST /apply's personal data). */
export interface ApplicantNames {
  first_name: string
  last_name: string
}

function openAccount(core: SandboxCore, clientId: string, key: TestApplicantKey, names?: ApplicantNames): AccountState {
  const applicant: TestApplicant = TEST_APPLICANTS[key]
  const accountNumber = core.state.nextId("account")
  const suffix = String(accountNumber).slice(-5)
  // Flexiti's Test data page gives no credit limits: a pending application approved later gets
  // 5,000.00 here (our invention), enough for a typical financed basket.
  const creditCents = dollarsToCents(applicant.credit_limit ?? 5000)
  const account: AccountState = {
    account_number: accountNumber,
    customer_id: `3000000-${suffix}`,
    vcc_number: `53${String(accountNumber).slice(-14)}`,
    first_name: names?.first_name ?? "Test",
    last_name: names?.last_name ?? "Applicant",
    account_type: "consumer",
    account_status: "N",
    account_status_reason_code: "NNOR",
    risk_rating: applicant.risk_rating ?? "M",
    credit_limit_cents: creditCents,
    available_credit_cents: creditCents,
    preferred_language: "en-CA",
  }
  core.state.accountsOf(clientId).set(accountNumber, account)
  return account
}

/**
 * Records an application and, when approved, opens the account. A retry (third-party timeout)
 * records nothing: the applicant is asked to try again.
 */
export function apply(
  core: SandboxCore,
  clientId: string,
  key: TestApplicantKey,
  link: { widget_session_id?: string; online_order_id?: number },
  names?: ApplicantNames
): { decision: TestApplicant["decision"]; application?: Application; account?: AccountState } {
  const decision = decisionFor(core, clientId, key)
  if (decision === "retry") return { decision }
  const application: Application = {
    application_id: core.state.nextId("application"),
    client_id: clientId,
    applicant: key,
    decision,
    created_at: core.clock.now(),
    ...link,
  }
  const account = decision === "approved" ? openAccount(core, clientId, key, names) : undefined
  application.account_number = account?.account_number
  core.state.applications.set(application.application_id, application)
  return { decision, application, account }
}

/** Flexiti finishes reviewing a pending application (control API). */
export function decidePending(
  core: SandboxCore,
  applicationId: number,
  decision: "approved" | "declined"
): { application: Application; account?: AccountState } {
  const application = core.state.applications.get(applicationId)
  if (!application) throw new HttpError(404, "not_found", "Application not found")
  if (application.decision !== "pending") {
    throw new HttpError(409, "application_decided", `Application is already ${application.decision}`)
  }
  application.decision = decision
  const account = decision === "approved" ? openAccount(core, application.client_id, application.applicant as TestApplicantKey) : undefined
  application.account_number = account?.account_number
  return { application, account }
}

export function applicationView(application: Application): Record<string, unknown> {
  return { ...application, created_at: new Date(application.created_at).toISOString() }
}
