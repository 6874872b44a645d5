import type { FieldError } from "../field-error"
import { Body, booleanAt, checkRequest, FieldSpec, isPresent, RequestSpec, stringAt, valueAt } from "./fields"

/**
 * Request bodies as Flexiti's public endpoint pages describe them. "Yes" in a Required column
 * becomes `required`; a blank column stays optional (the docs are silent, the sandbox lenient).
 * Where the sandbox needs a field the docs leave blank, the line says why.
 */

const PROVINCES = ["AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"] as const

/**
 * sku_data, optional on POST authorization, capture, return and refund (Transactions Endpoints):
 * "If passed as part of the request, it will be displayed on the customer's statement. We do not
 * validate this data". Its fields: purchase_order ASCII string (10), register_id ASCII string (50),
 * shipping_total number (18,2), transaction_discount_total and transaction_subtotal "Integer (12,2)"
 * (read as an amount with two decimals), and transaction_total, gst_hst, pst and products[] with
 * sku_id, category, description, quantity, unit_price, extended_price, printed without a type or
 * length (read as amounts, strings and a number). Amounts may be negative: a return's example
 * sends negative totals. What a plugin should send, e.g. on a capture:
 *   { "sku_data": { "purchase_order": "order_12", "shipping_total": 15, "transaction_subtotal": 200,
 *     "transaction_discount_total": 10, "gst_hst": 26, "pst": 0, "transaction_total": 231,
 *     "products": [{ "sku_id": "TV-55", "category": "tv", "description": "55 inch TV", "quantity": 1,
 *     "unit_price": 200, "extended_price": 200 }] } }
 * Checking it (and refusing unknown fields) is the sandbox's strictness `sku_data` (strictness.ts).
 */
const SKU_DATA: FieldSpec = { path: "sku_data", type: "object" }

const SKU_DATA_FIELDS: RequestSpec = {
  fields: [
    { path: "purchase_order", type: "string", max: 10 },
    { path: "shipping_total", type: "decimal", max: 18 },
    { path: "register_id", type: "string", max: 50 },
    { path: "transaction_discount_total", type: "decimal", max: 12 },
    { path: "transaction_subtotal", type: "decimal", max: 12 },
    { path: "transaction_total", type: "decimal" },
    { path: "gst_hst", type: "decimal" },
    { path: "pst", type: "decimal" },
    { path: "products", type: "array" },
  ],
}

const SKU_PRODUCT_FIELDS: RequestSpec = {
  fields: [
    { path: "sku_id", type: "string" },
    { path: "category", type: "string" },
    { path: "description", type: "string" },
    { path: "quantity", type: "number" },
    { path: "unit_price", type: "decimal" },
    { path: "extended_price", type: "decimal" },
  ],
}

function unknownKeys(spec: RequestSpec, value: Body, prefix: string): FieldError[] {
  const known = new Set(spec.fields.map((f) => f.path))
  return Object.keys(value)
    .filter((key) => !known.has(key))
    .map((key) => ({ param: `${prefix}${key}`, msg: "not a documented sku_data field", value: value[key] }))
}

function prefixed(errors: FieldError[], prefix: string): FieldError[] {
  return errors.map((e) => ({ ...e, param: `${prefix}${e.param}` }))
}

/** The documented fields of a body's sku_data (absent: nothing to check); `coerce` for form bodies. */
export function skuDataErrors(body: Body, options: { coerce?: boolean } = {}): FieldError[] {
  const sku = valueAt(body, "sku_data")
  if (sku === null || typeof sku !== "object" || Array.isArray(sku)) return []
  const skuBody = sku as Body
  const errors = [...prefixed(checkRequest(SKU_DATA_FIELDS, skuBody, options), "sku_data."), ...unknownKeys(SKU_DATA_FIELDS, skuBody, "sku_data.")]
  const products = Array.isArray(skuBody.products) ? skuBody.products : []
  products.forEach((product, i) => {
    const prefix = `sku_data.products.${i}.`
    if (product === null || typeof product !== "object" || Array.isArray(product)) {
      errors.push({ param: `sku_data.products.${i}`, msg: "must be an object", value: product })
      return
    }
    errors.push(...prefixed(checkRequest(SKU_PRODUCT_FIELDS, product as Body, options), prefix), ...unknownKeys(SKU_PRODUCT_FIELDS, product as Body, prefix))
  })
  return errors
}

