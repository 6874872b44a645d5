import { model } from "@medusajs/framework/utils"
import { FLEXITI_CALL_OUTCOMES, FLEXITI_SCHEMA } from "../schema"

const T = FLEXITI_SCHEMA.callLog
const C = T.columns

/** Audit trail of the calls made to Flexiti (no secrets or tokens in it). */
const FlexitiCallLog = model
  .define(
    { name: T.entity, tableName: T.table },
    {
      [C.id]: model.id({ prefix: T.prefix }).primaryKey(),
      [C.payment_id]: model.text().nullable(),
      [C.payment_session_id]: model.text().nullable(),
      /** authorize, capture, release, return, refund, token_test, … */
      [C.operation]: model.text(),
      [C.reference_id]: model.text(),
      [C.outcome]: model.enum([...FLEXITI_CALL_OUTCOMES]),
      [C.http_status]: model.number().nullable(),
      [C.error_code]: model.text().nullable(),
      /** decimal dollars as text */
      [C.amount]: model.text().nullable(),
      /** authorization / capture / return id */
      [C.flexiti_id]: model.text().nullable(),
      [C.message]: model.text().nullable(),
    }
  )
  .indexes([
    { name: "IDX_flexiti_call_log_payment_id", on: [C.payment_id], where: "deleted_at IS NULL" },
    {
      name: "IDX_flexiti_call_log_payment_session_id",
      on: [C.payment_session_id],
      where: "deleted_at IS NULL",
    },
  ])

export default FlexitiCallLog
