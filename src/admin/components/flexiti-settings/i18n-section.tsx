import { Badge, Button, Label, Text, toast } from "@medusajs/ui"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { errorMessage, FlexitiEnvironment, flexitiApi, I18nSnapshot } from "../../lib/flexiti-api"
import { SETTINGS_KEY, I18N_KEY, Section } from "./layout"

function LabelTable({ testId, en = {}, fr = {} }: { testId: string; en?: Record<string, string>; fr?: Record<string, string> }) {
  const codes = Array.from(new Set([...Object.keys(en), ...Object.keys(fr)])).sort((a, b) => a.localeCompare(b, "en", { numeric: true }))
  return (
    <table className="w-full txt-compact-small" data-testid={testId}>
      <thead>
        <tr className="text-ui-fg-subtle text-left">
          <th className="pr-2">Code</th>
          <th className="pr-2">English</th>
          <th>Français</th>
        </tr>
      </thead>
      <tbody>
        {codes.map((code) => (
          <tr key={code} data-code={code}>
            <td className="pr-2">{code}</td>
            <td className="pr-2">{en[code] ?? "—"}</td>
            <td>{fr[code] ?? "—"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export function I18nSection({ environment, i18n }: { environment: FlexitiEnvironment; i18n?: I18nSnapshot }) {
  const queryClient = useQueryClient()
  const sync = useMutation({
    mutationFn: () => flexitiApi.sync(environment),
    onSuccess: (r) => {
      queryClient.setQueryData([...I18N_KEY, environment], { i18n: r.i18n })
      queryClient.invalidateQueries({ queryKey: SETTINGS_KEY })
      if (r.ok) toast.success("Flexiti labels synced")
      else toast.error(`Sync failed: ${r.sync.error_code ?? ""} ${r.sync.message ?? ""}`)
    },
    onError: (e) => toast.error(errorMessage(e)),
  })
  const last = i18n?.last_sync
  return (
    <Section title="Plans and provinces" description="Flexiti's labels in English and French, refreshed daily at 04:00 and on demand.">
      <div className="flex items-center gap-3">
        <Button size="small" variant="secondary" data-testid="flexiti-sync" isLoading={sync.isPending} onClick={() => sync.mutate()}>
          Sync now
        </Button>
        <div data-testid="flexiti-sync-result" data-outcome={last?.outcome}>
          {last ? (
            <Text size="small">
              <Badge size="2xsmall" color={last.outcome === "success" ? "green" : "red"}>
                {last.outcome}
              </Badge>{" "}
              {new Date(last.synced_at).toLocaleString()}
              {last.counts?.en &&
                ` · ${last.counts.en.plan_ids} plans, ${last.counts.en.provinces} provinces, ${last.counts.en.transaction_types} transaction types, ${last.counts.en.disclosures} disclosures`}
              {last.outcome === "failure" && ` · ${last.error_code ?? ""} ${last.message ?? ""}`}
              {last.reference_id && ` · reference id ${last.reference_id}`}
            </Text>
          ) : (
            <Text size="small" className="text-ui-fg-subtle">
              Never synced
            </Text>
          )}
        </div>
      </div>
      <Label size="small">Plans</Label>
      <LabelTable testId="flexiti-plans" en={i18n?.labels.en?.plan_ids} fr={i18n?.labels.fr?.plan_ids} />
      <Label size="small">Provinces</Label>
      <LabelTable testId="flexiti-provinces" en={i18n?.labels.en?.provinces} fr={i18n?.labels.fr?.provinces} />
    </Section>
  )
}
