/**
 * Every request and response example of Flexiti's documents we hold, each with its source.
 *
 * The text of each example is kept verbatim, as printed, in `verbatim/<file>.txt` (cut by line
 * range from the source). `reading` is the example as data:
 * - "diff-export": the verbatim text read by `diffReading` (diff-reading.ts) and parsed as JSON;
 * - an object: the cleanest reading we can justify of a text that is not JSON as printed (a field
 *   list, a URL, a query); `note` says what was read and what the text leaves out. Placeholders the
 *   page prints (`<url>`, `{GUID}`) stay as printed.
 * `keys` are the documented keys of a body and their JSON types, for shapes printed as field lists.
 * `required` are the response keys the page's Required column marks Yes.
 */
export type JsonType = "string" | "number" | "boolean" | "object" | "array" | "null"

export interface DocSource {
  /** the document's title */
  document: string
  /** seed export and 1-based line range, or the page the reference names */
  seed?: string
  lines?: string
  page?: string
}

export interface DocExample {
  id: string
  direction: "request" | "response" | "url"
  /** e.g. "POST /oauth/token" */
  endpoint: string
  /** the verbatim file, without .txt */
  file: string
  source: DocSource
  reading?: "diff-export" | { value: unknown; note: string }
  keys?: Record<string, JsonType | readonly JsonType[]>
  required?: readonly string[]
  /** HTTP status of an error example */
  status?: number
}

const SEED_004 = { document: "Endpoints: Authentication (POS API v2.5)", seed: "004_46c4c7176e7d8771.txt" }
const SEED_001 = { document: "Online API Endpoints Reference", seed: "001_78aeeda9d947e883.txt" }
const SEED_003 = { document: "Overview (Flexiti API)", seed: "003_087fa3d4b1e8c308.txt" }
/** Examples the project's API reference records as FACT from Flexiti's public Confluence pages. */
const REFERENCE = "flexiti-api.md"

const TOKEN_RESPONSE_KEYS: Record<string, JsonType | readonly JsonType[]> = {
  token_type: "string",
  access_token: "string",
  expires_in: "number",
  refresh_token: "string",
  scope: "string",
}

