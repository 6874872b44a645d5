// Keeps `unit` honest: a *.unit.spec.* file that connects, listens or looks up a host name fails
// with the reason. Tests that need the sandbox over loopback or PostgreSQL are *.integration.spec.*
// (TEST_TYPE=integration:src in jest.config.js).
//
// node's core modules are shared by every test file a jest worker runs, so the originals are kept on
// the module itself: each file's setup first puts back whatever a previous file left patched (one
// whose afterAll never ran), then patches only if it is a unit test, and afterAll restores.
const net = require("node:net")
const dns = require("node:dns")

const KEPT = Symbol.for("medusa-payment-flexiti.unit-no-sockets")
const MESSAGE = "unit tests open no sockets: this file needs the sandbox or PostgreSQL, name it *.integration.spec.ts"

function restore() {
  const kept = net[KEPT]
  if (!kept) return
  net.Socket.prototype.connect = kept.connect
  net.Server.prototype.listen = kept.listen
  dns.lookup = kept.lookup
  dns.promises.lookup = kept.promisesLookup
  delete net[KEPT]
}

restore()

const testPath = expect.getState().testPath ?? ""
if (/\.unit\.spec\.[jt]sx?$/.test(testPath)) {
  // what was tried, reported after each test too: code under test may catch the thrown error
  // (a client that retries, a test expecting a network failure) and pass for the wrong reason
  const tried = []
  const refuse = (what) =>
    function () {
      const detail = what(...arguments)
      tried.push(detail)
      throw new Error(`${MESSAGE} (${detail})`)
    }
  const where = (args) => {
    const [first, second] = args
    if (first && typeof first === "object") return first.path ?? `${first.host ?? "localhost"}:${first.port ?? ""}`
    return second && typeof second === "string" ? `${second}:${first}` : String(first)
  }

  net[KEPT] = { connect: net.Socket.prototype.connect, listen: net.Server.prototype.listen, lookup: dns.lookup, promisesLookup: dns.promises.lookup }
  net.Socket.prototype.connect = refuse((...args) => `connect to ${where(Array.isArray(args[0]) ? args[0] : args)}`)
  net.Server.prototype.listen = refuse((...args) => `listen on ${where(args)}`)
  dns.lookup = refuse((host) => `DNS lookup of ${host}`)
  dns.promises.lookup = refuse((host) => `DNS lookup of ${host}`)

  const report = () => {
    if (tried.length === 0) return
    const list = tried.splice(0).join("; ")
    throw new Error(`${MESSAGE}\n  tried: ${list}`)
  }
  afterEach(report)
  afterAll(() => {
    restore()
    report()
  })
}
