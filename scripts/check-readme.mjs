#!/usr/bin/env node
/**
 * Checks that README.md and docs/*.md say what the code does, where a script can tell:
 * - routes: every `METHOD /store/flexiti/…` or `/admin/flexiti/…` they name is a route file
 *   (src/api/**\/route.ts) exporting that method, and README.md names every such route;
 * - configuration: README's table of defaults (rows "| `name` | `value` |") equals the code's
 *   defaults; every provider option of the schema and every FLEXITI_* variable src/ reads is named;
 * - numbers and names in the prose: schedules, waits, rate limits, lifetimes, versions, the demo's
 *   and the sandbox's ports, logins and clients, the TEST_TYPE values, the workflows, the
 *   storefront kit's exports, the numbering of docs/assumptions.md;
 * - launcher size: every "N KB min+gzip" stated for the launcher or the kit is within
 *   SIZE_TOLERANCE_KB of the size measured as scripts/storefront-size.mjs measures it;
 * - names: `npm run <script>` is a package.json script, `npx <bin>` a bin of one of the two
 *   packages, `FLEXITI_*` variables appear in the code, and paths of the repository exist;
 *   comments citing a README or docs/ section name a heading that exists;
 * - links: every relative link points to a file of the repository (and a heading when it has
 *   #anchor); no link or path points outside the repository.
 * Prints what it checked; exits 1 with one line per mismatch. Needs no build.
 */
import { build } from "esbuild"
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs"
import { dirname, join, relative, resolve, sep } from "node:path"
import { fileURLToPath } from "node:url"
import { gzipSync } from "node:zlib"

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..")
const SIZE_TOLERANCE_KB = 0.2
const problems = []
const said = (line) => console.log(line)
const problem = (line) => problems.push(line)
const read = (rel) => readFileSync(join(root, rel), "utf8")

