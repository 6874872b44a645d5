#!/usr/bin/env node
/**
 * Packs both packages as `npm publish` would and checks the tarballs a merchant gets:
 *   medusa-payment-flexiti             (the backend plugin: server, admin, sandbox bin, storefront kit)
 *   medusa-payment-flexiti-storefront  (storefront-package/: the kit and `npx flexiti-nextjs`)
 * Every `exports`, `typesVersions` and `bin` target is inside, the kit's entry points and type
 * declarations are there, the LICENSE is MIT, no test, fixture or development file leaks in, and
 * the storefront package has no dependency besides its optional React peer. Then it type-checks
 * an import of every storefront entry point from the unpacked tarballs under TypeScript's
 * `moduleResolution` node, node16 and bundler.
 * Run after `npm run build`. `--out=<dir>` keeps the tarballs there (the starter test installs them).
 */
import { execFileSync } from "node:child_process"
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join, resolve } from "node:path"
import { fileURLToPath } from "node:url"

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..")
const outArg = process.argv.find((a) => a.startsWith("--out="))?.slice(6)
const out = outArg ? resolve(outArg) : mkdtempSync(join(tmpdir(), "flexiti-pack-"))
const npm = process.platform === "win32" ? "npm.cmd" : "npm"
const KIT_FILES = [
  "index.js",
  "index.mjs",
  "index.d.ts",
  "react.js",
  "react.mjs",
  "react.d.ts",
  "launcher.global.js",
  "checkout.d.ts",
  "launcher.d.ts",
  "store-api.d.ts",
  "i18n.d.ts",
  "messages.d.ts",
]

