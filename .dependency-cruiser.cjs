/**
 * Which room of the plugin may import which (docs/architecture.md). `npm run check:arch` fails
 * on any import these rules forbid, type-only imports included.
 *
 * Layers, lowest first: `src/lib` (vocabulary, money, rules) and `src/flexiti` (the Flexiti HTTP
 * client, no Medusa) → `src/modules` (the plugin's tables) and `src/config` (the settings in
 * force) → `src/payments` (the payments core, entered through its index.ts) → `src/providers`
 * (Medusa's adapter), `src/api`, `src/workflows`, `src/jobs`, `src/subscribers`. The admin UI
 * and the storefront kit are bundled for the browser; the sandbox stands alone. The routes'
 * answers are types defined once: the admin routes' in `src/api-types`, the store routes' in
 * `src/storefront/store-answers.ts` (inside the kit, whose .d.ts carry them).
 */

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
      comment: "src/lib holds vocabulary, money and rules: it imports no table, payment step, provider, route, workflow or setting.",
      from: { path: "^src/lib/" },
      to: { path: "^src/(modules|payments|providers|api|workflows|jobs|config|admin|storefront|sandbox|uat)/" },
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
      name: "provider-stands-alone",
      severity: "error",
      comment: "src/providers holds Medusa's adapter over the payments core: nothing else imports it.",
      from: { path: "^src/", pathNot: ["^src/providers/", TESTS] },
      to: { path: "^src/providers/" },
    },
    {
      name: "payments-through-its-index",
      severity: "error",
      comment: "Routes, workflows, jobs, subscribers and the provider reach the payments core through src/payments/index.ts only.",
      from: { path: "^src/", pathNot: ["^src/payments/", TESTS] },
      to: { path: "^src/payments/", pathNot: "^src/payments/index\\.ts$" },
    },
    {
      name: "payments-below-its-callers",
      severity: "error",
      comment:
        "The payments core is called by routes, workflows, jobs, subscribers and the provider; it imports none of them, nor a browser bundle or the sandbox.",
      from: { path: "^src/payments/", pathNot: TESTS },
      to: { path: "^src/(api|workflows|jobs|subscribers|providers|admin|storefront|sandbox)/" },
    },
    {
      name: "admin-answers-are-types-only",
      severity: "error",
      comment:
        "src/api-types holds the admin routes' answers as types, read by the server and by the admin bundle: it imports nothing but the vocabulary and the reconcile report's type.",
      from: { path: "^src/api-types/", pathNot: TESTS },
      to: { path: "^src/", pathNot: ["^src/api-types/", "^src/lib/vocabulary\\.ts$", "^src/lib/reconcile-report\\.ts$"] },
    },
    {
      name: "store-answers-are-types-only",
      severity: "error",
      comment: "src/storefront/store-answers.ts holds the store routes' answers as types, compiled into the server and the storefront kit: it imports nothing.",
      from: { path: "^src/storefront/store-answers\\.ts$" },
      to: {},
    },
    {
      name: "server-reads-the-storefront-answers-only",
      severity: "error",
      comment: "The server may type its store answers with src/storefront/store-answers.ts; the rest of the storefront kit is browser code.",
      from: { path: "^src/", pathNot: ["^src/storefront/", TESTS] },
      to: { path: "^src/storefront/", pathNot: "^src/storefront/store-answers\\.ts$" },
    },
    {
      name: "browser-bundles-read-answers-as-types",
      severity: "error",
      comment: "The admin UI and the storefront kit take the routes' answers as types only (import type), so no server code enters a browser bundle.",
      from: { path: "^src/(admin|storefront)/", pathNot: TESTS },
      to: { path: ["^src/api-types/", "^src/storefront/store-answers\\.ts$"], dependencyTypesNot: ["type-only"] },
    },
    {
      name: "stores-and-client-below-payments",
      severity: "error",
      comment: "The tables (src/modules), the Flexiti client (src/flexiti) and src/lib sit below the payments core and never call it.",
      from: { path: "^src/(modules|flexiti|lib)/", pathNot: TESTS },
      to: { path: "^src/payments/" },
    },
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
