import { model } from "@medusajs/framework/utils"
import { FLEXITI_ENVIRONMENTS } from "../../../lib/vocabulary"
import { FLEXITI_SCHEMA } from "../schema"

const T = FLEXITI_SCHEMA.credential
const C = T.columns

/**
 * API credentials of one Flexiti environment. The client secret is only ever stored
 * encrypted (crypto.ts) and no part of it is kept in clear.
 *
 * Route code must expose credentials through `getCredentialStatus()` only, never through the
 * generated `listFlexitiCredentials` / `retrieveFlexitiCredential`.
 */
const FlexitiCredential = model
  .define(
    { name: T.entity, tableName: T.table },
    {
      [C.id]: model.id({ prefix: T.prefix }).primaryKey(),
      [C.environment]: model.enum([...FLEXITI_ENVIRONMENTS]),
      [C.client_id]: model.text(),
      [C.client_secret_encrypted]: model.text().nullable(),
      [C.secret_set_at]: model.dateTime().nullable(),
      [C.pos_base_url]: model.text().nullable(),
      [C.online_base_url]: model.text().nullable(),
    }
  )
  .indexes([
    {
      name: "IDX_flexiti_credential_environment_unique",
      on: [C.environment],
      unique: true,
      where: "deleted_at IS NULL",
    },
  ])

export default FlexitiCredential
