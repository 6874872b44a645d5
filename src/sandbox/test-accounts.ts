/**
 * Accounts seeded for every sandbox client (each client id is one isolated environment).
 * Amounts are dollars here because this list is public API for tests and demos.
 */
export interface SandboxTestAccount {
  account_number: number
  customer_id: string
  vcc_number: string
  first_name: string
  last_name: string
  account_type: "consumer" | "business"
  /** N is the only status that allows purchases (Customers Endpoints). */
  account_status: string
  account_status_reason_code: string
  /** L, M, H, XH, XXH, XXXH; XH and worse are non-prime in the sandbox */
  risk_rating: string
  credit_limit: number
  available_credit: number
  preferred_language: "en-CA" | "fr-CA"
  description: string
}

export const SANDBOX_TEST_ACCOUNTS = {
  approved: {
    account_number: 10000000000001,
    customer_id: "1000001-00001",
    vcc_number: "5000000000000001",
    first_name: "Test",
    last_name: "Shopper",
    account_type: "consumer",
    account_status: "N",
    account_status_reason_code: "NNOR",
    risk_rating: "L",
    credit_limit: 10000,
    available_credit: 10000,
    preferred_language: "en-CA",
    description: "Normal account with 10,000.00 of credit",
  },
  lowCredit: {
    account_number: 10000000000002,
    customer_id: "1000001-00002",
    vcc_number: "5000000000000002",
    first_name: "Low",
    last_name: "Credit",
    account_type: "consumer",
    account_status: "N",
    account_status_reason_code: "NNOR",
    risk_rating: "L",
    credit_limit: 1000,
    available_credit: 50,
    preferred_language: "en-CA",
    description: "Only 50.00 available: larger purchases get credit_exceeded",
  },
  blocked: {
    account_number: 10000000000003,
    customer_id: "1000001-00003",
    vcc_number: "5000000000000003",
    first_name: "Blocked",
    last_name: "Account",
    account_type: "consumer",
    account_status: "A",
    account_status_reason_code: "AUTH",
    risk_rating: "L",
    credit_limit: 5000,
    available_credit: 5000,
    preferred_language: "fr-CA",
    description: "Status A (authorizations prohibited): purchases get user_not_able_to_purchase",
  },
  noCredit: {
    account_number: 10000000000004,
    customer_id: "1000001-00004",
    vcc_number: "5000000000000004",
    first_name: "No",
    last_name: "Credit",
    account_type: "consumer",
    account_status: "N",
    account_status_reason_code: "NNOR",
    risk_rating: "M",
    credit_limit: 2000,
    available_credit: 0,
    preferred_language: "en-CA",
    description: "No credit left at all: purchases get not_enough_credit",
  },
  closed: {
    account_number: 10000000000005,
    customer_id: "1000001-00005",
    vcc_number: "5000000000000005",
    first_name: "Closed",
    last_name: "Account",
    account_type: "consumer",
    account_status: "C",
    account_status_reason_code: "CLSD",
    risk_rating: "L",
    credit_limit: 5000,
    available_credit: 5000,
    preferred_language: "en-CA",
    description: "Status C (closed): purchases get user_not_active",
  },
  nonPrime: {
    account_number: 10000000000006,
    customer_id: "1000001-00006",
    vcc_number: "5000000000000006",
    first_name: "Non",
    last_name: "Prime",
    account_type: "consumer",
    account_status: "N",
    account_status_reason_code: "NNOR",
    risk_rating: "XH",
    credit_limit: 5000,
    available_credit: 5000,
    preferred_language: "en-CA",
    description: "Risk rating XH: regular purchases get merchant_not_support_nonprime_regularpurchase unless the merchant accepts non-prime",
  },
  highLimit: {
    account_number: 10000000000007,
    customer_id: "1000001-00007",
    vcc_number: "5000000000000007",
    first_name: "High",
    last_name: "Limit",
    account_type: "consumer",
    account_status: "N",
    account_status_reason_code: "NNOR",
    risk_rating: "L",
    credit_limit: 30000,
    available_credit: 30000,
    preferred_language: "en-CA",
    description: "30,000.00 of credit: more than 10,000.00 within 24 hours gets limit_payment_amount_24",
  },
  notActivated: {
    account_number: 10000000000008,
    customer_id: "1000001-00008",
    vcc_number: "5000000000000008",
    first_name: "Not",
    last_name: "Activated",
    account_type: "consumer",
    account_status: "N",
    account_status_reason_code: "NNOR",
    risk_rating: "L",
    credit_limit: 5000,
    available_credit: 5000,
    preferred_language: "en-CA",
    description: "Opened but not activated by its owner: the purchase widget answers null/false/activation",
  },
} as const satisfies Record<string, SandboxTestAccount>

/**
 * Accounts whose owner must first activate them at Flexiti's customer portal (Widget Communication
 * Events: "null/false/activation"). How Flexiti marks such an account is not public: the sandbox
 * keeps its own list.
 */
export const ACCOUNTS_NEEDING_ACTIVATION: ReadonlySet<number> = new Set([SANDBOX_TEST_ACCOUNTS.notActivated.account_number])
