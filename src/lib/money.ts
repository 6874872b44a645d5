import { BigNumberInput } from "@medusajs/framework/types"
import { MathBN } from "@medusajs/framework/utils"

/**
 * Money for Flexiti: CAD has 2 decimals and Flexiti takes dollars (number(18,2)), not cents.
 * All arithmetic goes through MathBN (bignumber.js); a JS number is produced only at the
 * very edge, from a 2-decimal string, where its JSON form is exactly that string.
 */
declare const dollarsBrand: unique symbol

/**
 * A CAD amount as "123.45": exactly two decimals, made only by `toDollars` (and the helpers
 * below), so a bare string from a request, a column or session data cannot pass for money
 * without going through the one rounding rule.
 */
export type Dollars = string & { readonly [dollarsBrand]: "CAD dollars, 2 decimals" }

const ROUND_HALF_UP = 4 // bignumber.js ROUND_HALF_UP; Medusa may carry more precision than cents

/** "123.45" from any Medusa amount (number, string, BigNumber, raw {value, precision}). */
export function toDollars(amount: BigNumberInput): Dollars {
  return MathBN.convert(amount).decimalPlaces(2, ROUND_HALF_UP).toFixed(2) as Dollars
}

export const ZERO_DOLLARS: Dollars = toDollars(0)

/** The number sent in a Flexiti JSON body. */
export function toFlexitiAmount(amount: BigNumberInput): number {
  return Number(toDollars(amount))
}

export function addDollars(...amounts: BigNumberInput[]): Dollars {
  return toDollars(MathBN.add(0, ...amounts))
}

export function subDollars(a: BigNumberInput, b: BigNumberInput): Dollars {
  return toDollars(MathBN.sub(a, b))
}

export function minDollars(a: BigNumberInput, b: BigNumberInput): Dollars {
  return toDollars(MathBN.min(a, b))
}

export function sameToTheCent(a: BigNumberInput, b: BigNumberInput): boolean {
  return toDollars(a) === toDollars(b)
}

export function isPositive(a: BigNumberInput): boolean {
  return MathBN.gt(toDollars(a), 0)
}

export function lte(a: BigNumberInput, b: BigNumberInput): boolean {
  return MathBN.lte(toDollars(a), toDollars(b))
}
