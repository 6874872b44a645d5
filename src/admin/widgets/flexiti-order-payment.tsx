import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminOrder, DetailWidgetProps } from "@medusajs/framework/types"
import { Badge, Button, Container, Heading, Input, Label, Text, toast, usePrompt } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useState } from "react"
import { errorMessage, flexitiApi, PaymentSummary, RefundResolution, toCents, UnansweredRefund } from "../lib/flexiti-api"
import { FLEXITI_PROVIDER_ID } from "../../lib/vocabulary"
import { dateTimeWords, flowWords, formatAmount, operationWords, refundKindWords, statusWords } from "../lib/panel-words"
import { sdk } from "../lib/sdk"

type OrderPayment = { id: string; provider_id: string; data?: Record<string, unknown> | null }

function flexitiPayments(order: AdminOrder): OrderPayment[] {
  const collections = (order.payment_collections ?? []) as { payments?: OrderPayment[] }[]
  return collections.flatMap((c) => c.payments ?? []).filter((p) => p.provider_id === FLEXITI_PROVIDER_ID)
}

function Row({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="flex items-center justify-between py-1">
      <Text size="small" className="text-ui-fg-subtle">
        {label}
      </Text>
      <Text size="small" data-testid={testId}>
        {value}
      </Text>
    </div>
  )
}

function planText(s: PaymentSummary): string {
  const f = s.flexiti
  if (f.transaction_type !== "promotional_purchase") return "Revolving"
  const label = f.plan_label?.en ? ` (${f.plan_label.en})` : ""
  return `Plan ${f.plan_id ?? "?"}${label}, ${f.term ?? "?"} months`
}

/** "12.50" → 12.5 for Medusa's API, from a validated 2-decimal string (cents, never float sums). */
function amountFromInput(value: string): number | null {
  const cents = toCents(value)
  return cents && cents > 0 ? cents / 100 : null
}

