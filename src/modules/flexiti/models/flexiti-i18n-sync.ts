import { model } from "@medusajs/framework/utils"
import { FLEXITI_CALL_OUTCOMES, FLEXITI_SCHEMA } from "../schema"
import { FLEXITI_ENVIRONMENTS } from "../../../lib/vocabulary"

const T = FLEXITI_SCHEMA.i18nSync
const C = T.columns

/** One i18n sync attempt: when, for which environment, outcome and label counts per language. */
const FlexitiI18nSync = model
  .define(
    { name: T.entity, tableName: T.table },
    {
      [C.id]: model.id({ prefix: T.prefix }).primaryKey(),
      [C.environment]: model.enum([...FLEXITI_ENVIRONMENTS]),
      [C.outcome]: model.enum([...FLEXITI_CALL_OUTCOMES]),
      [C.synced_at]: model.dateTime(),
      /** { en: { plan_ids: 7, provinces: 13, … }, fr: { … } } */
      [C.counts]: model.json().nullable(),
      [C.reference_id]: model.text().nullable(),
      [C.error_code]: model.text().nullable(),
      [C.message]: model.text().nullable(),
    }
  )
  .indexes([{ name: "IDX_flexiti_i18n_sync_environment", on: [C.environment], where: "deleted_at IS NULL" }])

export default FlexitiI18nSync