/** POST /oauth/token (Authentication Endpoints; Online API Endpoints Reference). */
export const TOKEN_REQUEST: RequestSpec = {
  fields: [
    { path: "client_id", type: "string", required: true, max: 100 },
    { path: "client_secret", type: "string", required: true, max: 100 },
    { path: "grant_type", type: "string", values: ["client_credentials", "refresh_token", "password"] },
    {
      path: "refresh_token",
      type: "string",
      // "only to be used with the grant_type: refresh_token"
      required: (b) => b.grant_type === "refresh_token",
    },
    { path: "scope", type: "string", values: ["customer", "merchant"] },
  ],
}

/**
 * POST widget/init (SDK Init Method). For a purchase, customer_identification names the shopper
 * in one of three ways; for an application, the applicant's contact data and consent.
 */
const isPurchase = (b: Body) => b.flow === "purchase"
const isApply = (b: Body) => b.flow === "apply"

function oneCustomerIdentification(body: Body): FieldError[] {
  if (!isPurchase(body)) return []
  const id = valueAt(body, "customer_identification")
  const given = ["account_number", "vcc_number", "personal_information"].filter((k) => isPresent(valueAt(id, k)))
  if (given.length === 0) {
    return [
      {
        param: "customer_identification",
        msg: "one of account_number, vcc_number or personal_information is required for the purchase flow",
      },
    ]
  }
  return []
}

function tosAccepted(body: Body): FieldError[] {
  return isApply(body) && booleanAt(body, "tos_agreement") === false ? [{ param: "tos_agreement", msg: "must be true", value: false }] : []
}

export const WIDGET_INIT_REQUEST: RequestSpec = {
  fields: [
    { path: "flow", type: "string", required: true, values: ["purchase", "apply"] },
    { path: "customer_identification", type: "object" },
    { path: "customer_identification.account_number", type: "integer", max: 14 },
    { path: "customer_identification.vcc_number", type: "string", max: 16 },
    { path: "customer_identification.personal_information", type: "object" },
    // The page lists first_name (80), last_name, dob and postal_code inside personal_information
    // without a Required column of their own. Names and postal code are what identifies a person,
    // so they are required when personal_information is sent; dob is accepted when missing
    // (docs silent) and checked for its YYYY-MM-DD format when present.
    {
      path: "customer_identification.personal_information.first_name",
      type: "string",
      max: 80,
      required: (b) => isPresent(valueAt(b, "customer_identification.personal_information")),
    },
    {
      path: "customer_identification.personal_information.last_name",
      type: "string",
      max: 80,
      required: (b) => isPresent(valueAt(b, "customer_identification.personal_information")),
    },
    { path: "customer_identification.personal_information.dob", type: "date" },
    {
      path: "customer_identification.personal_information.postal_code",
      type: "string",
      max: 10,
      required: (b) => isPresent(valueAt(b, "customer_identification.personal_information")),
    },
    { path: "lang", type: "string", values: ["en", "fr"] },
    { path: "tos_agreement", type: "boolean", required: isApply },
    { path: "email", type: "string", max: 100, required: isApply },
    { path: "phone_number", type: "integer", max: 10, required: isApply },
    { path: "address_1", type: "string", max: 250, required: isApply },
    { path: "address_2", type: "string", max: 100 },
    { path: "city", type: "string", max: 100, required: isApply },
    { path: "province", type: "string", max: 2, values: PROVINCES, required: isApply },
    { path: "account_type", type: "string", values: ["consumer", "business"], required: isApply },
  ],
  rules: [oneCustomerIdentification, tosAccepted],
}