const docFiles = [
  "README.md",
  ...readdirSync(join(root, "docs"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`),
]
const texts = Object.fromEntries(docFiles.map((f) => [f, read(f)]))

// ---------------------------------------------------------------- routes
function routeFiles(dir) {
  const out = []
  for (const name of readdirSync(dir)) {
    const full = join(dir, name)
    if (statSync(full).isDirectory()) out.push(...routeFiles(full))
    else if (name === "route.ts") out.push(full)
  }
  return out
}
const registered = new Set()
for (const file of [...routeFiles(join(root, "src/api/store")), ...routeFiles(join(root, "src/api/admin"))]) {
  const urlPath =
    "/" +
    relative(join(root, "src/api"), dirname(file))
      .split(sep)
      .map((s) => s.replace(/^\[(.+)\]$/, ":$1"))
      .join("/")
  const methods = [...read(relative(root, file)).matchAll(/export\s+(?:const|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1])
  for (const method of methods) registered.add(`${method} ${urlPath}`)
}
// "GET|POST /admin/flexiti/settings", "POST /store/flexiti/payment-sessions/:id/financing", "GET /store/flexiti/eligibility?cart_id="
const routeMention = /\b((?:GET|POST|PUT|PATCH|DELETE)(?:\|(?:GET|POST|PUT|PATCH|DELETE))*) (\/(?:store|admin)\/flexiti[\w/:.\-…]*)/g
const mentionedInReadme = new Set()
for (const [file, text] of Object.entries(texts)) {
  for (const m of text.matchAll(routeMention)) {
    const urlPath = m[2].replace(/[.…]+$/, "")
    for (const method of m[1].split("|")) {
      const route = `${method} ${urlPath}`
      if (!registered.has(route)) problem(`${file}: names the route "${route}", which no src/api/**/route.ts exports`)
      if (file === "README.md") mentionedInReadme.add(route)
    }
  }
}
for (const route of [...registered].sort()) {
  if (!mentionedInReadme.has(route)) problem(`README.md: does not list the route "${route}" (exported by src/api)`)
}
said(`routes: ${registered.size} registered under src/api/{store,admin}/flexiti, ${mentionedInReadme.size} listed in README.md`)

// ---------------------------------------------------------------- defaults
/** A constant's value in a source file, or a problem naming where it was looked for. */
function constant(rel, pattern, what) {
  const m = read(rel).match(pattern)
  if (!m) {
    problem(`scripts/check-readme.mjs: cannot find ${what} in ${rel}; update the pattern`)
    return undefined
  }
  return m[1]
    .replace(/_/g, "")
    .replace(/^"(.*)"$/, "$1")
    .replace(/ as \w+$/, "")
}
const settingsDefault = (key) =>
  constant("src/modules/flexiti/schema.ts", new RegExp(`FLEXITI_SETTINGS_DEFAULTS = \\{[^}]*?\\b${key}: ("[^"]*"|\\w+)`), `FLEXITI_SETTINGS_DEFAULTS.${key}`)
const codeDefaults = {
  environment: settingsDefault("active_environment"),
  flow: settingsDefault("flow"),
  auto_capture: settingsDefault("auto_capture"),
  default_lang: settingsDefault("default_lang"),
  min_amount: settingsDefault("min_amount"),
  max_amount: settingsDefault("max_amount"),
  timeout_ms: constant("src/flexiti/http.ts", /DEFAULT_HTTP_OPTIONS[^=]*=\s*\{[^}]*timeoutMs:\s*([\d_]+)/, "DEFAULT_HTTP_OPTIONS.timeoutMs"),
  release_unpaid_after_minutes: constant(
    "src/workflows/lib/reconciler.ts",
    /DEFAULT_RELEASE_UNPAID_AFTER_MINUTES = ([\d_]+)/,
    "DEFAULT_RELEASE_UNPAID_AFTER_MINUTES"
  ),
  reconcile_call_budget: constant("src/workflows/lib/reconciler.ts", /DEFAULT_RECONCILE_CALL_BUDGET = ([\d_]+)/, "DEFAULT_RECONCILE_CALL_BUDGET"),
  pending_orders: /pendingOrders: !!this\.options_\.pending_orders/.test(read("src/providers/flexiti/service.ts")) ? "false" : undefined,
  pending_order_deadline_hours: constant(
    "src/workflows/lib/reconciler.ts",
    /DEFAULT_PENDING_ORDER_DEADLINE_HOURS = ([\d_]+)/,
    "DEFAULT_PENDING_ORDER_DEADLINE_HOURS"
  ),
  flexiti_calls_per_minute: constant("src/config/flood-guard.ts", /DEFAULT_FLEXITI_CALLS_PER_MINUTE = ([\d_]+)/, "DEFAULT_FLEXITI_CALLS_PER_MINUTE"),
  limit_by_client_address: constant("src/config/flood-guard.ts", /limitByClientAddress:[^\n]*\?\? (true|false)/, "the default of limitByClientAddress"),
  FLEXITI_RATE_LIMIT_MULTIPLIER: constant(
    "src/config/flood-guard.ts",
    /env\.FLEXITI_RATE_LIMIT_MULTIPLIER \?\? ([\d.]+)/,
    "the default of FLEXITI_RATE_LIMIT_MULTIPLIER"
  ),
  FLEXITI_CALCULATOR_WAIT_MS: constant("src/api/store/flexiti/calculator/route.ts", /CALCULATOR_WAIT_MS = ([\d_]+)/, "CALCULATOR_WAIT_MS"),
}
if (codeDefaults.pending_orders === undefined)
  problem("scripts/check-readme.mjs: cannot tell pending_orders' default from src/providers/flexiti/service.ts; update the check")
const readmeDefaults = {}
for (const m of texts["README.md"].matchAll(/^\| `(\w+)` \| `([^`]*)` \|/gm)) readmeDefaults[m[1]] = m[2]
for (const [name, value] of Object.entries(codeDefaults)) {
  if (value === undefined) continue
  if (!(name in readmeDefaults)) problem(`README.md: the table of defaults has no row for \`${name}\` (the code's default is ${value})`)
  else if (readmeDefaults[name] !== value) problem(`README.md: states the default of \`${name}\` as ${readmeDefaults[name]}; the code's default is ${value}`)
}
for (const name of Object.keys(readmeDefaults)) {
  if (!(name in codeDefaults)) problem(`README.md: a row "| \`${name}\` | …" in a table of defaults, which this script does not know; add it to codeDefaults`)
}
said(`defaults: ${Object.keys(codeDefaults).length} read from the code, ${Object.keys(readmeDefaults).length} stated in README.md`)

const pkg0 = JSON.parse(read("package.json"))

// Every provider option the schema accepts is named in README's Configure section.
const schemaText = read("src/lib/config/provider-options.ts")
const optionNames = [...(schemaText.match(/providerOptionsSchema = z\s*\.object\(\{([\s\S]*?)\n {2}\}\)/)?.[1] ?? "").matchAll(/^ {4}(\w+):/gm)].map(
  (m) => m[1]
)
if (!optionNames.length) problem("scripts/check-readme.mjs: cannot read the option names of providerOptionsSchema in src/lib/config/provider-options.ts")
const configure = texts["README.md"].match(/^## Configure$[\s\S]*?(?=^## )/m)?.[0] ?? ""
for (const name of optionNames)
  if (!configure.includes(`\`${name}\``)) problem(`README.md: "Configure" does not name the provider option \`${name}\` (src/lib/config/provider-options.ts)`)
said(`options: ${optionNames.length} provider options in the schema, each named under "Configure"`)

// ---------------------------------------------------------------- numbers in the prose
// Each fact: where the text states it (one capture group per number, whitespace may wrap a
// line) and what the code says. A statement reworded away is reported, so a check is never
// dropped silently: reword the pattern here with it.
const num = (rel, pattern, what) => {
  const v = constant(rel, pattern, what)
  return v === undefined ? undefined : Number(v)
}
const limit = (name) => num("src/api/_lib/flood-guard.ts", new RegExp(`${name}: \\{ points: (\\d+)`), `FLEXITI_LIMITS.${name}`)
const cost = (name) => num("src/api/_lib/flood-guard.ts", new RegExp(`FLEXITI_CALL_COST = \\{[^}]*\\b${name}: (\\d+)`), `FLEXITI_CALL_COST.${name}`)
const cron = (rel, field) => {
  const m = read(rel).match(/schedule: "([^"]+)"/)
  if (!m) return problem(`scripts/check-readme.mjs: no schedule in ${rel}`)
  const f = m[1].split(" ")
  return field === "everyMinutes" ? Number(f[0].replace("*/", "")) : Number(f[1])
}
const assumptionNumbers = [...texts["docs/assumptions.md"].matchAll(/^(\d+)\. /gm)].map((m) => Number(m[1]))
assumptionNumbers.forEach((n, i) => {
  if (n !== i + 1) problem(`docs/assumptions.md: assumption ${n} stands where ${i + 1} should; the numbers are cited by the code and must run 1, 2, 3 …`)
})
const facts = [
  ["README.md", /every (\d+) minutes, once across instances/, [cron("src/jobs/reconcile-flexiti.ts", "everyMinutes")], "the reconciler's schedule"],
  ["README.md", /daily at (\d+):00/, [cron("src/jobs/sync-flexiti-i18n.ts", "hour")], "the i18n sync's hour"],
  [
    "README.md",
    /answer within (\d+) seconds/,
    [num("src/payments/steps/payment-summary.ts", /FLEXITI_READ_TIMEOUT_MS = (\d+)/, "FLEXITI_READ_TIMEOUT_MS") / 1000],
    "the order panel's wait for Flexiti",
  ],
  [
    "README.md",
    /launcher exceeds (\d+) KB/,
    [num("scripts/storefront-size.mjs", /\?\? (\d+)\)/, "the launcher's goal in bytes") / 1024],
    "the launcher's CI limit",
  ],
  ["README.md", /numbered 1 to (\d+)/, [assumptionNumbers.length], "the number of assumptions in docs/assumptions.md"],
  [
    "docs/security.md",
    /expire after (\d+) minutes/,
    [num("src/lib/checkout-context.ts", /CHECKOUT_CONTEXT_TTL_SECONDS = (\d+) \* 60/, "CHECKOUT_CONTEXT_TTL_SECONDS")],
    "the signed cart facts' lifetime",
  ],
  [
    "docs/security.md",
    /(\d+) checkouts started per cart and (\d+) per signed-in customer, (\d+) widget\s+results and (\d+) financing requests per payment session, (\d+) completions per Flexiti cart\s+\(`POST \/store\/carts\/:id\/complete`\) and (\d+) calls of/,
    ["startsPerCart", "startsPerCustomer", "resultsPerSession", "financingPerSession", "completesPerCart", "webhooksPerSession"].map(limit),
    "the per-shopper rate limits",
  ],
  ["docs/security.md", /`FLEXITI_CALLS_PER_MINUTE`, default (\d+)\)/, [Number(codeDefaults.flexiti_calls_per_minute)], "the store-wide budget"],
  [
    "docs/security.md",
    /\((\d+) to\s+start a checkout or record a result, (\d+) for financing, (\d+) to complete or for a notification\)/,
    [cost("start"), cost("financing"), cost("complete")],
    "the Flexiti calls each request is charged",
  ],
  [
    "docs/security.md",
    /own (five) times larger budget/,
    [num("src/api/_lib/flood-guard.ts", /LOOKUPS_PER_BUDGET = (\d+)/, "LOOKUPS_PER_BUDGET")],
    "the look-ups' budget factor",
  ],
  [
    "docs/security.md",
    /for (\d+) checkouts, (\d+)\s+results and (\d+) financing requests per address per 10 minutes and (\d+) look-ups a minute/,
    ["startsPerAddress", "resultsPerAddress", "financingPerAddress", "lookupsPerAddress"].map(limit),
    "the per-address rate limits",
  ],
  [
    "docs/store-routes.md",
    /cached (\d+) minutes per environment/,
    [num("src/api/store/flexiti/calculator/route.ts", /CALCULATOR_CACHE_TTL_MS = (\d+) \* 60 \* 1000/, "CALCULATOR_CACHE_TTL_MS")],
    "the calculator cache",
  ],
  [
    "docs/store-routes.md",
    /more than ([\d.]+) s \(`FLEXITI_CALCULATOR_WAIT_MS`\)/,
    [Number(codeDefaults.FLEXITI_CALCULATOR_WAIT_MS) / 1000],
    "the calculator's wait",
  ],
]
// Names and ports of the demo and the sandbox, as strings.
const str = (rel, pattern, what) => constant(rel, pattern, what)
facts.push(
  [
    "README.md",
    /sandbox on http:\/\/127\.0\.0\.1:(\d+), with a client `([\w-]+)`[^`]*`\.demo-data\/([\w.-]+)`/,
    [
      str("demo/run.mjs", /port\("SANDBOX_PORT", (\d+)\)/, "SANDBOX_PORT"),
      str("demo/run.mjs", /client_id: "([\w-]+)"/, "the demo's client id"),
      str("demo/run.mjs", /persisted\("([\w.-]+)", \(\) => randomBytes\(16\)/, "the demo's secret file"),
    ],
    "the demo's sandbox port, client and secret file",
  ],
  [
    "README.md",
    /admin on http:\/\/localhost:(\d+)\/app, login\s+`([^`]+)` \/ `([^`]+)`/,
    [
      str("demo/run.mjs", /port\("MEDUSA_PORT", (\d+)\)/, "MEDUSA_PORT"),
      str("demo/run.mjs", /ADMIN = \{ email: "([^"]+)"/, "the demo admin's email"),
      str("demo/run.mjs", /ADMIN = \{[^}]*password: "([^"]+)"/, "the demo admin's password"),
    ],
    "the demo's admin URL and login",
  ],
  [
    "README.md",
    /storefront page on http:\/\/localhost:(\d+)/,
    [str("demo/run.mjs", /port\("STOREFRONT_PORT", (\d+)\)/, "STOREFRONT_PORT")],
    "the demo storefront's port",
  ],
  [
    "README.md",
    /Its default client is `([\w-]+)` \/\s+`([\w-]+)`/,
    [
      str("src/sandbox/index.ts", /SANDBOX_DEFAULT_CLIENT[^=]*= \{\s*client_id: "([\w-]+)"/, "SANDBOX_DEFAULT_CLIENT.client_id"),
      str("src/sandbox/index.ts", /SANDBOX_DEFAULT_CLIENT[^=]*= \{[^}]*client_secret: "([\w-]+)"/, "SANDBOX_DEFAULT_CLIENT.client_secret"),
    ],
    "the standalone sandbox's default client",
  ],
  [
    "docs/sandbox.md",
    /`--port` \((\d+)\), `--host` \(([\d.]+)\)[\s\S]*?`--token-lifetime` in seconds \((\d+)\)/,
    ["port", "host", "token-lifetime"].map((o) =>
      str("src/sandbox/cli.ts", new RegExp(`"?${o}"?: \\{ type: "string", default: "([^"]+)"`), `the sandbox CLI's --${o}`)
    ),
    "the sandbox CLI's defaults",
  ]
)
facts.push(
  ["README.md", /Node\.js `([^`]+)`/, [pkg0.engines?.node], "the Node.js versions (package.json engines)"],
  [
    "README.md",
    /as Medusa ([\d.]+) requires/,
    [pkg0.dependencies?.["@medusajs/framework"] ?? pkg0.devDependencies?.["@medusajs/framework"]],
    "the Medusa version",
  ],
  [
    "README.md",
    /pinned to Medusa ([\d.]+)/,
    [pkg0.dependencies?.["@medusajs/framework"] ?? pkg0.devDependencies?.["@medusajs/framework"]],
    "the Medusa version of the starter test",
  ],
  [
    "docs/tests.md",
    /\(pnpm ([\d.]+) through npx\)/,
    [str("integration-tests/starter/dtc-starter.spec.ts", /PNPM = "pnpm@([\d.]+)"/, "the starter test's pnpm")],
    "the starter test's pnpm",
  ]
)
const words = { five: 5 }
for (const [file, pattern, expected, what] of facts) {
  const m = texts[file]?.match(pattern)
  if (!m) {
    problem(`${file}: no longer states ${what} as scripts/check-readme.mjs expects (${pattern.source.slice(0, 60)}…); update the fact there`)
    continue
  }
  const stated = m.slice(1).map((v) => words[v] ?? v)
  const same = (a, b) => (/^\d+(\.\d+)?$/.test(String(a)) && /^\d+(\.\d+)?$/.test(String(b)) ? Number(a) === Number(b) : String(a) === String(b))
  if (stated.some((v, i) => expected[i] !== undefined && !same(v, expected[i]))) {
    problem(`${file}: states ${what} as ${stated.join(", ")}; the code says ${expected.join(", ")}`)
  }
}
said(
  `numbers and names in the prose: ${facts.length} statements (schedules, waits, rate limits, lifetimes, demo and sandbox ports and logins, ${assumptionNumbers.length} assumptions) compared with the code`
)

// ---------------------------------------------------------------- launcher size
async function gzipKb(entry, globalName) {
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
    logLevel: "silent",
  })
  return gzipSync(result.outputFiles[0].contents, { level: 9 }).length / 1024
}
const measured = { launcher: await gzipKb("launcher.ts", "FlexitiLauncher"), kit: await gzipKb("index.ts", "FlexitiKit") }
let sizeStatements = 0
for (const [file, text] of Object.entries(texts)) {
  for (const m of text.matchAll(/(launcher|kit)\b[^.\n]{0,80}?\b(\d+(?:\.\d+)?) KB min\+gzip/gi)) {
    const which = m[1].toLowerCase() === "kit" ? "kit" : "launcher"
    sizeStatements++
    const stated = Number(m[2])
    if (Math.abs(stated - measured[which]) > SIZE_TOLERANCE_KB) {
      problem(`${file}: states the ${which} is ${stated} KB min+gzip; measured ${measured[which].toFixed(2)} KB (tolerance ${SIZE_TOLERANCE_KB} KB)`)
    }
  }
}
if (!/launcher[^.\n]{0,80}?\d+(?:\.\d+)? KB min\+gzip/i.test(texts["README.md"])) problem('README.md: states no launcher size ("… N KB min+gzip")')
said(
  `sizes: launcher ${measured.launcher.toFixed(2)} KB, kit ${measured.kit.toFixed(2)} KB min+gzip measured; ${sizeStatements} statements checked (±${SIZE_TOLERANCE_KB} KB)`
)

// ---------------------------------------------------------------- names
const pkg = JSON.parse(read("package.json"))
const storefrontPkg = JSON.parse(read("storefront-package/package.json"))
const bins = new Set([...Object.keys(pkg.bin ?? {}), ...Object.keys(storefrontPkg.bin ?? {})])
/** The code files (path → text) of the given folders. */
function sourceFiles(dirs) {
  const files = {}
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      if (name === "node_modules" || name.startsWith(".")) continue
      const full = join(dir, name)
      if (statSync(full).isDirectory()) walk(full)
      else if (/\.(ts|tsx|mjs|js|sh)$/.test(name)) files[relative(root, full)] = readFileSync(full, "utf8")
    }
  }
  for (const d of dirs) if (existsSync(join(root, d))) walk(join(root, d))
  return files
}
const codeFiles = {
  ...sourceFiles(["src", "scripts", "demo", "bench", "integration-tests", "storefront-package/nextjs"]),
  ".ci/run": read(".ci/run"),
  "jest.config.js": read("jest.config.js"),
}
delete codeFiles["scripts/check-readme.mjs"]
const code = Object.values(codeFiles).join("\n")
let names = 0
for (const [file, text] of Object.entries(texts)) {
  for (const m of text.matchAll(/\bnpm run (?:--silent )?([\w:-]+)/g)) {
    names++
    if (!pkg.scripts?.[m[1]]) problem(`${file}: "npm run ${m[1]}" is not a script of package.json`)
  }
  for (const m of text.matchAll(/\bnpx (flexiti-[\w-]+)/g)) {
    names++
    if (!bins.has(m[1])) problem(`${file}: "npx ${m[1]}" is not a bin of either package`)
  }
  for (const m of new Set([...text.matchAll(/\b(FLEXITI_[A-Z0-9_]+)/g)].map((x) => x[1]))) {
    names++
    // a variable the text itself sets for a command (e.g. a secret passed by name) is the reader's own
    const inCode = new RegExp(`\\b${m}\\b`).test(code)
    if (new RegExp(`\\b${m}=`).test(text) && !inCode) continue
    if (!inCode) problem(`${file}: names ${m}, which no code reads`)
  }
}
// The kinds of test README names equal jest.config.js's TEST_TYPE values.
const jestKinds = [...read("jest.config.js").matchAll(/^\s+"?([\w:]+)"?: \["\*\*\//gm)].map((m) => m[1]).sort()
const kindsLine = texts["README.md"].match(/`TEST_TYPE=(\w+)`((?:, `[\w:]+`)*) or `([\w:]+)` runs one kind/)
if (!kindsLine) problem('README.md: no longer lists the TEST_TYPE values ("`TEST_TYPE=unit`, … or `…` runs one kind"); update scripts/check-readme.mjs')
else {
  const readmeKinds = [kindsLine[1], ...[...kindsLine[2].matchAll(/`([\w:]+)`/g)].map((m) => m[1]), kindsLine[3]].sort()
  names += readmeKinds.length
  if (readmeKinds.join(" ") !== jestKinds.join(" "))
    problem(`README.md: names the TEST_TYPE values ${readmeKinds.join(", ")}; jest.config.js has ${jestKinds.join(", ")}`)
}
// The storefront kit's functions and components the text names are exported by the package's
// entry points (src/storefront/index.ts, react.tsx), so a storefront can import them.
const kitExports = new Set()
for (const entry of ["src/storefront/index.ts", "src/storefront/react.tsx"]) {
  const text = read(entry)
  for (const m of text.matchAll(/^export \{([^}]*)\}/gm))
    for (const n of m[1].split(","))
      kitExports.add(
        n
          .trim()
          .split(/\s+as\s+/)
          .pop()
      )
  for (const m of text.matchAll(/^export (?:async )?(?:function|const|class) (\w+)/gm)) kitExports.add(m[1])
}
const kitName =
  /`<?((?:payWithFlexiti|open|fetch|start|complete|parse|isTrusted|isInside|widget|choose|planOption|disclosure|eligibility|asLowAs|resume|useFlexiti|Flexiti)[A-Za-z]*)\b/g
