import { model } from "@medusajs/framework/utils"
import { FLEXITI_MOVEMENT_KINDS, FLEXITI_MOVEMENT_STATES, FLEXITI_SCHEMA } from "../schema"

const T = FLEXITI_SCHEMA.movement
const C = T.columns

/** A capture, return or account refund sent to Flexiti, keyed by what it moves (movement-store.ts). */
const FlexitiMoneyMovement = model
  .define(
    { name: T.entity, tableName: T.table },
    {
      [C.id]: model.id({ prefix: T.prefix }).primaryKey(),
      [C.payment_session_id]: model.text(),
      [C.kind]: model.enum([...FLEXITI_MOVEMENT_KINDS]),
      [C.content_key]: model.text(),
      [C.state]: model.enum([...FLEXITI_MOVEMENT_STATES]),
      /** decimal dollars as text */
      [C.amount]: model.text(),
      [C.capture_id]: model.text().nullable(),
      [C.flexiti_id]: model.text().nullable(),
      [C.medusa_id]: model.text().nullable(),
    }
  )
  .indexes([
    { name: "IDX_flexiti_money_movement_content_key_unique", on: [C.content_key], unique: true, where: "deleted_at IS NULL" },
    { name: "IDX_flexiti_money_movement_payment_session_id", on: [C.payment_session_id], where: "deleted_at IS NULL" },
  ])

export default FlexitiMoneyMovement
