import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminOrder, DetailWidgetProps } from "@medusajs/framework/types"
import { Badge, Container, Heading, Text } from "@medusajs/ui"
import { FLEXITI_PROVIDER_ID, FlexitiPaymentSummary, sumDollars } from "../lib/payment-data"

type OrderPayment = { id: string; provider_id: string; data?: Record<string, unknown> | null }

function flexitiPayments(order: AdminOrder): OrderPayment[] {
  const collections = (order.payment_collections ?? []) as { payments?: OrderPayment[] }[]
  return collections.flatMap((c) => c.payments ?? []).filter((p) => p.provider_id === FLEXITI_PROVIDER_ID)
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <div className="flex items-center justify-between py-1">
      <Text size="small" className="text-ui-fg-subtle">
        {label}
      </Text>
      <Text size="small">{value}</Text>
    </div>
  )
}

/** Flexiti financing details of an order: authorization, account, plan and amounts. */
const FlexitiOrderPaymentWidget = ({ data: order }: DetailWidgetProps<AdminOrder>) => {
  const payments = flexitiPayments(order)
  if (!payments.length) {
    return null
  }
  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">Flexiti financing</Heading>
      </div>
      {payments.map((payment) => {
        const d = (payment.data ?? {}) as FlexitiPaymentSummary
        const captured = sumDollars((d.captures ?? []).map((c) => c.amount))
        const refunded = sumDollars((d.refunds ?? []).map((r) => r.amount))
        return (
          <div key={payment.id} className="px-6 py-4">
            <div className="mb-2 flex items-center gap-2">
              <Text size="small" weight="plus">
                Authorization {d.authorization_id ?? "—"}
              </Text>
              {d.authorization_status && <Badge size="2xsmall">{d.authorization_status}</Badge>}
            </div>
            <Row label="Account" value={d.account_number_masked ?? "—"} />
            <Row label="Flow" value={d.flow === "hosted" ? "Online (hosted)" : "Widget"} />
            <Row
              label="Plan"
              value={d.transaction_type === "promotional_purchase" ? `Plan ${d.plan_id ?? "?"}, ${d.term ?? "?"} months` : "Revolving"}
            />
            <Row label="Authorized" value={`$${d.authorized_amount ?? "0.00"}`} />
            <Row label="Captured" value={`$${captured}`} />
            <Row label="Refunded" value={`$${refunded}`} />
            <Row label="Released" value={`$${d.released_amount ?? "0.00"}`} />
            <Row label="Reference id" value={d.reference_id ?? "—"} />
          </div>
        )
      })}
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "order.details.side.after",
})

export default FlexitiOrderPaymentWidget
