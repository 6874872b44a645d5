import { spawnSync } from "node:child_process"
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import path from "node:path"

// `npx flexiti-nextjs` against a minimal storefront with the anchors it edits (the full starter
// is exercised by integration-tests/starter). These files are written for the test.
const apply = path.resolve(__dirname, "../../../storefront-package/nextjs/apply.mjs")
const files: Record<string, string> = {
  "src/lib/config.ts": "export const sdk = {}\n",
  "src/lib/data/cart.ts": '"use server"\nexport async function placeOrder() {}\n',
  "src/lib/constants.tsx": [
    "export const paymentInfoMap = {",
    "  pp_system_default: {",
    '    title: "Manual",',
    "    icon: <CreditCard />,",
    "  },",
    "}",
    "",
  ].join("\n"),
  "src/modules/checkout/components/payment/index.tsx": [
    'import { initiatePaymentSession } from "@lib/data/cart"',
    "async function handleSubmit() {",
    "    if (!checkActiveSession) {",
    "      await initiatePaymentSession(cart, { provider_id: selectedPaymentMethod })",
    "    }",
    "}",
    "",
  ].join("\n"),
  "src/modules/checkout/components/payment-button/index.tsx": [
    'import { placeOrder } from "@lib/data/cart"',
    "switch (true) {",
    "    case isManual(paymentSession?.provider_id):",
    "      return null",
    "}",
    "",
  ].join("\n"),
}

function storefront(withUi: boolean) {
  const dir = mkdtempSync(path.join(tmpdir(), "flexiti-nextjs-"))
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    writeFileSync(path.join(dir, file), text)
  }
  if (withUi) {
    mkdirSync(path.join(dir, "src/modules/common/components/ui"), { recursive: true })
    writeFileSync(path.join(dir, "src/modules/common/components/ui/index.tsx"), "export const Button = () => null\n")
  }
  return dir
}
const run = (dir: string) => spawnSync(process.execPath, [apply, dir], { encoding: "utf8" })
const read = (dir: string, file: string) => readFileSync(path.join(dir, file), "utf8")

describe("npx flexiti-nextjs", () => {
  const dirs: string[] = []
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

  it("adds the three files, edits the three starter files, and changes nothing the second time", () => {
    const dir = storefront(true)
    dirs.push(dir)
    const first = run(dir)
    expect(first.status).toBe(0)
    expect(first.stdout).toContain("src/lib/data/flexiti.ts (added)")
    expect(first.stdout).toContain("src/modules/checkout/components/payment-button/index.tsx (edited)")
    expect(read(dir, "src/lib/constants.tsx")).toContain('pp_flexiti_flexiti: {\n    title: "Flexiti financing",')
    const payment = read(dir, "src/modules/checkout/components/payment/index.tsx")
    expect(payment).toContain('import { initiateFlexitiSession, isFlexiti } from "@lib/flexiti"')
    expect(payment).toContain(
      "    if (isFlexiti(selectedPaymentMethod)) {\n      if (!checkActiveSession) await initiateFlexitiSession(cart.id)\n    } else if (!checkActiveSession) {\n      await initiatePaymentSession("
    )
    const button = read(dir, "src/modules/checkout/components/payment-button/index.tsx")
    expect(button).toContain(
      "    case isFlexiti(paymentSession?.provider_id):\n      return <FlexitiPaymentButton cart={cart} notReady={notReady} data-testid={dataTestId} />\n    case isManual("
    )
    // the dtc-starter's own button component
    expect(read(dir, "src/modules/checkout/components/flexiti-payment-button/index.tsx")).toContain('import { Button } from "@modules/common/components/ui"')

    const before = Object.keys(files).map((f) => read(dir, f))
    const second = run(dir)
    expect(second.status).toBe(0)
    expect(second.stdout).toContain("nothing changed")
    expect(Object.keys(files).map((f) => read(dir, f))).toEqual(before)
  })

  it("uses @medusajs/ui's Button in the standalone starter (no local ui components)", () => {
    const dir = storefront(false)
    dirs.push(dir)
    expect(run(dir).status).toBe(0)
    expect(read(dir, "src/modules/checkout/components/flexiti-payment-button/index.tsx")).toContain('import { Button } from "@medusajs/ui"')
  })

  it("stops before writing anything and names the file when a starter file no longer has its anchor", () => {
    const dir = storefront(true)
    dirs.push(dir)
    writeFileSync(path.join(dir, "src/modules/checkout/components/payment-button/index.tsx"), "export default null\n")
    const result = run(dir)
    expect(result.status).toBe(1)
    expect(result.stderr).toContain("src/modules/checkout/components/payment-button/index.tsx: no place found for the import of the Flexiti button")
    expect(read(dir, "src/lib/constants.tsx")).toBe(files["src/lib/constants.tsx"])
    expect(() => read(dir, "src/lib/flexiti.ts")).toThrow()
  })

  it("refuses a folder that is not a Medusa Next.js starter storefront", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "flexiti-nextjs-"))
    dirs.push(dir)
    const result = run(dir)
    expect(result.status).toBe(1)
    expect(result.stderr).toContain("not a Medusa Next.js starter storefront")
  })
})
