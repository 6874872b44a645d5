/**
 * Which room of the plugin may import which (README, "Architecture"). `npm run check:arch` fails
 * on any import these rules forbid, type-only imports included.
 *
 * Layers, lowest first: `src/lib` (vocabulary, money, rules) and `src/flexiti` (the Flexiti HTTP
 * client, no Medusa) → `src/modules` (the plugin's tables) and `src/config` (the settings in
 * force) → `src/providers` → `src/api`, `src/workflows`, `src/jobs`. The admin UI and the
 * storefront kit are bundled for the browser; the sandbox stands alone.
 */

/**
 * Imports of provider internals from outside the provider, as they are today: each file listed may
 * keep importing exactly these provider files and no other. Remove an entry once its file goes
 * through a single entry point; never add one.
 */
const KNOWN_PROVIDER_IMPORTS = {
  "src/api/_lib/rate-limits.ts": ["src/providers/flexiti/session-data.ts"],
  "src/api/admin/flexiti/lib/payment-summary.ts": [
    "src/providers/flexiti/authorization-ledger.ts",
    "src/providers/flexiti/money-movements.ts",
    "src/providers/flexiti/types.ts",
  ],
  "src/api/admin/flexiti/lib/resolve-refund.ts": [
    "src/providers/flexiti/medusa-records.ts",
    "src/providers/flexiti/money-lock.ts",
    "src/providers/flexiti/money-movements.ts",
  ],
  "src/api/store/flexiti/financing-view.ts": ["src/providers/flexiti/financing.ts", "src/providers/flexiti/medusa-errors.ts"],
  "src/api/store/flexiti/payment-sessions/[id]/application/result/route.ts": [
    "src/providers/flexiti/application-flow.ts",
    "src/providers/flexiti/shopper-messages.ts",
  ],
  "src/api/store/flexiti/payment-sessions/[id]/application/route.ts": ["src/providers/flexiti/application-flow.ts"],
  "src/api/store/flexiti/payment-sessions/[id]/financing/route.ts": ["src/providers/flexiti/financing.ts"],
  "src/api/store/flexiti/payment-sessions/[id]/widget-result/route.ts": ["src/providers/flexiti/shopper-messages.ts", "src/providers/flexiti/types.ts"],
  "src/api/store/flexiti/sku-snapshot.ts": ["src/providers/flexiti/sku-data.ts"],
  "src/workflows/lib/reconciler.ts": [
    "src/providers/flexiti/hosted-flow.ts",
    "src/providers/flexiti/money-movements.ts",
    "src/providers/flexiti/release.ts",
    "src/providers/flexiti/widget-flow.ts",
  ],
}

const escapeRegExp = (path) => path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
const exactly = (paths) => `^(${paths.map(escapeRegExp).join("|")})$`
// Tests may drive the client against the sandbox, and the sandbox against Flexiti's documents.
const TESTS = "(^|/)(__tests__|__fixtures__)/"

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "A cycle makes two files one: neither can be read, tested or moved alone.",
      from: {},
      to: { circular: true },
    },
    {
      name: "lib-is-pure",
      severity: "error",
      comment: "src/lib holds vocabulary, money and rules: it imports no table, provider, route, workflow or setting.",
      from: { path: "^src/lib/" },
      to: { path: "^src/(modules|providers|api|workflows|jobs|config|admin|storefront|sandbox|uat)/" },
    },
    {
      name: "flexiti-client-stands-alone",
      severity: "error",
      comment: "src/flexiti is Flexiti's HTTP client: no Medusa package and none of the plugin's Medusa rooms.",
      from: { path: "^src/flexiti/", pathNot: TESTS },
      to: { path: ["^src/(modules|providers|api|workflows|jobs|config|admin|storefront|sandbox|uat)/", "(^|/)node_modules/@medusajs/"] },
    },
    {
      name: "sandbox-stands-alone",
      severity: "error",
      comment: "The sandbox plays Flexiti: it imports nothing of the plugin outside src/sandbox.",
      from: { path: "^src/sandbox/", pathNot: TESTS },
      to: { path: "^src/", pathNot: "^src/sandbox/" },
    },
    {
      name: "admin-not-workflows",
      severity: "error",
      comment: "The admin UI is a browser bundle: it talks to the admin routes, it does not import server workflows.",
      from: { path: "^src/admin/" },
      to: { path: "^src/workflows/" },
    },
    {
      name: "no-new-provider-internals",
      severity: "error",
      comment: "Outside src/providers, only the imports listed in KNOWN_PROVIDER_IMPORTS reach into the provider; the list only shrinks.",
      from: { path: "^src/", pathNot: ["^src/providers/", TESTS, exactly(Object.keys(KNOWN_PROVIDER_IMPORTS))] },
      to: { path: "^src/providers/" },
    },
    ...Object.entries(KNOWN_PROVIDER_IMPORTS).map(([from, targets]) => ({
      name: "no-new-provider-internals",
      severity: "error",
      comment: `${from} may keep only its listed provider imports.`,
      from: { path: exactly([from]) },
      to: { path: "^src/providers/", pathNot: exactly(targets) },
    })),
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: ["^src/admin/routes/.*\\.d\\.ts$", "(^|/)\\.medusa/"] },
    // type-only imports count: a type copied across a wrong-way arrow drifts as surely as code
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"] },
    reporterOptions: { text: { highlightFocused: true } },
  },
}