/**
 * POST authorization, v2.5.1 (Transactions Endpoints). `amount` has a blank Required column, but
 * an authorization without an amount cannot be booked, so the sandbox requires it. A missing term
 * of a promotional purchase is the documented business error plan_term_not_set, not an input error.
 */
export const AUTHORIZATION_REQUEST: RequestSpec = {
  fields: [
    { path: "account_number", type: "integer", required: true, max: 14 },
    { path: "vcc_number", type: "string", max: 16 },
    { path: "reference", type: "string", max: 40 },
    { path: "financing_option", type: "object", required: true },
    {
      path: "financing_option.transaction_type",
      type: "string",
      required: true,
      values: ["promotional_purchase", "regular_purchase"],
    },
    {
      path: "financing_option.plan_id",
      type: "integer",
      required: (b) => valueAt(b, "financing_option.transaction_type") === "promotional_purchase",
    },
    { path: "financing_option.term", type: "integer" },
    { path: "amount", type: "amount", required: true },
    { path: "auto_capture", type: "boolean", required: true },
    { path: "verification_code", type: "string" },
    SKU_DATA,
  ],
}

/** POST authorization/{id}/capture: "amount required number (18,2)", reference ASCII (40). */
export const CAPTURE_REQUEST: RequestSpec = {
  fields: [{ path: "amount", type: "amount", required: true }, { path: "reference", type: "string", max: 40 }, SKU_DATA],
}

/**
 * POST authorization/{id}/release: the page documents its errors ("Release amount is greater
 * than the remaining credit authorization amount") but not its body; everything is optional
 * and a missing amount releases what remains.
 */
export const RELEASE_REQUEST: RequestSpec = {
  fields: [
    { path: "amount", type: "amount" },
    { path: "reference", type: "string", max: 40 },
  ],
}

/**
 * POST authorization/{id}/capture/{capture_id}/return: documented by an example only
 * (reference, vcc_number, full_return, amount, sku_data). The sandbox needs an amount unless
 * full_return is true, which returns what remains of the capture.
 */
export const RETURN_REQUEST: RequestSpec = {
  fields: [
    { path: "reference", type: "string", max: 40 },
    { path: "vcc_number", type: "string", max: 16 },
    { path: "full_return", type: "boolean" },
    { path: "amount", type: "amount", required: (b) => booleanAt(b, "full_return") !== true },
    SKU_DATA,
  ],
}

/**
 * POST accounts/{account_number}/refund: documented by an example only (reference, amount,
 * vcc_number, capture_id). A refund needs an amount; capture_id is checked when given.
 */
export const REFUND_REQUEST: RequestSpec = {
  fields: [
    { path: "reference", type: "string", max: 40 },
    { path: "amount", type: "amount", required: true },
    { path: "vcc_number", type: "string", max: 16 },
    { path: "capture_id", type: "integer" },
    SKU_DATA,
  ],
}

/** POST merchants/login: merchant_username and merchant_password, both optional (Authentication Endpoints). */
export const MERCHANT_LOGIN_REQUEST: RequestSpec = {
  fields: [
    { path: "merchant_username", type: "string" },
    { path: "merchant_password", type: "string" },
  ],
}

/** POST accounts/{n}/calculate-interest, v2.5.1: body { amount } (Customers Endpoints example). */
export const CALCULATE_INTEREST_REQUEST: RequestSpec = {
  fields: [{ path: "amount", type: "amount", required: true }],
}

/** GET customers/lookup: by vcc_number, account_number or customer_id (Customers Endpoints). */
export const CUSTOMER_LOOKUP_QUERY: RequestSpec = {
  fields: [
    { path: "vcc_number", type: "string", max: 16 },
    { path: "account_number", type: "integer", max: 14 },
    { path: "customer_id", type: "string", max: 20 },
  ],
  rules: [
    (q) =>
      ["vcc_number", "account_number", "customer_id"].some((k) => isPresent(q[k]))
        ? []
        : [{ param: "account_number", msg: "one of vcc_number, account_number or customer_id is required" }],
  ],
}

