import { model } from "@medusajs/framework/utils"
import { FLEXITI_SCHEMA } from "../schema"

const T = FLEXITI_SCHEMA.moneyLock
const C = T.columns

/** One held money lock: its id is the lock's key, the holder a random token, the lease's end. */
const FlexitiMoneyLock = model.define(
  { name: T.entity, tableName: T.table },
  {
    [C.id]: model.id({ prefix: T.prefix }).primaryKey(),
    [C.holder]: model.text(),
    [C.expires_at]: model.dateTime(),
  }
)

export default FlexitiMoneyLock
