/**
 * The sandbox's own money arithmetic, independent of the plugin's (a witness must not share the
 * code it examines). Flexiti's amounts are decimal dollars, number (18,2) (Transactions
 * Endpoints); the sandbox books integer cents, read from the amount's decimal text so that no
 * float product enters the books.
 */
const DOLLAR_TEXT = /^(-?)(\d+)(?:\.(\d{1,2}))?$/

/** Integer cents of a dollar amount with at most two decimals; undefined for anything else. */
export function centsIn(dollars: number): number | undefined {
  if (typeof dollars !== "number" || !Number.isFinite(dollars)) return undefined
  const match = DOLLAR_TEXT.exec(String(dollars))
  if (!match) return undefined
  const cents = Number(match[2]) * 100 + Number((match[3] ?? "").padEnd(2, "0"))
  return match[1] === "-" ? -cents : cents
}

export function isDollarAmount(dollars: number): boolean {
  return centsIn(dollars) !== undefined
}

/** For amounts already validated as number (18,2); anything else is a sandbox bug. */
export function centsOf(dollars: number): number {
  const cents = centsIn(dollars)
  if (cents === undefined) throw new RangeError(`Not a dollar amount with at most 2 decimals: ${dollars}`)
  return cents
}

/** The dollar number Flexiti's bodies carry, from integer cents. */
export function dollarsOf(cents: number): number {
  if (!Number.isInteger(cents)) throw new RangeError(`Cents must be an integer: ${cents}`)
  const whole = Math.trunc(Math.abs(cents) / 100)
  const rest = String(Math.abs(cents) % 100).padStart(2, "0")
  return Number(`${cents < 0 ? "-" : ""}${whole}.${rest}`)
}
