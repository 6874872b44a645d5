const { loadEnv } = require("@medusajs/utils")
loadEnv("test", process.cwd())

// One config, six kinds of test chosen by TEST_TYPE (unset = all six).
const testMatchByType = {
  // no socket, no database: jest.unit-no-sockets.js fails a unit test that connects or listens
  unit: ["**/src/**/__tests__/**/*.unit.spec.[jt]s?(x)"],
  // one part of the plugin against the sandbox over loopback and/or a throwaway PostgreSQL
  // database, without Medusa's server
  "integration:src": ["**/src/**/__tests__/**/*.integration.spec.[jt]s?(x)"],
  "integration:http": ["**/integration-tests/http/**/*.spec.[jt]s"],
  browser: ["**/integration-tests/browser/**/*.spec.[jt]s"],
  // two Medusa servers and a worker on one database and Redis (README: Running on several instances)
  "integration:multi": ["**/integration-tests/multi-instance/**/*.spec.[jt]s"],
  // Medusa's dtc-starter with the packed packages (README: Install into a Medusa 2.21 store)
  starter: ["**/integration-tests/starter/**/*.spec.[jt]s"],
}

module.exports = {
  transform: {
    "^.+\\.[jt]sx?$": [
      "@swc/jest",
      {
        jsc: {
          parser: { syntax: "typescript", decorators: true, tsx: true },
          transform: { react: { runtime: "automatic" } },
        },
      },
    ],
  },
  testEnvironment: "node",
  moduleFileExtensions: ["js", "ts", "tsx", "json"],
  modulePathIgnorePatterns: ["dist/", "<rootDir>/.medusa/"],
  setupFiles: ["./integration-tests/setup.js"],
  setupFilesAfterEnv: ["./jest.unit-no-sockets.js"],
  testMatch: testMatchByType[process.env.TEST_TYPE] ?? [
    ...testMatchByType.unit,
    ...testMatchByType["integration:src"],
    ...testMatchByType["integration:http"],
    ...testMatchByType["integration:multi"],
    ...testMatchByType.browser,
    ...testMatchByType.starter,
  ],
}
