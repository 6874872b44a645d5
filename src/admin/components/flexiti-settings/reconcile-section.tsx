import { Badge, Button, Text, toast } from "@medusajs/ui"
import { useMutation } from "@tanstack/react-query"
import { errorMessage, flexitiApi, ReconcileReport } from "../../lib/flexiti-api"
import { Section } from "./layout"

/** Runs the reconciliation the scheduled job runs every 15 minutes, and shows what it did. */
export function ReconcileSection() {
  const run = useMutation({
    mutationFn: () => flexitiApi.reconcile(),
    onError: (e) => toast.error(errorMessage(e)),
  })
  const report: ReconcileReport | undefined = run.data?.reconcile
  return (
    <Section
      title="Reconcile"
      description="Retries releases Flexiti did not confirm, releases authorizations no order took after the grace period, returns money Flexiti captured with no order behind it, and flags payments Flexiti closed while Medusa shows them open. Runs every 15 minutes; what does not fit in one run's Flexiti call budget is done by the next."
    >
      <div className="flex items-center gap-3">
        <Button size="small" variant="secondary" data-testid="flexiti-reconcile" isLoading={run.isPending} onClick={() => run.mutate()}>
          Reconcile now
        </Button>
        {report && (
          <Text size="small" data-testid="flexiti-reconcile-result">
            {report.skipped ? (
              "Another reconciliation is running."
            ) : (
              <>
                <Badge size="2xsmall" color={report.flagged.length || report.errors.length ? "orange" : "green"}>
                  Done
                </Badge>{" "}
                orders awaiting Flexiti {report.reviews.length}, released {report.released.length}, returned {report.returned.length}, pending releases retried{" "}
                {report.pending_releases_retried.length}, recovered {report.recovered.length}, cancelled orders refunded{" "}
                {report.canceled_order_refunds.filter((r) => r.refunded).length}, flagged {report.flagged.length}, errors {report.errors.length}; Flexiti calls{" "}
                {report.flexiti_calls} of {report.call_budget}
                {report.deferred ? `, ${report.deferred} left for the next run` : ""}
              </>
            )}
          </Text>
        )}
      </div>
      {report?.returned.map((r) => (
        <Text key={r.payment_session_id} size="small" className="text-ui-fg-subtle" data-testid="flexiti-reconcile-returned">
          Returned ${r.amount} to the shopper: Flexiti had captured it for payment session {r.payment_session_id} (authorization {r.authorization_id}) and no
          order took it.
        </Text>
      ))}
      {report?.canceled_order_refunds.map((r) => (
        <Text key={r.payment_id} size="small" className={r.refunded ? "text-ui-fg-subtle" : "text-ui-fg-error"}>
          {r.refunded
            ? `Refunded $${r.amount} of payment ${r.payment_id}: its order was cancelled and Medusa's cancel could not record the refund.`
            : `Payment ${r.payment_id} of a cancelled order: $${r.amount} is not refunded yet (${r.error ?? "no answer"}); tried again next run.`}
        </Text>
      ))}
      {report?.flagged.map((f) => (
        <Text key={f.payment_id} size="small" className="text-ui-fg-subtle">
          Payment {f.payment_id}: {f.reason}
        </Text>
      ))}
      {report?.errors.map((e) => (
        <Text key={e.payment_session_id} size="small" className="text-ui-fg-error">
          {e.payment_session_id}: {e.message}
        </Text>
      ))}
    </Section>
  )
}
