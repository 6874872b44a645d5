/**
 * Flexiti's `sku_data` (POS API: authorization, capture, return, refund): the purchase's lines and
 * totals, shown on the shopper's Flexiti statement. Built from Medusa's own computed cart totals,
 * stored on the checkout when it starts, and sent only where it describes the amount that moves
 * (see `skuDataFor`). Lengths the docs leave open are assumptions.ts SKU_DATA.
 */
import type { BigNumberInput } from "@medusajs/framework/types"
import { MathBN } from "@medusajs/framework/utils"
import { ASSUMPTIONS } from "../../flexiti/assumptions"
import { Dollars, sameToTheCent, toDollars, toFlexitiAmount, ZERO_DOLLARS } from "../../lib/money"
import type { FlexitiSkuData as SkuData, FlexitiSkuProduct as SkuProduct } from "../../modules/flexiti/types"

/** The cart as Medusa's query computes it (the fields `SKU_CART_FIELDS` asks for). */
export interface SkuCart {
  total: BigNumberInput
  subtotal?: BigNumberInput | null
  item_subtotal?: BigNumberInput | null
  shipping_total?: BigNumberInput | null
  discount_total?: BigNumberInput | null
  tax_total?: BigNumberInput | null
  items?: SkuCartItem[] | null
  shipping_methods?: { tax_total?: BigNumberInput | null; tax_lines?: TaxLine[] | null }[] | null
}

interface TaxLine {
  code?: string | null
  rate?: BigNumberInput | null
}

interface SkuCartItem {
  id: string
  variant_sku?: string | null
  variant_id?: string | null
  product_title?: string | null
  title?: string | null
  product_type?: string | null
  quantity: BigNumberInput
  unit_price: BigNumberInput
  subtotal?: BigNumberInput | null
  tax_total?: BigNumberInput | null
  tax_lines?: TaxLine[] | null
}

/** The cart fields `skuDataFromCart` reads, for `query.graph`. */
export const SKU_CART_FIELDS = [
  "total",
  "subtotal",
  "item_subtotal",
  "shipping_total",
  "discount_total",
  "tax_total",
  "items.id",
  "items.variant_sku",
  "items.variant_id",
  "items.product_title",
  "items.title",
  "items.product_type",
  "items.quantity",
  "items.unit_price",
  "items.subtotal",
  "items.tax_total",
  "items.tax_lines.code",
  "items.tax_lines.rate",
  "shipping_methods.tax_total",
  "shipping_methods.tax_lines.code",
  "shipping_methods.tax_lines.rate",
]

/** Cuts a text to `max` characters without splitting a surrogate pair; undefined when empty. */
function cut(text: string | null | undefined, max: number): string | undefined {
  const clean = (text ?? "").replace(/\s+/g, " ").trim()
  if (!clean) return undefined
  return Array.from(clean).slice(0, max).join("")
}

/**
 * Canadian sales taxes: GST or HST go to `gst_hst`; provincial taxes (PST, QST, RST) to `pst`.
 * A line's tax is split between them in proportion to the rates of its tax lines.
 */
function isProvincialTax(code: string | null | undefined): boolean {
  return /\b(PST|QST|RST|TVQ)\b/i.test(code ?? "")
}

function splitTax(taxTotal: BigNumberInput | null | undefined, lines: TaxLine[] | null | undefined): { gst_hst: Dollars; pst: Dollars } {
  const total = MathBN.convert(taxTotal ?? 0)
  const rates = (lines ?? []).map((l) => ({ provincial: isProvincialTax(l.code), rate: MathBN.convert(l.rate ?? 0) }))
  const all = rates.reduce((sum, r) => MathBN.add(sum, r.rate), MathBN.convert(0))
  if (MathBN.eq(all, 0)) return { gst_hst: toDollars(total), pst: ZERO_DOLLARS }
  const provincialRate = rates.filter((r) => r.provincial).reduce((sum, r) => MathBN.add(sum, r.rate), MathBN.convert(0))
  const pst = toDollars(MathBN.div(MathBN.mult(total, provincialRate), all))
  return { gst_hst: toDollars(MathBN.sub(total, pst)), pst }
}

/** sku_data for the whole cart: one product per line item, shipping, discounts, taxes and total. */
export function skuDataFromCart(cart: SkuCart): SkuData {
  const limits = ASSUMPTIONS.SKU_DATA
  let gst = MathBN.convert(0)
  let pst = MathBN.convert(0)
  const taxed = [...(cart.items ?? []).map((i) => ({ tax_total: i.tax_total, tax_lines: i.tax_lines })), ...(cart.shipping_methods ?? [])]
  for (const line of taxed) {
    const split = splitTax(line.tax_total, line.tax_lines)
    gst = MathBN.add(gst, split.gst_hst)
    pst = MathBN.add(pst, split.pst)
  }
  const products = (cart.items ?? []).map((item) => {
    const quantity = MathBN.convert(item.quantity)
    const extended = item.subtotal ?? MathBN.mult(item.unit_price, quantity)
    const product: SkuProduct = {
      sku_id: cut(item.variant_sku, limits.skuIdMax) ?? cut(item.variant_id ?? item.id, limits.skuIdMax)!,
      quantity: quantity.toNumber(),
      unit_price: toFlexitiAmount(item.unit_price),
      extended_price: toFlexitiAmount(extended),
    }
    const description = cut(
      [item.product_title, item.title && item.title !== item.product_title ? item.title : null].filter(Boolean).join(" - "),
      limits.descriptionMax
    )
    const category = cut(item.product_type, limits.categoryMax)
    if (description) product.description = description
    if (category) product.category = category
    return product
  })
  return {
    products,
    transaction_subtotal: toFlexitiAmount(cart.item_subtotal ?? cart.subtotal ?? 0),
    shipping_total: toFlexitiAmount(cart.shipping_total ?? 0),
    transaction_discount_total: toFlexitiAmount(cart.discount_total ?? 0),
    gst_hst: toFlexitiAmount(gst),
    pst: toFlexitiAmount(pst),
    transaction_total: toFlexitiAmount(cart.total),
  }
}

/** Which money move the sku_data goes with: a return's and a refund's totals are negative. */
export type SkuMove = "authorization" | "capture" | "return" | "refund"

function negated(data: SkuData): SkuData {
  const neg = (n: number | undefined) => (n === undefined || n === 0 ? n : -n)
  return {
    ...data,
    shipping_total: neg(data.shipping_total),
    transaction_discount_total: neg(data.transaction_discount_total),
    transaction_subtotal: neg(data.transaction_subtotal),
    transaction_total: neg(data.transaction_total)!,
    gst_hst: neg(data.gst_hst),
    pst: neg(data.pst),
    products: data.products?.map((p) => ({ ...p, quantity: -p.quantity, extended_price: -p.extended_price })),
  }
}

/**
 * The sku_data sent with a money move of `amount`: the stored cart lines when they describe exactly
 * that amount (the whole purchase), else only the total that moves (a partial capture or return:
 * Medusa does not tell the provider which items it covers).
 */
export function skuDataFor(snapshot: SkuData | null | undefined, amount: BigNumberInput, move: SkuMove): SkuData {
  const whole = snapshot && sameToTheCent(snapshot.transaction_total, amount) ? snapshot : { transaction_total: toFlexitiAmount(amount) }
  const negative = (move === "return" || move === "refund") && ASSUMPTIONS.SKU_DATA.returnTotalsNegative
  return negative ? negated(whole) : whole
}
