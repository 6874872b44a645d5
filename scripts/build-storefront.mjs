#!/usr/bin/env node
/**
 * Builds the storefront kit (src/storefront) into .medusa/server/src/storefront:
 *   index.js (CJS) + index.mjs (ESM)      framework-free kit     → medusa-payment-flexiti/storefront
 *   react.js (CJS) + react.mjs (ESM)      React layer ("use client"; react external) → …/storefront/react
 *   launcher.global.js (IIFE, minified)   window.FlexitiKit for plain pages and the demo
 *   *.d.ts                                 from src/storefront/tsconfig.json (DOM lib)
 * and copies the same files to storefront-package/dist, the storefront-only package
 * (medusa-payment-flexiti-storefront: no Medusa backend packages in a storefront's install).
 * Run after `medusa plugin:build` (it empties .medusa/server). Flags: --no-types.
 */
import { build } from "esbuild"
import { execFileSync } from "node:child_process"
import { copyFileSync, cpSync, mkdirSync, rmSync } from "node:fs"
import { dirname, join, resolve } from "node:path"
import { fileURLToPath } from "node:url"

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..")
const src = join(root, "src/storefront")
const out = join(root, ".medusa/server/src/storefront")
mkdirSync(out, { recursive: true })

const external = ["react", "react-dom", "react/jsx-runtime"]
const common = { bundle: true, platform: "browser", target: "es2019", external, logLevel: "warning", legalComments: "none", jsx: "automatic" }

const builds = []
for (const [entry, name, banner] of [
  ["index.ts", "index", ""],
  ["react.tsx", "react", '"use client";'],
]) {
  builds.push(build({ ...common, entryPoints: [join(src, entry)], format: "cjs", outfile: join(out, `${name}.js`), banner: { js: banner } }))
  builds.push(build({ ...common, entryPoints: [join(src, entry)], format: "esm", outfile: join(out, `${name}.mjs`), banner: { js: banner } }))
}
builds.push(
  build({
    ...common,
    entryPoints: [join(src, "index.ts")],
    format: "iife",
    globalName: "FlexitiKit",
    minify: true,
    outfile: join(out, "launcher.global.js"),
  })
)
await Promise.all(builds)

if (!process.argv.includes("--no-types")) {
  const tsc = join(root, "node_modules/typescript/bin/tsc")
  execFileSync(process.execPath, [tsc, "-p", join(src, "tsconfig.json"), "--emitDeclarationOnly", "--outDir", out], { stdio: "inherit" })
}
const pkg = join(root, "storefront-package")
rmSync(join(pkg, "dist"), { recursive: true, force: true })
cpSync(out, join(pkg, "dist"), { recursive: true })
copyFileSync(join(root, "LICENSE"), join(pkg, "LICENSE"))
console.log(`storefront kit built in ${out} and ${join(pkg, "dist")}`)