/** GET customers/search: first_name, last_name and dob (YYYY-MM-DD), postal_code optional (Customers Endpoints). */
export const CUSTOMER_SEARCH_QUERY: RequestSpec = {
  fields: [
    { path: "first_name", type: "string", required: true, max: 80 },
    { path: "last_name", type: "string", required: true, max: 80 },
    { path: "dob", type: "date", required: true },
    { path: "postal_code", type: "string", max: 10 },
  ],
}

/** GET captures, v2.5.1: its parameters are not public; the sandbox filters like GET authorizations. */
export const CAPTURE_LIST_QUERY: RequestSpec = {
  fields: [
    { path: "account_number", type: "integer", max: 14 },
    { path: "authorization_id", type: "integer" },
    { path: "page_number", type: "integer" },
    { path: "page_size", type: "integer" },
  ],
}

/** GET authorizations, v2.5.1: the example query's parameters, all optional. */
export const AUTHORIZATION_LIST_QUERY: RequestSpec = {
  fields: [
    { path: "account_number", type: "integer", max: 14 },
    { path: "transaction_type", type: "string", values: ["promotional_purchase", "regular_purchase"] },
    { path: "authorization_status", type: "string" },
    { path: "creation_date_from", type: "date" },
    { path: "creation_date_to", type: "date" },
    { path: "page_number", type: "integer" },
    { path: "page_size", type: "integer" },
  ],
}

/**
 * POST systems/init (Online API Endpoints Reference). lang, flow and amount_requested say Yes;
 * customer_id / vcc "Required for Buy Flow if … not provided"; billing_information.* and
 * shipping_information.* "Yes if Flow is Buy or Apply/Buy", address_2 included (it may be empty).
 * The docs spell flows "Apply", "Buy", "Apply/Buy" and languages both en/fr and En-CA: the sandbox
 * accepts any case and the regional spellings (docs silent on the exact strings).
 */
export const ONLINE_FLOWS = ["buy", "apply", "apply/buy"] as const
const flowOf = (b: Body) => (stringAt(b, "flow") ?? "").toLowerCase()
const buysSomething = (b: Body) => flowOf(b) === "buy" || flowOf(b) === "apply/buy"
const ADDRESS_PARTS = ["first_name", "last_name", "address_1", "address_2", "city", "province", "postal_code"] as const

function buyerIdentified(body: Body): FieldError[] {
  if (flowOf(body) !== "buy") return []
  const given = isPresent(body.customer_id) && body.customer_id !== "" ? true : isPresent(body.vcc) && body.vcc !== ""
  return given ? [] : [{ param: "customer_id", msg: "customer_id or vcc is required for the Buy flow" }]
}

export const SYSTEMS_INIT_REQUEST: RequestSpec = {
  fields: [
    { path: "merchant_orderid", type: "string" },
    { path: "is_guest", type: "boolean" },
    { path: "customer_id", type: "string", max: 20 },
    { path: "vcc", type: "string", max: 16 },
    { path: "has_previous_purchase", type: "boolean" },
    { path: "lang", type: "string", required: true, values: ["en", "fr", "en-CA", "fr-CA", "en-FR"], caseInsensitive: true },
    { path: "flow", type: "string", required: true, values: ONLINE_FLOWS, caseInsensitive: true },
    { path: "amount_requested", type: "amount", required: true },
    ...(["billing_information", "shipping_information"] as const).flatMap((group) =>
      ADDRESS_PARTS.map((part): FieldSpec => ({
        path: `${group}.${part}`,
        type: "string",
        required: buysSomething,
        ...(part === "province" ? { values: PROVINCES } : {}),
      }))
    ),
  ],
  rules: [buyerIdentified],
}

/** GET systems/payment-calculator: the example query is clientId, price, lang. */
export const PAYMENT_CALCULATOR_QUERY: RequestSpec = {
  fields: [
    { path: "price", type: "amount", required: true },
    { path: "lang", type: "string", values: ["en", "fr"] },
  ],
}
