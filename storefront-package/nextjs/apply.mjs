#!/usr/bin/env node
/**
 * `npx flexiti-nextjs [storefront folder]`: adds Flexiti to Medusa's Next.js starter storefront
 * (the dtc-starter's apps/storefront, or the standalone nextjs-starter-medusa), as the README's
 * "Storefront: Medusa's Next.js starter" section describes:
 *   - copies three files: src/lib/flexiti.ts, src/lib/data/flexiti.ts (a server action) and
 *     src/modules/checkout/components/flexiti-payment-button/index.tsx;
 *   - edits three starter files: the payment title in src/lib/constants.tsx, the session start in
 *     the payment step and the Flexiti case of the "Place order" button.
 * Running it again changes nothing. When the starter's code has changed so much that an edit
 * has no place to go, it stops before writing anything and names the file: apply the edits by
 * hand (README).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs"
import { dirname, join, relative, resolve } from "node:path"
import { fileURLToPath } from "node:url"

const here = dirname(fileURLToPath(import.meta.url))
const args = process.argv.slice(2)
if (args.includes("--help") || args.includes("-h")) {
  console.log("usage: npx flexiti-nextjs [storefront folder, default .]")
  process.exit(0)
}
const storefront = resolve(args.find((a) => !a.startsWith("-")) ?? ".")
const src = join(storefront, "src")

function fail(message) {
  console.error(`flexiti-nextjs: ${message}`)
  process.exit(1)
}

const starterFiles = {
  constants: "src/lib/constants.tsx",
  payment: "src/modules/checkout/components/payment/index.tsx",
  button: "src/modules/checkout/components/payment-button/index.tsx",
}
for (const f of [...Object.values(starterFiles), "src/lib/data/cart.ts", "src/lib/config.ts"]) {
  if (!existsSync(join(storefront, f))) fail(`${f} not found in ${storefront}: not a Medusa Next.js starter storefront`)
}

// The dtc-starter has its own UI components; the standalone starter uses @medusajs/ui's Button.
const buttonModule = ["index.tsx", "index.ts"].some((f) => existsSync(join(src, "modules/common/components/ui", f)))
  ? "@modules/common/components/ui"
  : "@medusajs/ui"

// Everything is prepared first and written only when every edit found its place.
const writes = []
function walk(dir) {
  return readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]))
}
const filesDir = join(here, "files")
for (const from of walk(filesDir)) {
  const rel = relative(filesDir, from)
  const to = join(storefront, rel)
  const text = readFileSync(from, "utf8").replace(/__BUTTON_MODULE__/g, buttonModule)
  if (existsSync(to) && readFileSync(to, "utf8") === text) continue
  writes.push({ file: to, text, note: `${rel} (added)` })
}

/** Applies `edits` to a starter file unless `marker` shows they are there already. */
function edit(rel, marker, edits) {
  const file = join(storefront, rel)
  let text = readFileSync(file, "utf8")
  if (text.includes(marker)) return
  for (const [what, pattern, replacement] of edits) {
    if (!pattern.test(text)) fail(`${rel}: no place found for ${what}; apply it by hand as the README shows`)
    text = text.replace(pattern, replacement)
  }
  writes.push({ file, text, note: `${rel} (edited)` })
}

edit(starterFiles.constants, "pp_flexiti_flexiti", [
  [
    "the Flexiti entry of paymentInfoMap",
    /(\n([ \t]*)pp_system_default: \{[^}]*\},)/,
    `$1\n$2pp_flexiti_flexiti: {\n$2  title: "Flexiti financing",\n$2  icon: <CreditCard />,\n$2},`,
  ],
])

edit(starterFiles.payment, "@lib/flexiti", [
  [
    "the import of @lib/flexiti",
    /(import \{ initiatePaymentSession \} from "@lib\/data\/cart"\r?\n)/,
    `$1import { initiateFlexitiSession, isFlexiti } from "@lib/flexiti"\n`,
  ],
  [
    "the Flexiti session start in handleSubmit",
    /(\n([ \t]*))if \(!checkActiveSession\) \{(\s*)await initiatePaymentSession\(/,
    // Medusa's generic payment-session route refuses Flexiti; the plugin's route starts it.
    `$1if (isFlexiti(selectedPaymentMethod)) {$3if (!checkActiveSession) await initiateFlexitiSession(cart.id)$1} else if (!checkActiveSession) {$3await initiatePaymentSession(`,
  ],
])

edit(starterFiles.button, "@lib/flexiti", [
  [
    "the import of the Flexiti button",
    /(import \{ placeOrder \} from "@lib\/data\/cart"\r?\n)/,
    `$1import { isFlexiti } from "@lib/flexiti"\nimport FlexitiPaymentButton from "@modules/checkout/components/flexiti-payment-button"\n`,
  ],
  [
    "the Flexiti case of the payment button",
    /(\n([ \t]*)case isManual\(paymentSession\?\.provider_id\):)/,
    `\n$2case isFlexiti(paymentSession?.provider_id):\n$2  return <FlexitiPaymentButton cart={cart} notReady={notReady} data-testid={dataTestId} />$1`,
  ],
])

for (const { file, text } of writes) {
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, text)
}
console.log(
  writes.length ? `Flexiti added to ${storefront}:\n${writes.map((w) => `  ${w.note}`).join("\n")}` : `Flexiti is already in ${storefront}; nothing changed`
)
