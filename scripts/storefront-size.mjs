#!/usr/bin/env node
/**
 * Prints the min+gzip size of the storefront launcher (src/storefront/launcher.ts and what it
 * imports, without React) and of the whole framework-free kit; exits non-zero when the launcher
 * is over its goal (4 KB, or --max=<bytes>).
 */
import { build } from "esbuild"
import { dirname, join, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import { gzipSync } from "node:zlib"

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..")
const max = Number(process.argv.find((a) => a.startsWith("--max="))?.slice(6) ?? 4096)

async function size(entry, globalName) {
  const result = await build({
    entryPoints: [join(root, "src/storefront", entry)],
    bundle: true,
    write: false,
    minify: true,
    format: "iife",
    globalName,
    platform: "browser",
    target: "es2019",
    external: ["react", "react-dom", "react/jsx-runtime"],
    legalComments: "none",
  })
  const code = result.outputFiles[0].contents
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length }
}

const launcher = await size("launcher.ts", "FlexitiLauncher")
const kit = await size("index.ts", "FlexitiKit")
const kb = (n) => `${(n / 1024).toFixed(2)} KB`
console.log(`launcher (openFlexitiModal): ${kb(launcher.min)} min, ${kb(launcher.gzip)} min+gzip (goal ≤ ${kb(max)})`)
console.log(`kit (launcher.global.js: launcher + checkout + store API + i18n): ${kb(kit.min)} min, ${kb(kit.gzip)} min+gzip`)
if (launcher.gzip > max) {
  console.error(`the launcher is ${launcher.gzip - max} bytes over its goal`)
  process.exit(1)
}
