/**
 * Flexiti amounts are decimal dollars, number(18,2) (Transactions Endpoints). These helpers move
 * between validated 2-decimal dollar numbers and integer cents so that sums are exact
 * (the sandbox does its bookkeeping in cents; the provider uses Medusa's BigNumber).
 */
export function isTwoDecimalAmount(value: number): boolean {
  if (!Number.isFinite(value)) {
    return false
  }
  const scaled = value * 100
  return Math.abs(scaled - Math.round(scaled)) < 1e-6
}

/** Exact for any value accepted by isTwoDecimalAmount. */
export function dollarsToCents(dollars: number): number {
  if (!isTwoDecimalAmount(dollars)) {
    throw new RangeError(`Not a 2-decimal dollar amount: ${dollars}`)
  }
  return Math.round(dollars * 100)
}

/** Integer cents back to the dollar number Flexiti expects. */
export function centsToDollars(cents: number): number {
  if (!Number.isInteger(cents)) {
    throw new RangeError(`Cents must be an integer: ${cents}`)
  }
  return Number((cents / 100).toFixed(2))
}
