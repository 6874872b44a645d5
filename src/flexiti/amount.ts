/**
 * Flexiti amounts are decimal dollars, number(18,2) (Transactions Endpoints). The client only
 * checks that rule on what it sends and receives; sums are made by the plugin's money module
 * (src/lib/money.ts, Medusa's BigNumber), never here in floats.
 */
export function isTwoDecimalAmount(value: number): boolean {
  if (!Number.isFinite(value)) {
    return false
  }
  const scaled = value * 100
  return Math.abs(scaled - Math.round(scaled)) < 1e-6
}