function check(dir, required) {
  const [packed] = JSON.parse(execFileSync(npm, ["pack", "--json", "--pack-destination", out], { cwd: dir, encoding: "utf8" }))
  const files = new Set(packed.files.map((f) => f.path))
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"))
  const problems = []
  const need = (path, why) => {
    const p = path.replace(/^\.\//, "")
    if (!files.has(p)) problems.push(`missing ${p} (${why})`)
  }
  const targets = (value) => (typeof value === "string" ? [value] : Object.values(value).flatMap(targets))
  for (const [subpath, target] of Object.entries(pkg.exports)) {
    for (const t of targets(target)) if (!t.includes("*")) need(t, `exports["${subpath}"]`)
  }
  for (const [subpath, paths] of Object.entries(pkg.typesVersions?.["*"] ?? {})) for (const t of paths) need(t, `typesVersions["${subpath}"]`)
  for (const [name, target] of Object.entries(pkg.bin ?? {})) need(target, `bin ${name}`)
  for (const [path, why] of required) need(path, why)
  need("LICENSE", "license file")
  need("README.md", "readme")
  if (pkg.license !== "MIT") problems.push(`package.json license is ${pkg.license}, not MIT`)
  if (files.has("LICENSE") && !/^MIT License/.test(readFileSync(join(dir, "LICENSE"), "utf8"))) problems.push("LICENSE is not the MIT license")
  for (const f of files) {
    if (/(^|\/)(__tests__|integration-tests|__fixtures__)\//.test(f) || /\.(spec|test)\.[cm]?[jt]sx?$/.test(f)) problems.push(`test file shipped: ${f}`)
    if (/(^|\/)(\.env(\..*)?|medusa-config\.[jt]s|jest\.config\.js|tsconfig[^/]*\.json)$/.test(f)) problems.push(`development file shipped: ${f}`)
    if (/^(demo|bench|scripts|src)\//.test(f)) problems.push(`development file shipped: ${f}`)
  }
  console.log(
    `${packed.filename}: ${packed.entryCount} files, ${(packed.size / 1024).toFixed(1)} KB packed, ${(packed.unpackedSize / 1024).toFixed(1)} KB unpacked`
  )
  return { pkg, problems: problems.map((p) => `${pkg.name}: ${p}`), tarball: join(out, packed.filename) }
}

const plugin = check(root, [
  ...KIT_FILES.map((f) => [`.medusa/server/src/storefront/${f}`, "storefront kit"]),
  [".medusa/server/src/providers/flexiti/index.js", "payment provider"],
  [".medusa/server/src/admin/index.mjs", "admin extension"],
])
const storefront = check(join(root, "storefront-package"), [
  ...KIT_FILES.map((f) => [`dist/${f}`, "storefront kit"]),
  ["nextjs/apply.mjs", "Next.js integration"],
  ["nextjs/files/src/lib/flexiti.ts", "Next.js integration"],
  ["nextjs/files/src/lib/data/flexiti.ts", "Next.js integration"],
  ["nextjs/files/src/modules/checkout/components/flexiti-payment-button/index.tsx", "Next.js integration"],
])
const problems = [...plugin.problems, ...storefront.problems]
// What a storefront installs is this package and nothing else (React is the storefront's own).
const sf = storefront.pkg
if (Object.keys(sf.dependencies ?? {}).length) problems.push(`${sf.name} has dependencies (${Object.keys(sf.dependencies)}); a storefront would install them`)
const peers = Object.keys(sf.peerDependencies ?? {})
if (peers.some((p) => p !== "react") || !sf.peerDependenciesMeta?.react?.optional)
  problems.push(`${sf.name} peers must be react only, optional (found ${peers})`)
if (sf.version !== plugin.pkg.version) problems.push(`versions differ: ${plugin.pkg.name} ${plugin.pkg.version}, ${sf.name} ${sf.version}`)

/** The storefront entry points, imported from the unpacked tarballs, under each moduleResolution. */
function typecheckImports() {
  const app = mkdtempSync(join(tmpdir(), "flexiti-types-"))
  try {
    for (const { pkg, tarball } of [plugin, storefront]) {
      const dir = join(app, "node_modules", pkg.name)
      mkdirSync(dir, { recursive: true })
      execFileSync("tar", ["xzf", tarball, "-C", dir, "--strip-components=1"])
    }
    for (const dep of ["react", "@types"]) symlinkSync(join(root, "node_modules", dep), join(app, "node_modules", dep), "dir")
    writeFileSync(
      join(app, "index.ts"),
      [
        'import { payWithFlexiti } from "medusa-payment-flexiti/storefront"',
        'import { useFlexitiCheckout } from "medusa-payment-flexiti/storefront/react"',
        'import { startFlexitiSession, type FlexitiPaymentSession } from "medusa-payment-flexiti-storefront"',
        'import { FlexitiButton } from "medusa-payment-flexiti-storefront/react"',
        "export const entries = [payWithFlexiti, useFlexitiCheckout, startFlexitiSession, FlexitiButton]",
        "export type Session = FlexitiPaymentSession",
        "// @ts-expect-error a typed option, not any",
        "payWithFlexiti({ cartId: 1 })",
        "",
      ].join("\n")
    )
    const tsc = join(root, "node_modules/typescript/bin/tsc")
    const failed = []
    for (const [resolution, module] of [
      ["node", "esnext"],
      ["node16", "node16"],
      ["bundler", "esnext"],
    ]) {
      const args = [
        tsc,
        "--noEmit",
        "--strict",
        "--skipLibCheck",
        "--lib",
        "es2020,dom",
        "--jsx",
        "react-jsx",
        "--module",
        module,
        "--moduleResolution",
        resolution,
        "index.ts",
      ]
      try {
        execFileSync(process.execPath, args, { cwd: app, encoding: "utf8" })
      } catch (e) {
        failed.push(`moduleResolution ${resolution}: ${e.stdout || e.message}`)
      }
    }
    return failed
  } finally {
    rmSync(app, { recursive: true, force: true })
  }
}
if (!problems.length) {
  problems.push(...typecheckImports())
  if (!problems.length) console.log("storefront entry points type-check under moduleResolution node, node16 and bundler")
}

if (!outArg) rmSync(out, { recursive: true, force: true })
if (problems.length) {
  console.error(problems.map((p) => `  - ${p}`).join("\n"))
  process.exit(1)
}
if (outArg) console.log(`tarballs: ${plugin.tarball} ${storefront.tarball}`)
