import { randomBytes } from "node:crypto"
import { knex as createKnex, Knex } from "@medusajs/framework/mikro-orm/knex"
import { Migration20261204174040 } from "../../src/modules/flexiti/migrations/Migration20261204174040"
import { pgRecords } from "../../src/payments"

jest.setTimeout(120 * 1000)

/**
 * The per-session money lock on a real PostgreSQL with Medusa's default pool of 10 connections
 * (README "Security and money safety"): waiting for or holding the lock keeps no connection, so a
 * rush of checkouts cannot starve the pool; one session's steps still never overlap.
 */
const connection = (database: string) => ({
  host: process.env.DB_HOST ?? "localhost",
  port: Number(process.env.DB_PORT ?? 5432),
  user: process.env.DB_USERNAME ?? "postgres",
  password: process.env.DB_PASSWORD ?? "",
  database,
})
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe("the money lock of a payment session (pgRecords(db).lock)", () => {
  const database = `flexiti_lock_${randomBytes(4).toString("hex")}`
  let admin: Knex
  let db: Knex

  beforeAll(async () => {
    admin = createKnex({ client: "pg", connection: connection("postgres") })
    await admin.raw(`create database "${database}"`)
    // Medusa's pool: knex's default of 10; a short acquire timeout makes a starved pool fail fast.
    db = createKnex({ client: "pg", connection: connection(database), pool: { min: 0, max: 10 }, acquireConnectionTimeout: 10_000 })
    const migration = new Migration20261204174040(undefined as never, undefined as never)
    await migration.up()
    for (const statement of migration.getQueries().map(String)) {
      if (/flexiti_money_lock/.test(statement)) await db.raw(statement)
    }
  })

  afterAll(async () => {
    await db?.destroy()
    await admin?.raw(`drop database if exists "${database}" with (force)`)
    await admin?.destroy()
  })

  it("50 payment steps at once, each using the database while it holds its lock, all finish on a pool of 10", async () => {
    const started = Date.now()
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        pgRecords(db).lock(`pay_sess_${i}`, async () => {
          // what a capture does while locked: read its records, wait for Flexiti, write the outcome
          await db.raw("select 1")
          await pause(100)
          await db.raw("select 2")
          return i
        })
      )
    )
    expect(results).toEqual(Array.from({ length: 50 }, (_, i) => i))
    expect(Date.now() - started).toBeLessThan(30_000)
    expect((await db("flexiti_money_lock").count({ n: "*" }))[0].n).toBe("0")
  })

  it("the steps of one session never overlap, even when 20 ask at once", async () => {
    let inside = 0
    let most = 0
    const order: number[] = []
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        pgRecords(db).lock("pay_sess_same", async () => {
          inside += 1
          most = Math.max(most, inside)
          await db.raw("select 1")
          await pause(5)
          order.push(i)
          inside -= 1
        })
      )
    )
    expect(most).toBe(1)
    expect(order.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i))
  })

  it("a lock whose holder died is taken over once its lease ran out, not before", async () => {
    await db("flexiti_money_lock").insert({ id: "flexiti-money:pay_sess_dead", holder: "crashed-instance", expires_at: db.raw("now() - interval '1 second'") })
    await expect(pgRecords(db).lock("pay_sess_dead", async () => "taken")).resolves.toBe("taken")

    await db("flexiti_money_lock").insert({ id: "flexiti-money:pay_sess_alive", holder: "other-instance", expires_at: db.raw("now() + interval '2 seconds'") })
    const started = Date.now()
    await pgRecords(db).lock("pay_sess_alive", async () => undefined)
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_500)
  })

  it("a step that throws gives the lock back", async () => {
    await expect(
      pgRecords(db).lock("pay_sess_throws", async () => {
        throw new Error("Flexiti answered 503")
      })
    ).rejects.toThrow("503")
    await expect(pgRecords(db).lock("pay_sess_throws", async () => "next")).resolves.toBe("next")
  })
})
