import { model } from "@medusajs/framework/utils"
import { FLEXITI_ENVIRONMENTS, FLEXITI_FLOWS, FLEXITI_LANGS } from "../../../lib/vocabulary"
import { FLEXITI_SCHEMA, FLEXITI_SETTINGS_DEFAULTS as D } from "../schema"

const T = FLEXITI_SCHEMA.settings
const C = T.columns

/** The store's Flexiti settings: one row (find-or-create by the service; see constants). */
const FlexitiSettings = model.define(
  { name: T.entity, tableName: T.table },
  {
    [C.id]: model.id({ prefix: T.prefix }).primaryKey(),
    [C.active_environment]: model.enum([...FLEXITI_ENVIRONMENTS]).default(D.active_environment),
    [C.flow]: model.enum([...FLEXITI_FLOWS]).default(D.flow),
    [C.auto_capture]: model.boolean().default(D.auto_capture),
    [C.default_lang]: model.enum([...FLEXITI_LANGS]).default(D.default_lang),
    /** decimal dollars as text, e.g. "100.00" */
    [C.min_amount]: model.text().default(D.min_amount),
    [C.max_amount]: model.text().default(D.max_amount),
    [C.allowed_provinces]: model.json<string[]>().default([...D.allowed_provinces]),
    [C.storefront_origins]: model.json<string[]>().default([...D.storefront_origins]),
  }
)

export default FlexitiSettings