export const DOC_EXAMPLES: readonly DocExample[] = [
  /* ------------------------------ seed 004: POS API authentication, i18n, widget ------------------------------ */
  {
    id: "pos-token-url-training",
    direction: "url",
    endpoint: "POST /oauth/token",
    file: "seed004-token-url-training",
    source: { ...SEED_004, lines: "6" },
    reading: { value: "https://posapi-training.flexiti.fi/flexiti/pos-api/v2.5/oauth/token", note: "the URL without the cell bar" },
  },
  {
    id: "pos-token-url",
    direction: "url",
    endpoint: "POST /oauth/token",
    file: "seed004-token-url",
    source: { ...SEED_004, lines: "34" },
    reading: { value: "https://{posapi_url}/flexiti/pos-api/v2.5/oauth/token", note: "the URL without the cell bar" },
  },
  {
    id: "pos-token-request-1",
    direction: "request",
    endpoint: "POST /oauth/token",
    file: "seed004-token-request-1",
    source: { ...SEED_004, lines: "106-111" },
    reading: "diff-export",
    // Printed as JSON, while the same page says the service expects an
    // application/x-www-form-urlencoded payload: the fields are the example, the encoding is the prose's.
  },
  {
    id: "pos-token-response-1",
    direction: "response",
    endpoint: "POST /oauth/token",
    file: "seed004-token-response-1",
    source: { ...SEED_004, lines: "148-153" },
    reading: "diff-export",
    keys: TOKEN_RESPONSE_KEYS,
    // "Response Parameters" (lines 122-144): access_token, expires_in, refresh_token, each Required Yes.
    required: ["access_token", "expires_in", "refresh_token"],
  },
  {
    id: "pos-merchants-login-url",
    direction: "url",
    endpoint: "POST /client-id/{client_id}/merchants/login",
    file: "seed004-merchants-login-url",
    source: { ...SEED_004, lines: "157" },
    reading: {
      value: "https://posapi-training.flexiti.fi/flexiti/pos-api/v2.5/client-id/flexitidemo/merchants/login?lang=en",
      note: "the URL without the cell bar",
    },
  },
  {
    id: "pos-merchants-login-request",
    direction: "request",
    endpoint: "POST /client-id/{client_id}/merchants/login",
    file: "seed004-merchants-login-request",
    source: { ...SEED_004, lines: "214-217" },
    reading: "diff-export",
    // Its "Success Response" (lines 254-259) carries only the code block's settings, no body.
  },
  {
    id: "pos-token-request-2",
    direction: "request",
    endpoint: "POST /oauth/token",
    file: "seed004-token-request-2",
    source: { ...SEED_004, lines: "284-289" },
    reading: "diff-export",
  },
  {
    id: "pos-token-response-2",
    direction: "response",
    endpoint: "POST /oauth/token",
    file: "seed004-token-response-2",
    source: { ...SEED_004, lines: "302-308" },
    reading: "diff-export",
    keys: TOKEN_RESPONSE_KEYS,
    // "Response Parameters" (lines 291-297) list access_token, expires_in, refresh_token, no Required column.
    required: [],
  },
  {
    id: "pos-i18n-url",
    direction: "url",
    endpoint: "GET /client-id/{client_id}/i18n",
    file: "seed004-i18n-url",
    source: { ...SEED_004, lines: "313" },
    reading: { value: "https://{posapi_url}/flexiti/pos-api/v2.5/client-id/{client_id}/i18n", note: "the URL without the cell bar" },
  },
  {
    id: "pos-i18n-key-url",
    direction: "url",
    endpoint: "GET /client-id/{client_id}/i18n/{key}",
    file: "seed004-i18n-key-url",
    source: { ...SEED_004, lines: "317" },
    reading: { value: "https://{posapi_url}/flexiti/pos-api/v2.5/client-id/{client_id}/i18n/{key}", note: "the URL without the cell bar" },
  },
  {
    id: "pos-i18n-response",
    direction: "response",
    endpoint: "GET /client-id/{client_id}/i18n",
    file: "seed004-i18n-response",
    source: { ...SEED_004, lines: "336-1166" },
    // Garbled by the diff (cells, "..." lines, keys split across lines); diffReading reads it as
    // one JSON object with top-level salutations … housing_type, the disclosures
    // (qcpa_disclosure, insurance, insurance_tc, annual_fees) printed as "...".
    reading: "diff-export",
  },
  {
    id: "pos-widget-init-url",
    direction: "url",
    endpoint: "POST /client-id/{client_id}/widget/init",
    file: "seed004-widget-init-url",
    source: { ...SEED_004, lines: "1171" },
    reading: { value: "https://{posapi_url}/flexiti/pos-api/v2.5/client-id/{client_id}/widget/init", note: "the URL without the cell bar" },
  },

  /* ------------------------------ seeds 001 and 003: Online API, overview ------------------------------ */
  {
    id: "online-systems-init-url",
    direction: "url",
    endpoint: "POST /online/v2/client-id/{clientId}/systems/init",
    file: "seed001-systems-init-url",
    source: { ...SEED_001, lines: "9" },
    reading: {
      value: "https://onlineapi.flexiti.fi/flexiti/online-api/online/v2/client-id/{{client_id}}/systems/init",
      note: "the URL without the cell bar",
    },
  },
  {
    id: "pos-training-reference-url",
    direction: "url",
    endpoint: "POS API base (TRAINING)",
    file: "seed003-training-reference-url",
    source: { ...SEED_003, lines: "30" },
    reading: { value: "https://posapi-training.flexiti.fi/flexiti/pos-api/v2.5", note: "the URL after 'References: '" },
  },
  {
    id: "pos-production-reference-url",
    direction: "url",
    endpoint: "POS API base (PRODUCTION)",
    file: "seed003-production-reference-url",
    source: { ...SEED_003, lines: "35" },
    reading: { value: "https://posapi.flexiti.fi/flexiti/pos-api/v2.5", note: "the URL after 'References: '" },
  },

  /* ------------------------------ examples the API reference records as FACT ------------------------------ */
  {
    id: "token-response-older",
    direction: "response",
    endpoint: "POST /oauth/token",
    file: "api-token-response-summary",
    source: { document: "Authentication Endpoints", page: "9404505 (older version)", seed: REFERENCE, lines: "191-192" },
    reading: {
      value: { token_type: "Bearer", access_token: "access_token", expires_in: 1199, refresh_token: "refresh_token" },
      note: "the older example's token_type and expires_in; the page names access_token and refresh_token without values, read as their names",
    },
    keys: TOKEN_RESPONSE_KEYS,
  },
  {
    id: "online-systems-init-response",
    direction: "response",
    endpoint: "POST /online/v2/client-id/{clientId}/systems/init",
    file: "api-systems-init-response",
    source: { document: "Online API Endpoints Reference", page: "2200436750 (diff 2298249339→2298642563)", seed: REFERENCE, lines: "256" },
    reading: { value: { online_order_id: 131209, redirection_url: "<url>" }, note: "the example number; <url> as printed" },
    keys: { online_order_id: "number", redirection_url: "string" },
  },
  {
    id: "online-systems-init-failure",
    direction: "response",
    endpoint: "POST /online/v2/client-id/{clientId}/systems/init",
    file: "api-systems-init-failure",
    source: { document: "Online API Endpoints Reference", page: "2200436750 (diff 2298904705→2298577024)", seed: REFERENCE, lines: "257" },
    keys: { code: "number", error: "string", error_description: "string" },
  },
  {
    id: "online-payment-calculator-query",
    direction: "request",
    endpoint: "GET /online/v2/client-id/{clientId}/systems/payment-calculator",
    file: "api-payment-calculator",
    source: { document: "Online API Endpoints Reference", page: "2200436750 (diff 2298904705→2298577024)", seed: REFERENCE, lines: "262" },
    reading: { value: { clientId: "flexitidemo", price: "499", lang: "fr" }, note: "the example's query string" },
  },
  {
    id: "online-payment-calculator-response",
    direction: "response",
    endpoint: "GET /online/v2/client-id/{clientId}/systems/payment-calculator",
    file: "api-payment-calculator",
    source: { document: "Online API Endpoints Reference", page: "2200436750 (diff 2298904705→2298577024)", seed: REFERENCE, lines: "263" },
    reading: { value: { htmlRender: "…", paymentPlan: { monthlyPayment: "166.33", months: "3" } }, note: "JSON as printed; htmlRender elided by the page" },
    keys: { htmlRender: "string", paymentPlan: "object" },
  },
  {
    id: "online-notification-apply",
    direction: "response",
    endpoint: "GET /online/client-id/{clientId}/notifications/order-id/{orderId}",
    file: "api-notification-apply",
    source: { document: "Online API Endpoints Reference", page: "2200436750", seed: REFERENCE, lines: "270" },
    reading: {
      value: {
        transaction_id: 131222,
        flow: "apply",
        callback_url: "",
        apply: { customer_id: 1293836, apply_status: "SUCCESS" },
        date: "2022-06-13T22:29:20.276Z",
      },
      note: "the example's fields and values, as listed",
    },
    keys: { transaction_id: "number", flow: "string", callback_url: "string", apply: "object", date: "string" },
  },
  {
    id: "pos-calculate-interest-request",
    direction: "request",
    endpoint: "POST /client-id/{client_id}/accounts/{account_number}/calculate-interest",
    file: "api-calculate-interest",
    source: { document: "Customers Endpoints", page: "9371728", seed: REFERENCE, lines: "290" },
    reading: { value: { amount: 234.45 }, note: "the body as printed" },
  },
  {
    id: "pos-calculate-interest-response",
    direction: "response",
    endpoint: "POST /client-id/{client_id}/accounts/{account_number}/calculate-interest",
    file: "api-calculate-interest",
    source: { document: "Customers Endpoints", page: "9371728", seed: REFERENCE, lines: "290" },
    keys: {
      account_number: "number",
      account_type: "string",
      amount: "number",
      customer: "object",
      regular_purchase: "object",
      promotional_purchase: "array",
    },
  },
  {
    id: "pos-widget-init-response",
    direction: "response",
    endpoint: "POST /client-id/{client_id}/widget/init",
    file: "api-widget-init-response",
    source: { document: "SDK Init Method", page: "149520436", seed: REFERENCE, lines: "310" },
    reading: {
      value: { redirection_url: "{posapi_url}/#/widget/{client_id}/{token}?lang=en&x-reference-id={GUID}&widget_session_id={GUID}" },
      note: "JSON as printed, placeholders kept",
    },
    keys: { redirection_url: "string" },
  },
  {
    id: "pos-return-request",
    direction: "request",
    endpoint: "POST /client-id/{clientId}/authorization/{authorizationId}/capture/{captureId}/return",
    file: "api-return",
    source: { document: "Transactions Endpoints", page: "9601087 (diff 2602468185→2603516233)", seed: REFERENCE, lines: "358" },
    reading: {
      value: { reference: "Order-1234", full_return: false, amount: 10 },
      note: "the values given; the example also sends vcc_number and sku_data (negative totals), whose values the reference does not copy",
    },
  },
  {
    id: "pos-return-response",
    direction: "response",
    endpoint: "POST /client-id/{clientId}/authorization/{authorizationId}/capture/{captureId}/return",
    file: "api-return",
    source: { document: "Transactions Endpoints", page: "9601087", seed: REFERENCE, lines: "359" },
    // A field list with types, no Required column and no values.
    keys: {
      return_id: "number",
      reference: "string",
      capture_id: "number",
      date: "string",
      amount: "number",
      remaining_capture_amount: "number",
      remaining_authorization_amount: "number",
    },
    required: [],
  },
  {
    id: "pos-refund-request",
    direction: "request",
    endpoint: "POST /client-id/{client_id}/accounts/{account_number}/refund",
    file: "api-refund",
    source: { document: "Transactions Endpoints", page: "9601087 (diff 2603516233→2612625439)", seed: REFERENCE, lines: "363" },
    reading: {
      value: { amount: 1000.12, capture_id: 346123 },
      note: "the values given; reference, vcc_number and sku_data are in the example without values copied",
    },
  },
  {
    id: "pos-refund-response",
    direction: "response",
    endpoint: "POST /client-id/{client_id}/accounts/{account_number}/refund",
    file: "api-refund",
    source: { document: "Transactions Endpoints", page: "9601087 (diff 2603516233→2612625439)", seed: REFERENCE, lines: "363" },
    reading: { value: {}, note: "Success response is an empty object {}" },
    keys: {},
  },
  {
    id: "pos-authorizations-query",
    direction: "request",
    endpoint: "GET /client-id/{clientId}/authorizations",
    file: "api-authorizations-query",
    source: { document: "Transactions Endpoints", page: "9601087", seed: REFERENCE, lines: "367" },
    reading: {
      value: {
        lang: "en",
        account_number: "12341234",
        transaction_type: "promotional_purchase",
        authorization_status: "opened",
        creation_date_from: "2018-11-11",
        creation_date_to: "2018-12-11",
        page_number: "1",
        page_size: "10",
      },
      note: "the example query string, as name=value pairs",
    },
  },
  {
    id: "pos-authorization-url",
    direction: "url",
    endpoint: "GET /client-id/{clientId}/authorization/{authorizationId}",
    file: "api-authorization-url",
    source: { document: "Transactions Endpoints", page: "9601087", seed: REFERENCE, lines: "368" },
    reading: {
      value: { authorization_id: "12343", lang: "en" },
      note: "printed `…/authorization/12343&lang=en` (sic): read as the id 12343 with the query lang=en",
    },
  },
  {
    id: "widget-flx-success",
    direction: "response",
    endpoint: "widget event flx-success",
    file: "api-widget-events",
    source: { document: "Widget Communication Events", page: "149749812", seed: REFERENCE, lines: "415-421" },
    keys: {
      accountNumber: ["number", "null"],
      verified: "boolean",
      action: ["string", "null"],
      mfaOptionSelected: ["string", "null"],
      widget_session_id: "string",
      customerId: "string",
      accountType: "string",
    },
  },
  {
    id: "widget-flx-failure",
    direction: "response",
    endpoint: "widget event flx-failure",
    file: "api-widget-events",
    source: { document: "Widget Communication Events", page: "149749812", seed: REFERENCE, lines: "422" },
    keys: { error: "number", message: "string" },
  },
  {
    id: "pos-input-error",
    direction: "response",
    endpoint: "any POS API call",
    file: "api-input-error",
    status: 409,
    source: { document: "Error Overview", page: "10190869 / 895385610", seed: REFERENCE, lines: "451" },
    reading: {
      value: {
        url: "url",
        message: "Some inputs are wrong!",
        error: "wrong_input",
        field_errors: [{ param: "param", msg: "msg", value: "value" }],
      },
      note: "the example's message and error; url and the field_errors entry named, not valued, read as their names",
    },
    keys: { url: "string", message: "string", error: "string", field_errors: "array" },
  },
  {
    id: "token-errors",
    direction: "response",
    endpoint: "POST /oauth/token",
    file: "api-token-errors",
    source: { document: "Error Overview", page: "10190869 / 895385610", seed: REFERENCE, lines: "452" },
    reading: {
      value: [
        { status: 400, error: "invalid_client" },
        { status: 400, error: "invalid_request" },
        { status: 409, error: "invalid_role" },
        { status: 409, error: "wrong_inputs" },
      ],
      note: "each status with its code; the body carries the code as `error` like the input error example",
    },
  },
]

export function docExample(id: string): DocExample {
  const found = DOC_EXAMPLES.find((e) => e.id === id)
  if (!found) throw new Error(`No documented example ${id}`)
  return found
}
