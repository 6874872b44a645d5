import { RunningSandbox, SANDBOX_DEFAULT_CLIENT } from "../sandbox"
import { BusinessAccounts } from "./business-plan"

const KEYS = ["qc-regular", "qc-promotional", "roc-regular", "roc-promotional"] as const

/** --business-account qc-regular=N (and qc-promotional, roc-regular, roc-promotional): the accounts Flexiti gave for the plan. */
export function businessAccountsFrom(options: string[], unknownVcc?: string): BusinessAccounts {
  const given = new Map<string, number>()
  for (const option of options) {
    const [key, value] = option.split("=")
    const number = Number(value)
    if (!KEYS.includes(key as (typeof KEYS)[number]) || !(Number.isInteger(number) && number > 0)) {
      throw new Error(`--business-account takes KEY=ACCOUNT_NUMBER with KEY one of ${KEYS.join(", ")}; got "${option}"`)
    }
    given.set(key, number)
  }
  const missing = KEYS.filter((k) => !given.has(k))
  if (missing.length > 0) throw new Error(`--business-account-plan needs --business-account for ${missing.join(", ")}`)
  if (unknownVcc !== undefined && !/^\d{1,16}$/.test(unknownVcc)) throw new Error("--unknown-vcc must be a card number of up to 16 digits")
  return {
    quebec: { regular: given.get("qc-regular")!, promotional: given.get("qc-promotional")! },
    restOfCanada: { regular: given.get("roc-regular")!, promotional: given.get("roc-promotional")! },
    unknownVcc,
  }
}

/** The virtual card of each business account seeded in the sandbox (its number's last digit, on a 6 prefix). */
export const sandboxBusinessCard = (accountNumber: number) => `600000000000000${String(accountNumber).slice(-1)}`

/** Four business accounts in the local sandbox, standing in for the ones Flexiti gives an enrolled merchant. */
export function seedSandboxBusinessAccounts(sandbox: RunningSandbox, unknownVcc?: string): BusinessAccounts {
  const numbers = { "qc-regular": 20000000000001, "qc-promotional": 20000000000002, "roc-regular": 20000000000003, "roc-promotional": 20000000000004 }
  for (const [key, account_number] of Object.entries(numbers)) {
    sandbox.addAccount({
      client_id: SANDBOX_DEFAULT_CLIENT.client_id,
      account_number,
      account_type: "business",
      first_name: "Business",
      last_name: key,
      vcc_number: sandboxBusinessCard(account_number),
    })
  }
  return businessAccountsFrom(
    Object.entries(numbers).map(([k, n]) => `${k}=${n}`),
    unknownVcc
  )
}