const notKitExports = new Set(["choosePlan", "complete", "widget", "FlexitiKit", "FlexitiLauncher"])
let kitNames = 0
for (const file of ["docs/storefront-kit.md", "README.md"]) {
  const text = file === "README.md" ? (texts[file].match(/^### Storefront kit$[\s\S]*?(?=^#{1,3} )/m)?.[0] ?? "") : texts[file]
  for (const name of new Set([...text.matchAll(kitName)].map((m) => m[1]))) {
    if (notKitExports.has(name)) continue
    kitNames++
    if (!kitExports.has(name)) problem(`${file}: names the storefront kit's \`${name}\`, which src/storefront/index.ts and react.tsx do not export`)
  }
}
said(`storefront kit: ${kitNames} names checked against the exports of src/storefront/index.ts and react.tsx`)

// The workflows README says medusa-payment-flexiti/workflows exports are the ones src/workflows/index.ts exports.
const workflowFiles = [...read("src/workflows/index.ts").matchAll(/export \* from "\.\/([\w-]+)"/g)].map((m) => `src/workflows/${m[1]}.ts`)
const exportedWorkflows = workflowFiles.flatMap((f) => [...read(f).matchAll(/^export const (\w+Workflow) = /gm)].map((m) => m[1])).sort()
const namedWorkflows = [...new Set([...texts["README.md"].matchAll(/`(\w+Workflow)`/g)].map((m) => m[1]))].sort()
if (namedWorkflows.join(" ") !== exportedWorkflows.join(" ")) {
  problem(`README.md: names the workflows ${namedWorkflows.join(", ") || "(none)"}; src/workflows/index.ts exports ${exportedWorkflows.join(", ")}`)
}
said(`workflows: ${exportedWorkflows.length} exported, ${namedWorkflows.length} named in README.md`)

// Every FLEXITI_* variable the plugin reads is in README.
const readVariables = new Set()
for (const [where, text] of Object.entries(codeFiles)) {
  if (!where.startsWith("src/") || where.includes("__tests__")) continue
  for (const m of text.matchAll(/env(?:\.|\[")(FLEXITI_[A-Z0-9_]+)/g)) readVariables.add(m[1])
}
for (const v of [...readVariables].sort())
  if (!texts["README.md"].includes(`\`${v}\``)) problem(`README.md: does not name ${v}, which src/ reads from the environment`)
said(`variables: ${readVariables.size} FLEXITI_* variables read by src/, each named in README.md`)

// Comments citing a section ("README, "Admin"", "docs/sandbox.md, "How strict it is"") name a
// heading that exists there (a cited name may be the start of a longer heading).
const headingsOf = (text) => [...text.replace(/```[\s\S]*?```/g, "").matchAll(/^#{1,6} (.+)$/gm)].map((m) => m[1].replace(/`/g, "").trim())
let citations = 0
for (const [where, text] of Object.entries(codeFiles)) {
  const flat = text.replace(/\n\s*(?:\*|\/\/|#)\s*/g, " ")
  for (const m of flat.matchAll(/\b(README|docs\/[\w-]+\.md)(?:'s)?[,:]? \(?"([^"]{3,80})"/g)) {
    const file = m[1] === "README" ? "README.md" : m[1]
    const cited = m[2].replace(/`/g, "").trim()
    citations++
    if (!texts[file]) problem(`${where}: a comment cites ${m[1]} "${cited}", but ${file} does not exist`)
    else if (!headingsOf(texts[file]).some((h) => h === cited || h.startsWith(cited)))
      problem(`${where}: a comment cites ${m[1]} "${cited}", which is no heading of ${file}`)
  }
}
said(`citations: ${citations} comments citing a section of README.md or docs/ checked against their headings`)
said(`names: ${names} npm scripts, bins and FLEXITI_* variables checked`)

// ---------------------------------------------------------------- paths and links
/** GitHub's anchor of a heading. */
const slug = (heading) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, "")
    .replace(/ /g, "-")
function anchorsOf(text) {
  const seen = new Map()
  const anchors = new Set()
  for (const m of text.replace(/```[\s\S]*?```/g, "").matchAll(/^#{1,6} (.+)$/gm)) {
    const base = slug(m[1])
    const n = seen.get(base) ?? 0
    seen.set(base, n + 1)
    anchors.add(n ? `${base}-${n}` : base)
  }
  return anchors
}
const inRepo = (abs) => abs === root || abs.startsWith(root + sep)
// Paths of the repository named in backticks, e.g. `integration-tests/http/money-safety.spec.ts`
// or, in the architecture tables, `providers/flexiti/release.ts` (under src/).
const repoTop = /^(?:src|integration-tests|scripts|bench|demo|docs|storefront-package|\.ci)\//
const srcTop = /^(?:api|payments|providers|modules|lib|workflows|jobs|admin|flexiti|storefront|sandbox|uat)\//
// The Next.js starter's own files, which `npx flexiti-nextjs` edits or adds: not paths of this repository.
const starterSection = /^### Storefront: Medusa's Next\.js starter$[\s\S]*?(?=^#{1,3} )/m
let links = 0
let paths = 0
for (const [file, text] of Object.entries(texts)) {
  const prose = text.replace(starterSection, "")
  for (const m of text.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)|<img[^>]+src="([^"]+)"/g)) {
    const target = m[1] ?? m[2]
    links++
    if (/^(https?:|mailto:)/.test(target)) continue
    if (/^[a-z]+:/i.test(target) || target.startsWith("/")) {
      problem(`${file}: links to ${target}, outside the repository`)
      continue
    }
    const [pathPart, anchor] = target.split("#")
    const abs = pathPart ? resolve(root, dirname(file), decodeURI(pathPart)) : join(root, file)
    if (!inRepo(abs)) problem(`${file}: links to ${target}, outside the repository`)
    else if (!existsSync(abs)) problem(`${file}: links to ${target}, which does not exist`)
    else if (anchor && abs.endsWith(".md") && !anchorsOf(readFileSync(abs, "utf8")).has(anchor)) {
      problem(`${file}: links to ${target}, but ${relative(root, abs)} has no heading with the anchor #${anchor}`)
    }
  }
  for (const m of prose.matchAll(/`([^`\s]+)`/g)) {
    const token = m[1].replace(/[:,;.]+$/, "")
    if (/(^|[\s"'(=])\.\.\//.test(token) || /^\/(work|home|tmp|Users)\//.test(token)) {
      problem(`${file}: names the path ${token}, outside the repository`)
      continue
    }
    if (!/^[\w.\-[\]]+(\/[\w.\-[\]]+)*\/?$/.test(token) || !token.includes("/")) continue
    if (!(repoTop.test(token) || srcTop.test(token))) continue
    if (!/\.\w+$|\/$/.test(token)) continue
    paths++
    const candidates = [join(root, token), join(root, "src", token), join(root, "storefront-package/nextjs/files", token)]
    if (!candidates.some((c) => existsSync(c))) problem(`${file}: names the path ${token}, which is not in the repository`)
  }
}
said(`links and paths: ${links} links and ${paths} repository paths in ${docFiles.join(", ")}`)

if (problems.length) {
  console.error(`\ncheck-readme: ${problems.length} statement(s) the code does not bear out:`)
  for (const p of problems) console.error(`  - ${p}`)
  process.exit(1)
}
console.log("check-readme: README.md and docs/ agree with the code")
