import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { limitFlexitiSessionStarts } from "../rate-limits"

/** A store without Redis and without Flexiti provider options: the defaults are in force. */
const scope = {
  resolve(key: string) {
    if (key === ContainerRegistrationKeys.CONFIG_MODULE) return { projectConfig: {}, modules: {} }
    if (key === ContainerRegistrationKeys.LOGGER) return { warn: () => undefined }
    throw new Error(`not registered: ${key}`)
  },
}

/** One `POST /store/flexiti/payment-sessions` through the middleware, from the storefront server's address. */
async function start(cartId: string) {
  const req = { scope, body: { cart_id: cartId }, ip: "10.0.0.5", params: {}, headers: {} } as unknown as MedusaRequest
  const answer: { status?: number; retryAfter?: string; body?: { message: string }; passed: boolean } = { passed: false }
  const res = {
    setHeader: (name: string, value: string) => {
      if (name === "Retry-After") answer.retryAfter = value
    },
    status(code: number) {
      answer.status = code
      return { json: (body: { message: string }) => (answer.body = body) }
    },
  } as unknown as MedusaResponse
  await limitFlexitiSessionStarts(req, res, () => {
    answer.passed = true
  })
  return answer
}

describe("session starts behind a storefront server (every shopper from one address)", () => {
  it("600 Flexiti checkouts started within 10 minutes, on 600 carts, all pass", async () => {
    const answers = []
    for (let i = 0; i < 600; i++) answers.push(await start(`cart_busy_${i}`))
    expect(answers.filter((a) => !a.passed)).toEqual([])
  })

  it("one cart hammering the route is refused with 429 and Retry-After after its 10 starts", async () => {
    const answers = []
    for (let i = 0; i < 12; i++) answers.push(await start("cart_hammered"))
    expect(answers.map((a) => a.passed)).toEqual([...Array(10).fill(true), false, false])
    expect(answers[11]).toMatchObject({ status: 429, retryAfter: expect.stringMatching(/^[1-9]\d*$/) })
    expect(answers[11].body!.message).toMatch(/^Too many Flexiti checkouts started for this cart; try again in \d+ seconds\.$/)
  })
})
