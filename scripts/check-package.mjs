#!/usr/bin/env node
/**
 * Packs the package as `npm publish` would and checks the tarball a merchant gets: every
 * `exports`, `typesVersions` and `bin` target is inside, the storefront kit's entry points and
 * type declarations are there, the LICENSE is MIT, and no test, fixture or source map leaks in.
 * Run after `npm run build`. `--out=<dir>` keeps the tarball there (the starter test installs it).
 */
import { execFileSync } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join, resolve } from "node:path"
import { fileURLToPath } from "node:url"

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..")
const outArg = process.argv.find((a) => a.startsWith("--out="))?.slice(6)
const out = outArg ? resolve(outArg) : mkdtempSync(join(tmpdir(), "flexiti-pack-"))

const npm = process.platform === "win32" ? "npm.cmd" : "npm"
const [packed] = JSON.parse(execFileSync(npm, ["pack", "--json", "--pack-destination", out], { cwd: root, encoding: "utf8" }))
const files = new Set(packed.files.map((f) => f.path))
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"))
const problems = []
const need = (path, why) => {
  const p = path.replace(/^\.\//, "")
  if (!files.has(p)) problems.push(`missing ${p} (${why})`)
}

// Every target the package promises.
const targets = (value) => (typeof value === "string" ? [value] : Object.values(value).flatMap(targets))
for (const [subpath, target] of Object.entries(pkg.exports)) {
  for (const t of targets(target)) if (!t.includes("*")) need(t, `exports["${subpath}"]`)
}
for (const [subpath, paths] of Object.entries(pkg.typesVersions?.["*"] ?? {})) for (const t of paths) need(t, `typesVersions["${subpath}"]`)
for (const [name, target] of Object.entries(pkg.bin)) need(target, `bin ${name}`)

// What a store needs at run time: the provider, the admin bundle, the storefront kit with types.
const kit = ".medusa/server/src/storefront"
for (const f of ["index.js", "index.mjs", "index.d.ts", "react.js", "react.mjs", "react.d.ts", "launcher.global.js", "checkout.d.ts", "launcher.d.ts", "store-api.d.ts", "i18n.d.ts", "messages.d.ts"]) {
  need(`${kit}/${f}`, "storefront kit")
}
need(".medusa/server/src/providers/flexiti/index.js", "payment provider")
need(".medusa/server/src/admin/index.mjs", "admin extension")
need("LICENSE", "license file")
need("README.md", "readme")
if (files.has("LICENSE") && !/^MIT License/.test(readFileSync(join(root, "LICENSE"), "utf8"))) problems.push("LICENSE is not the MIT license")
if (pkg.license !== "MIT") problems.push(`package.json license is ${pkg.license}, not MIT`)

for (const f of files) {
  if (/(^|\/)(__tests__|integration-tests|__fixtures__)\//.test(f) || /\.(spec|test)\.[cm]?[jt]sx?$/.test(f)) problems.push(`test file shipped: ${f}`)
  if (/(^|\/)(\.env(\..*)?|medusa-config\.[jt]s|jest\.config\.js|tsconfig[^/]*\.json)$/.test(f) && !f.startsWith("storefront-nextjs/")) {
    problems.push(`development file shipped: ${f}`)
  }
  if (f.startsWith("demo/") || f.startsWith("bench/") || f.startsWith("scripts/")) problems.push(`development file shipped: ${f}`)
}

const tarball = join(out, packed.filename)
console.log(`${packed.filename}: ${packed.entryCount} files, ${(packed.size / 1024).toFixed(1)} KB packed, ${(packed.unpackedSize / 1024).toFixed(1)} KB unpacked`)
if (problems.length) {
  console.error(problems.map((p) => `  - ${p}`).join("\n"))
  process.exit(1)
}
if (outArg) console.log(`tarball: ${tarball}`)
else rmSync(out, { recursive: true, force: true })
