/**
 * The soak's invariants, as a pure function of two ledgers: Flexiti's (the sandbox's
 * authorizations, control view) and Medusa's (payments with their captures and refunds).
 * Kept apart from the soak driver so a unit test can feed it a broken ledger and see it fail.
 * All money is compared in integer cents.
 */

/** dollars (number or numeric string) → integer cents */
function cents(value) {
  const n = Number(value ?? 0)
  if (!Number.isFinite(n)) throw new Error(`not an amount: ${value}`)
  return Math.round(n * 100)
}

const total = (list, pick = (x) => x.amount) => (list ?? []).reduce((sum, item) => sum + cents(pick(item)), 0)
const dollars = (c) => (c / 100).toFixed(2)

/**
 * @param {{ authorizations: object[], payments: object[], canceledOrderPayments?: string[] }} ledgers
 *   authorizations: `GET /__sandbox/authorizations` items (reference = Medusa payment session id);
 *   payments: Medusa payments `{ id, amount, payment_session_id, canceled_at, captured_at, captures: [{amount}], refunds: [{amount}] }`;
 *   canceledOrderPayments: ids of the payments whose order is cancelled.
 * @returns {{ figures: Record<string, number>, checks: { name: string, violations: string[] }[], ok: boolean }}
 */
function checkLedgers({ authorizations, payments, canceledOrderPayments = [] }) {
  const orderCanceled = new Set(canceledOrderPayments)
  const byReference = new Map()
  for (const auth of authorizations) {
    const key = auth.reference ?? `(no reference: authorization ${auth.authorization_id})`
    byReference.set(key, [...(byReference.get(key) ?? []), auth])
  }
  const paymentBySession = new Map(payments.map((p) => [p.payment_session_id, p]))

  const checks = {
    "no duplicate authorization per session": [],
    "every authorization linked to a payment or given back (lost = 0)": [],
    "no captured authorization without an order that was not returned": [],
    "no placed order whose authorization is released": [],
    "Flexiti: captured + released <= authorized": [],
    "Flexiti: returned + refunded <= captured (per capture)": [],
    "Medusa: captured <= authorized": [],
    "Medusa: refunded <= captured": [],
    "every Flexiti payment has its authorization": [],
    "captured total agrees to the cent": [],
    "refunded total agrees to the cent": [],
    "cancelled in Medusa = nothing left open at Flexiti": [],
    "captured in full in Medusa = nothing left open at Flexiti": [],
    "cancelled order = nothing left open at Flexiti": [],
    "cancelled order = everything captured given back": [],
  }
  const figures = { authorizations: authorizations.length, linked: 0, released_unpaid: 0, returned_unpaid: 0, lost: 0, duplicates: 0 }

  for (const [reference, list] of byReference) {
    if (list.length > 1) {
      figures.duplicates += list.length - 1
      checks["no duplicate authorization per session"].push(`${reference}: ${list.length} authorizations (${list.map((a) => a.authorization_id).join(", ")})`)
    }
    for (const auth of list) {
      const authorized = cents(auth.amount)
      const captured = total(auth.captures)
      const released = total(auth.releases)
      if (captured + released > authorized) {
        checks["Flexiti: captured + released <= authorized"].push(
          `authorization ${auth.authorization_id}: captured ${dollars(captured)} + released ${dollars(released)} > ${dollars(authorized)}`
        )
      }
      for (const capture of auth.captures ?? []) {
        const back = total(capture.returns) + total(capture.refunds)
        if (back > cents(capture.amount)) {
          checks["Flexiti: returned + refunded <= captured (per capture)"].push(
            `authorization ${auth.authorization_id} capture ${capture.capture_id}: ${dollars(back)} back of ${capture.amount}`
          )
        }
      }
      const back = (auth.captures ?? []).reduce((sum, c) => sum + total(c.returns) + total(c.refunds), 0)
      if (paymentBySession.has(auth.reference)) {
        figures.linked += 1
      } else if (captured === 0 && authorized - released === 0) {
        figures.released_unpaid += 1
      } else if (captured > 0 && back === captured && authorized - captured - released === 0) {
        figures.returned_unpaid += 1
      } else {
        figures.lost += 1
        checks["every authorization linked to a payment or given back (lost = 0)"].push(
          `authorization ${auth.authorization_id} (session ${reference}): no Medusa payment, captured ${dollars(captured)}, returned ${dollars(back)}, open ${dollars(authorized - captured - released)}`
        )
        if (captured > back) {
          checks["no captured authorization without an order that was not returned"].push(
            `authorization ${auth.authorization_id} (session ${reference}): ${dollars(captured - back)} captured with no order, not returned`
          )
        }
      }
    }
  }

  for (const payment of payments) {
    const authorized = cents(payment.amount)
    const captured = total(payment.captures)
    const refunded = total(payment.refunds)
    if (captured > authorized) checks["Medusa: captured <= authorized"].push(`payment ${payment.id}: captured ${dollars(captured)} of ${dollars(authorized)}`)
    if (refunded > captured)
      checks["Medusa: refunded <= captured"].push(`payment ${payment.id}: refunded ${dollars(refunded)} of ${dollars(captured)} captured`)
    const auths = byReference.get(payment.payment_session_id) ?? []
    if (auths.length === 0) {
      checks["every Flexiti payment has its authorization"].push(
        `payment ${payment.id} (session ${payment.payment_session_id}): Flexiti has no authorization for it`
      )
      continue
    }
    const flexitiCaptured = auths.reduce((sum, a) => sum + total(a.captures), 0)
    const flexitiBack = auths.reduce((sum, a) => sum + (a.captures ?? []).reduce((s, c) => s + total(c.returns) + total(c.refunds), 0), 0)
    const flexitiOpen = auths.reduce((sum, a) => sum + cents(a.amount) - total(a.captures) - total(a.releases), 0)
    if (flexitiCaptured !== captured) {
      checks["captured total agrees to the cent"].push(`payment ${payment.id}: Medusa ${dollars(captured)}, Flexiti ${dollars(flexitiCaptured)}`)
    }
    if (flexitiBack !== refunded) {
      checks["refunded total agrees to the cent"].push(`payment ${payment.id}: Medusa ${dollars(refunded)}, Flexiti ${dollars(flexitiBack)}`)
    }
    if (payment.canceled_at && flexitiOpen > 0) {
      checks["cancelled in Medusa = nothing left open at Flexiti"].push(
        `payment ${payment.id}: cancelled in Medusa, ${dollars(flexitiOpen)} still open at Flexiti`
      )
    }
    // Medusa sets captured_at once the payment is captured in full, and after "Release remaining"
    // following a partial capture (README "What Medusa's order page shows"): nothing can be
    // captured any more, so nothing may stay open at Flexiti.
    if (payment.captured_at && flexitiOpen > 0) {
      checks["captured in full in Medusa = nothing left open at Flexiti"].push(
        `payment ${payment.id}: captured in full in Medusa, ${dollars(flexitiOpen)} still open at Flexiti`
      )
    }
    if (orderCanceled.has(payment.id) && flexitiOpen > 0) {
      checks["cancelled order = nothing left open at Flexiti"].push(
        `payment ${payment.id}: its order is cancelled, ${dollars(flexitiOpen)} still open at Flexiti`
      )
    }
    if (orderCanceled.has(payment.id) && flexitiCaptured > flexitiBack) {
      checks["cancelled order = everything captured given back"].push(
        `payment ${payment.id}: its order is cancelled, Flexiti keeps ${dollars(flexitiCaptured - flexitiBack)} captured`
      )
    }
    // An order still open in Medusa (payment neither cancelled nor fully captured) keeps all of what remains.
    const flexitiReleased = auths.reduce((sum, a) => sum + total(a.releases), 0)
    if (!payment.canceled_at && !orderCanceled.has(payment.id) && captured < authorized && flexitiReleased > 0) {
      checks["no placed order whose authorization is released"].push(
        `payment ${payment.id}: open in Medusa (captured ${dollars(captured)} of ${dollars(authorized)}), ${dollars(flexitiReleased)} released at Flexiti`
      )
    }
  }

  const list = Object.entries(checks).map(([name, violations]) => ({ name, violations }))
  return { figures, checks: list, ok: list.every((c) => c.violations.length === 0) }
}

module.exports = { checkLedgers, cents }