function PaymentPanel({ paymentId, orderId }: { paymentId: string; orderId: string }) {
  const queryClient = useQueryClient()
  const prompt = usePrompt()
  const key = ["flexiti", "payment", paymentId]
  const summary = useQuery({ queryKey: key, queryFn: () => flexitiApi.payment(paymentId) })
  const [captureAmount, setCaptureAmount] = useState("")
  const [refundAmount, setRefundAmount] = useState("")

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: key })
    // the order page's own queries (payment status, totals)
    await queryClient.invalidateQueries({ queryKey: ["orders"] })
    await queryClient.invalidateQueries({ predicate: (q) => JSON.stringify(q.queryKey).includes(orderId) })
  }

  const capture = useMutation({
    mutationFn: (amount: number) => sdk.admin.payment.capture(paymentId, { amount }),
    onSuccess: async () => {
      toast.success("Captured at Flexiti")
      setCaptureAmount("")
      await refresh()
    },
    onError: (e) => toast.error(errorMessage(e)),
  })
  const refund = useMutation({
    mutationFn: (amount: number) => sdk.admin.payment.refund(paymentId, { amount }),
    onSuccess: async () => {
      toast.success("Refunded at Flexiti")
      setRefundAmount("")
      await refresh()
    },
    onError: async (e) => {
      // Medusa may refuse a refund after it went through (README, "Two refunds of one order at
      // the same moment"): show the figures as they are now before the admin tries again.
      toast.error(`${errorMessage(e)}. Check the refunded amount below before trying again.`)
      await refresh()
    },
  })
  const resolveRefund = useMutation({
    mutationFn: (args: { piece: UnansweredRefund; outcome: RefundResolution }) =>
      flexitiApi.resolveRefund(paymentId, { movement_id: args.piece.id, outcome: args.outcome }),
    onSuccess: async (data) => {
      queryClient.setQueryData(key, { payment: data.payment })
      const medusa = data.resolved.medusa_refund
      if (medusa && !medusa.recorded) toast.warning(medusa.message)
      else toast.success(data.resolved.outcome === "done" ? "Recorded as refunded" : "Recorded as not refunded: the amount can be refunded again")
      await refresh()
    },
    onError: async (e) => {
      toast.error(errorMessage(e))
      await refresh()
    },
  })
  const release = useMutation({
    mutationFn: () => flexitiApi.release(paymentId),
    onSuccess: async (data) => {
      queryClient.setQueryData(key, data)
      toast.success("Remaining authorization released")
      await refresh()
    },
    onError: (e) => toast.error(errorMessage(e)),
  })

  if (summary.isLoading) {
    return (
      <div className="px-6 py-4">
        <Text size="small">Loading…</Text>
      </div>
    )
  }
  if (summary.isError || !summary.data) {
    return (
      <div className="px-6 py-4">
        <Text size="small" className="text-ui-fg-error">
          {errorMessage(summary.error)}
        </Text>
      </div>
    )
  }
  const s = summary.data.payment
  const a = s.amounts
  const refundable = (toCents(a.captured) ?? 0) - (toCents(a.returned) ?? 0) - (toCents(a.refunded) ?? 0)
  const money = (value: string | number | null) => formatAmount(value, s.currency_code)
  const canCapture = !s.medusa.canceled_at && !s.medusa.captured_at && (toCents(a.remaining) ?? 0) > 0

  const confirmThen = async (title: string, description: string, run: () => void) => {
    if (await prompt({ title, description, confirmText: "Confirm", cancelText: "Cancel" })) run()
  }

  const onCapture = () => {
    const amount = amountFromInput(captureAmount)
    if (amount === null) return toast.error("Enter an amount in dollars, e.g. 125.50")
    void confirmThen("Capture at Flexiti", `Capture ${money(amount.toFixed(2))} of the ${money(a.remaining)} remaining?`, () => capture.mutate(amount))
  }
  const onRefund = () => {
    const amount = amountFromInput(refundAmount)
    if (amount === null) return toast.error("Enter an amount in dollars, e.g. 125.50")
    void confirmThen("Refund at Flexiti", `Refund ${money(amount.toFixed(2))} to the shopper's Flexiti account?`, () => refund.mutate(amount))
  }
  const onResolve = (piece: UnansweredRefund, outcome: RefundResolution) =>
    void confirmThen(
      outcome === "done" ? "Refund done at Flexiti" : "Refund not done at Flexiti",
      outcome === "done"
        ? `Flexiti's merchant portal shows the ${refundKindWords(piece.kind).toLowerCase()} of ${money(piece.amount)} (reference ${piece.reference_id}) was applied? It will count as refunded, and Medusa records it as a refund.`
        : `Flexiti's merchant portal shows no ${refundKindWords(piece.kind).toLowerCase()} of ${money(piece.amount)} (reference ${piece.reference_id})? The ${money(piece.amount)} can then be refunded again; if Flexiti did apply it, refunding again pays the shopper twice.`,
      () => resolveRefund.mutate({ piece, outcome })
    )
  const unanswered = s.unanswered_refunds ?? []
  const onRelease = () =>
    void confirmThen(
      "Release the remaining authorization",
      (toCents(a.captured) ?? 0) > 0
        ? `Release ${money(a.remaining)}? Nothing more can be captured on this payment afterwards; Medusa records it as captured for the ${money(a.captured)} captured.`
        : `Release ${money(a.remaining)}? Nothing more can be captured on this payment afterwards; Medusa records it as canceled.`,
      () => release.mutate()
    )

  return (
    <div className="px-6 py-4" data-testid={`flexiti-payment-${s.id}`}>
      <div className="mb-2 flex items-center gap-2">
        <Text size="small" weight="plus">
          Authorization {s.flexiti.authorization_id ?? "—"}
        </Text>
        {s.flexiti.authorization_status && (
          <Badge size="2xsmall" data-testid="flexiti-authorization-status">
            {statusWords(s.flexiti.authorization_status)}
          </Badge>
        )}
        {(s.medusa.canceled_at || s.release.state === "released") && (
          <Badge size="2xsmall" data-testid="flexiti-released-badge">
            Released
          </Badge>
        )}
      </div>
      <Row label="Account" value={s.flexiti.account_number_masked ?? "—"} />
      <Row label="Flow" value={flowWords(s.flexiti.flow)} />
      <Row label="Plan" value={planText(s)} />
      <Row label="Authorized" value={money(a.authorized)} testId="flexiti-authorized-total" />
      <Row label="Captured" value={money(a.captured)} testId="flexiti-captured-total" />
      <Row label="Returned" value={money(a.returned)} testId="flexiti-returned-total" />
      <Row label="Refunded" value={money(a.refunded)} testId="flexiti-refunded-total" />
      <Row label="Released" value={money(a.released)} testId="flexiti-released-total" />
      <Row label="Remaining" value={money(a.remaining)} testId="flexiti-remaining-total" />
      <Row label="Reference id" value={s.flexiti.reference_id ?? "—"} />
      {s.figures.source === "recorded" && s.figures.note && (
        <Text size="small" className="text-ui-fg-subtle mt-1" data-testid="flexiti-figures-recorded">
          {s.figures.note}
        </Text>
      )}
      {s.release.state === "pending" && (
        <div className="mt-2" data-testid="flexiti-release-pending">
          <Badge size="2xsmall" color="orange">
            Release pending
          </Badge>
          <Text size="small" className="text-ui-fg-subtle mt-1">
            Flexiti has not confirmed the release yet; it is retried automatically (Settings → Flexiti → Reconcile now).
            {s.release.error ? ` Last error: ${s.release.error}` : ""}
          </Text>
        </div>
      )}

      {unanswered.length > 0 && (
        <div className="mt-3 flex flex-col gap-2 rounded-md border border-ui-border-base p-3" data-testid="flexiti-unanswered-refunds">
          <div>
            <Badge size="2xsmall" color="orange">
              {unanswered.length === 1 ? "Refund not confirmed" : `${unanswered.length} refunds not confirmed`}
            </Badge>
          </div>
          <Text size="small" className="text-ui-fg-subtle">
            Flexiti did not answer {unanswered.length === 1 ? "this refund" : "these refunds"}, and Flexiti cannot be asked about{" "}
            {unanswered.length === 1 ? "it" : "them"} afterwards. Find each in Flexiti&apos;s merchant portal by its reference id, then record what you found.
            Until then, refunds of this payment and cancelling the order are refused.
          </Text>
          {unanswered.map((u) => (
            <div key={u.id} className="flex flex-col gap-1" data-testid="flexiti-unanswered-refund" data-movement-id={u.id}>
              <Row label="Amount" value={money(u.amount)} testId="flexiti-unanswered-refund-amount" />
              <Row label="Kind" value={refundKindWords(u.kind)} />
              <Row label="Capture" value={u.capture_id ?? "—"} />
              <Row label="Sent" value={dateTimeWords(u.sent_at)} />
              <Row label="Reference id" value={u.reference_id} testId="flexiti-unanswered-refund-reference" />
              <div className="flex gap-2">
                <Button
                  size="small"
                  variant="secondary"
                  data-testid="flexiti-refund-done"
                  isLoading={resolveRefund.isPending && resolveRefund.variables?.piece.id === u.id && resolveRefund.variables?.outcome === "done"}
                  disabled={resolveRefund.isPending}
                  onClick={() => onResolve(u, "done")}
                >
                  Done at Flexiti
                </Button>
                <Button
                  size="small"
                  variant="secondary"
                  data-testid="flexiti-refund-not-done"
                  isLoading={resolveRefund.isPending && resolveRefund.variables?.piece.id === u.id && resolveRefund.variables?.outcome === "not_done"}
                  disabled={resolveRefund.isPending}
                  onClick={() => onResolve(u, "not_done")}
                >
                  Not done at Flexiti
                </Button>
              </div>
            </div>
          ))}
        </div>
      )}

      <div className="mt-3 flex flex-col gap-2">
        <div className="flex items-center gap-2">
          <Label htmlFor={`flexiti-capture-amount-${s.id}`} size="small" className="w-28 shrink-0">
            Capture ({s.currency_code.toUpperCase()})
          </Label>
          <Input
            id={`flexiti-capture-amount-${s.id}`}
            size="small"
            inputMode="decimal"
            placeholder={a.remaining}
            data-testid="flexiti-capture-amount"
            value={captureAmount}
            disabled={!canCapture}
            onChange={(e) => setCaptureAmount(e.target.value)}
          />
          <Button size="small" variant="secondary" data-testid="flexiti-capture" disabled={!canCapture} isLoading={capture.isPending} onClick={onCapture}>
            Capture
          </Button>
        </div>
        <div className="flex items-center gap-2">
          <Label htmlFor={`flexiti-refund-amount-${s.id}`} size="small" className="w-28 shrink-0">
            Refund ({s.currency_code.toUpperCase()})
          </Label>
          <Input
            id={`flexiti-refund-amount-${s.id}`}
            size="small"
            inputMode="decimal"
            placeholder={(refundable / 100).toFixed(2)}
            data-testid="flexiti-refund-amount"
            value={refundAmount}
            disabled={refundable <= 0 || unanswered.length > 0}
            onChange={(e) => setRefundAmount(e.target.value)}
          />
          <Button
            size="small"
            variant="secondary"
            data-testid="flexiti-refund"
            disabled={refundable <= 0 || unanswered.length > 0}
            isLoading={refund.isPending}
            onClick={onRefund}
          >
            Refund
          </Button>
        </div>
        <Button size="small" variant="danger" data-testid="flexiti-release" disabled={!s.can_release} isLoading={release.isPending} onClick={onRelease}>
          Release remaining {money(a.remaining)}
        </Button>
      </div>

      <div className="mt-4">
        <Text size="small" weight="plus">
          History
        </Text>
        <ul data-testid="flexiti-history" className="mt-1 flex flex-col gap-1">
          {s.history.length === 0 && (
            <Text size="small" className="text-ui-fg-subtle">
              No Flexiti call recorded.
            </Text>
          )}
          {s.history.map((h) => (
            <li key={h.id} data-operation={h.operation} data-outcome={h.outcome} className="txt-compact-xsmall">
              <Badge size="2xsmall" color={h.outcome === "success" ? "green" : "red"}>
                {operationWords(h.operation)}
              </Badge>{" "}
              {h.amount ? `${money(h.amount)} ` : ""}
              {h.outcome === "failure"
                ? `failed${h.http_status || h.error_code ? ` (Flexiti ${[h.http_status, h.error_code].filter(Boolean).join(" ")})` : ""} `
                : ""}
              <span className="text-ui-fg-subtle">
                {dateTimeWords(h.created_at)} · reference id {h.reference_id}
              </span>
              {h.message && <span className="text-ui-fg-subtle block">{h.message}</span>}
            </li>
          ))}
        </ul>
      </div>
    </div>
  )
}

/** Flexiti financing of an order: summary, capture / refund / release, and the call history. */
const FlexitiOrderPaymentWidget = ({ data: order }: DetailWidgetProps<AdminOrder>) => {
  const payments = flexitiPayments(order)
  if (!payments.length) {
    return null
  }
  return (
    <Container className="divide-y p-0" data-testid="flexiti-order-widget">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">Flexiti financing</Heading>
      </div>
      {payments.map((payment) => (
        <PaymentPanel key={payment.id} paymentId={payment.id} orderId={order.id} />
      ))}
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "order.details.side.after",
})

export default FlexitiOrderPaymentWidget
