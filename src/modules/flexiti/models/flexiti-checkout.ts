import { model } from "@medusajs/framework/utils"
import { FLEXITI_ENVIRONMENTS, FLEXITI_FLOWS, FLEXITI_SCHEMA } from "../constants"

const T = FLEXITI_SCHEMA.checkout
const C = T.columns

/** Server-side state of one Flexiti payment session; never sent to the storefront. */
const FlexitiCheckout = model
  .define(
    { name: T.entity, tableName: T.table },
    {
      [C.id]: model.id({ prefix: T.prefix }).primaryKey(),
      [C.payment_session_id]: model.text(),
      [C.flow]: model.enum([...FLEXITI_FLOWS]),
      [C.environment]: model.enum([...FLEXITI_ENVIRONMENTS]),
      /** x-reference-id of the flow */
      [C.reference_id]: model.text(),
      [C.widget_session_id]: model.text().nullable(),
      /** encrypted JSON of the customer-scope token lineage snapshot */
      [C.customer_token_encrypted]: model.text().nullable(),
      /** the checked flx-success eventData */
      [C.widget_result]: model.json().nullable(),
      [C.online_order_id]: model.text().nullable(),
      [C.authorization_id]: model.text().nullable(),
    }
  )
  .indexes([
    {
      name: "IDX_flexiti_checkout_payment_session_id_unique",
      on: [C.payment_session_id],
      unique: true,
      where: "deleted_at IS NULL",
    },
  ])

export default FlexitiCheckout
