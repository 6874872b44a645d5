import { model } from "@medusajs/framework/utils"
import { FLEXITI_ENVIRONMENTS, FLEXITI_FLOWS } from "../../../lib/vocabulary"
import { FLEXITI_RELEASE_STATES, FLEXITI_SCHEMA } from "../schema"

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
      [C.cart_id]: model.text().nullable(),
      /** decimal dollars Medusa asked Flexiti to finance */
      [C.amount]: model.text().nullable(),
      /** encrypted Flexiti account number that passed the widget */
      [C.account_number_encrypted]: model.text().nullable(),
      [C.release_state]: model.enum([...FLEXITI_RELEASE_STATES]).nullable(),
      [C.release_error]: model.text().nullable(),
      [C.authorization_attempted_at]: model.dateTime().nullable(),
      [C.in_review_since]: model.dateTime().nullable(),
      /** the financing Flexiti offered this checkout (calculate-interest after the widget verified the account) */
      [C.financing_options]: model.json().nullable(),
      /** the shopper's choice among the offered financing */
      [C.financing_choice]: model.json().nullable(),
      /** the cart's lines and totals when the checkout started, for Flexiti's sku_data */
      [C.sku_data]: model.json().nullable(),
      /** when a completion last accepted the authorization for an order (Medusa writes its payment just after) */
      [C.accepted_at]: model.dateTime().nullable(),
      /** when the reconciler last compared this checkout's open Medusa payment with Flexiti (it pages placed orders by it) */
      [C.reconciled_at]: model.dateTime().nullable(),
      /** the signed checkout context this session was started from: each context starts one session */
      [C.context_nonce]: model.text().nullable(),
    }
  )
  .indexes([
    {
      name: "IDX_flexiti_checkout_payment_session_id_unique",
      on: [C.payment_session_id],
      unique: true,
      where: "deleted_at IS NULL",
    },
    {
      name: "IDX_flexiti_checkout_context_nonce_unique",
      on: [C.context_nonce],
      unique: true,
      where: "context_nonce IS NOT NULL AND deleted_at IS NULL",
    },
  ])

export default FlexitiCheckout
