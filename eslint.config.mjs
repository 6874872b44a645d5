// ESLint: correctness rules only (JavaScript's and typescript-eslint's recommended sets);
// formatting is Prettier's (.prettierrc), so eslint-config-prettier switches off every rule
// that would argue with it. Import directions are checked by `npm run check:arch`.
import js from "@eslint/js"
import prettier from "eslint-config-prettier"
import globals from "globals"
import tseslint from "typescript-eslint"

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/.medusa/**",
      "coverage/**",
      "artifacts/**",
      ".demo-data/**",
      "storefront-package/dist/**",
      // written by `medusa plugin:db:generate`
      "src/modules/flexiti/migrations/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "module",
      globals: { ...globals.node },
    },
    rules: {
      // `_name` marks a parameter or binding kept on purpose (a callback's position, a rest sibling)
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
  },
  {
    files: ["**/*.cjs", "jest.config.js", "jest.unit-no-sockets.js", "bench/**/*.js", "integration-tests/setup.js"],
    languageOptions: { sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["src/admin/**", "src/storefront/**", "demo/storefront/**"],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ["**/__tests__/**", "**/__fixtures__/**", "integration-tests/**", "jest.unit-no-sockets.js"],
    languageOptions: { globals: { ...globals.jest } },
  },
  {
    // These specs read the JSON answers of Medusa's, the plugin's and the sandbox's HTTP routes;
    // typing each answer here would be a second, unchecked copy of the route's response type.
    files: ["integration-tests/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  prettier
)
