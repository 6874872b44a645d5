import { Button, Input, Label, Switch, Text, toast } from "@medusajs/ui"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { useEffect, useState } from "react"
import { errorMessage, FlexitiSettings, flexitiApi, I18nSnapshot, SettingsView } from "../../lib/flexiti-api"
import { SETTINGS_KEY, selectClass, Section, Field } from "./layout"

export function SettingsSection({ view, i18n }: { view: SettingsView; i18n?: I18nSnapshot }) {
  const queryClient = useQueryClient()
  const [draft, setDraft] = useState<FlexitiSettings>(view.settings)
  const [origins, setOrigins] = useState(view.settings.storefront_origins.join("\n"))
  useEffect(() => {
    setDraft(view.settings)
    setOrigins(view.settings.storefront_origins.join("\n"))
  }, [view.settings])

  const save = useMutation({
    mutationFn: () => {
      const { active_environment: _env, storefront_origins: _o, ...rest } = draft
      return flexitiApi.saveSettings({
        ...rest,
        storefront_origins: origins
          .split(/[\s,]+/)
          .map((s) => s.trim())
          .filter(Boolean),
      })
    },
    onSuccess: (data) => {
      queryClient.setQueryData(SETTINGS_KEY, data)
      toast.success("Flexiti settings saved; they apply to the next checkout")
    },
    onError: (e) => toast.error(errorMessage(e)),
  })

  const synced = view.synced_provinces
  const provinceCodes = synced ?? view.provinces
  const en = i18n?.labels.en?.provinces ?? {}
  const fr = i18n?.labels.fr?.provinces ?? {}
  const toggleProvince = (code: string, on: boolean) =>
    setDraft((d) => ({
      ...d,
      allowed_provinces: on ? Array.from(new Set([...d.allowed_provinces, code])) : d.allowed_provinces.filter((p) => p !== code),
    }))

  return (
    <Section
      title="Checkout"
      description={
        view.pinned_by_provider_options.length
          ? `Set in medusa-config.ts and overriding these values: ${view.pinned_by_provider_options.join(", ")}.`
          : "Saved values apply to the next checkout, without a restart."
      }
    >
      <Field label="Flow" htmlFor="flexiti-flow">
        <select
          id="flexiti-flow"
          data-testid="flexiti-flow"
          className={selectClass}
          value={draft.flow}
          onChange={(e) => setDraft({ ...draft, flow: e.target.value as FlexitiSettings["flow"] })}
        >
          <option value="widget">Widget (POS API, modal)</option>
          <option value="hosted">Hosted (Online API, redirect)</option>
        </select>
      </Field>
      <Field label="Capture at checkout" htmlFor="flexiti-auto-capture">
        <div className="flex items-center gap-2">
          <Switch
            id="flexiti-auto-capture"
            data-testid="flexiti-auto-capture"
            checked={draft.auto_capture}
            onCheckedChange={(v) => setDraft({ ...draft, auto_capture: v })}
          />
          <Text size="small" className="text-ui-fg-subtle">
            {draft.auto_capture ? "Authorize and capture" : "Authorize only; capture from the order"}
          </Text>
        </div>
      </Field>
      <Field label="Default language" htmlFor="flexiti-default-lang">
        <select
          id="flexiti-default-lang"
          data-testid="flexiti-default-lang"
          className={selectClass}
          value={draft.default_lang}
          onChange={(e) => setDraft({ ...draft, default_lang: e.target.value as FlexitiSettings["default_lang"] })}
        >
          <option value="en">English</option>
          <option value="fr">Français</option>
        </select>
      </Field>
      <Field label="Minimum order (CAD)" htmlFor="flexiti-min-amount">
        <Input id="flexiti-min-amount" data-testid="flexiti-min-amount" value={draft.min_amount} onChange={(e) => setDraft({ ...draft, min_amount: e.target.value })} />
      </Field>
      <Field label="Maximum order (CAD)" htmlFor="flexiti-max-amount">
        <Input id="flexiti-max-amount" data-testid="flexiti-max-amount" value={draft.max_amount} onChange={(e) => setDraft({ ...draft, max_amount: e.target.value })} />
      </Field>
      <Field label="Storefront origins" htmlFor="flexiti-storefront-origins">
        <textarea
          id="flexiti-storefront-origins"
          data-testid="flexiti-storefront-origins"
          className={`${selectClass} h-16 w-full py-1`}
          placeholder="https://shop.example.ca (one per line; empty = the store CORS origins)"
          value={origins}
          onChange={(e) => setOrigins(e.target.value)}
        />
      </Field>
      <div>
        <Label size="small">Allowed provinces</Label>
        {!synced && (
          <Text size="small" className="text-ui-fg-subtle">
            Not synced with Flexiti yet: run "Sync now" to pick from Flexiti's list.
          </Text>
        )}
        <div className="mt-2 grid grid-cols-2 gap-1 md:grid-cols-3" data-testid="flexiti-allowed-provinces">
          {provinceCodes.map((code) => (
            <label key={code} className="flex items-center gap-2 txt-compact-small">
              <input
                type="checkbox"
                data-testid={`flexiti-province-${code}`}
                checked={draft.allowed_provinces.includes(code)}
                onChange={(e) => toggleProvince(code, e.target.checked)}
              />
              <span>
                {code}
                {en[code] ? ` · ${en[code]}` : ""}
                {fr[code] && fr[code] !== en[code] ? ` / ${fr[code]}` : ""}
              </span>
            </label>
          ))}
        </div>
      </div>
      <div>
        <Button size="small" data-testid="flexiti-save-settings" isLoading={save.isPending} onClick={() => save.mutate()}>
          Save settings
        </Button>
      </div>
    </Section>
  )
}
