import { model } from "@medusajs/framework/utils"
import { FLEXITI_ENVIRONMENTS, FLEXITI_LANGS } from "../../../lib/vocabulary"
import { FLEXITI_SCHEMA } from "../schema"

const T = FLEXITI_SCHEMA.i18n
const C = T.columns

/**
 * Flexiti's i18n labels (plans, provinces, transaction types, disclosures) of one environment
 * in one language, as fetched by the `sync-flexiti-i18n` workflow. One row per (environment, lang).
 */
const FlexitiI18n = model
  .define(
    { name: T.entity, tableName: T.table },
    {
      [C.id]: model.id({ prefix: T.prefix }).primaryKey(),
      [C.environment]: model.enum([...FLEXITI_ENVIRONMENTS]),
      [C.lang]: model.enum([...FLEXITI_LANGS]),
      [C.plan_ids]: model.json().default({}),
      [C.provinces]: model.json().default({}),
      [C.transaction_types]: model.json().default({}),
      [C.disclosures]: model.json().default({}),
      [C.synced_at]: model.dateTime(),
    }
  )
  .indexes([
    {
      name: "IDX_flexiti_i18n_environment_lang_unique",
      on: [C.environment, C.lang],
      unique: true,
      where: "deleted_at IS NULL",
    },
  ])

export default FlexitiI18n
