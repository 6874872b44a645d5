import { Button, Checkbox, Hint, Input, Label, Select, Switch, Text, Textarea, toast } from "@medusajs/ui"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { useEffect, useState } from "react"
import { errorMessage, FlexitiSettings, flexitiApi, I18nSnapshot, SettingsView } from "../../lib/flexiti-api"
import { checkDraft, draftOf, SETTINGS_LABELS, SettingsDraft, SettingsErrors } from "../../lib/settings-form"
import { Field, Section, SETTINGS_KEY, splitRefusal } from "./layout"

export function SettingsSection({ view, i18n }: { view: SettingsView; i18n?: I18nSnapshot }) {
  const queryClient = useQueryClient()
  const [draft, setDraft] = useState<SettingsDraft>(() => draftOf(view.settings))
  const [errors, setErrors] = useState<SettingsErrors>({})
  const [refusal, setRefusal] = useState<string | null>(null)
  useEffect(() => {
    setDraft(draftOf(view.settings))
    setErrors({})
  }, [view.settings])
  const edit = (changes: Partial<SettingsDraft>) => setDraft((d) => ({ ...d, ...changes }))

  const save = useMutation({
    mutationFn: (body: ReturnType<typeof checkDraft>["body"]) => flexitiApi.saveSettings(body),
    onSuccess: (data) => {
      setRefusal(null)
      queryClient.setQueryData(SETTINGS_KEY, data)
      toast.success("Flexiti settings saved; they apply to the next checkout")
    },
    onError: (e) => {
      const { fields, rest } = splitRefusal(errorMessage(e), SETTINGS_LABELS)
      const { storefront_origins: origins, ...others } = fields
      setErrors({ ...others, ...(origins ? { origins } : {}) })
      setRefusal(rest)
    },
  })
  const submit = () => {
    const { body, errors } = checkDraft(draft)
    setErrors(errors)
    setRefusal(null)
    if (Object.keys(errors).length === 0) save.mutate(body)
  }

  const synced = view.synced_provinces
  const provinceCodes = synced ?? view.provinces
  const en = i18n?.labels.en?.provinces ?? {}
  const fr = i18n?.labels.fr?.provinces ?? {}
  const toggleProvince = (code: string, on: boolean) =>
    edit({
      allowed_provinces: on ? Array.from(new Set([...draft.allowed_provinces, code])) : draft.allowed_provinces.filter((p) => p !== code),
    })

  return (
    <Section
      title="Checkout"
      description={
        view.pinned_by_provider_options.length
          ? `Set in medusa-config.ts and overriding these values: ${view.pinned_by_provider_options.join(", ")}.`
          : "Saved values apply to the next checkout, without a restart."
      }
    >
      <Field label={SETTINGS_LABELS.flow} htmlFor="flexiti-flow">
        <Select value={draft.flow} onValueChange={(v) => edit({ flow: v as FlexitiSettings["flow"] })}>
          <Select.Trigger id="flexiti-flow" data-testid="flexiti-flow">
            <Select.Value />
          </Select.Trigger>
          <Select.Content>
            <Select.Item value="widget">Widget (POS API, modal)</Select.Item>
            <Select.Item value="hosted">Hosted (Online API, redirect)</Select.Item>
          </Select.Content>
        </Select>
      </Field>
      <Field
        label={SETTINGS_LABELS.auto_capture}
        htmlFor="flexiti-auto-capture"
        hint={draft.auto_capture ? "Authorize and capture when the order is placed" : "Authorize only; capture from the order"}
      >
        <Switch id="flexiti-auto-capture" data-testid="flexiti-auto-capture" checked={draft.auto_capture} onCheckedChange={(v) => edit({ auto_capture: v })} />
      </Field>
      <Field label={SETTINGS_LABELS.default_lang} htmlFor="flexiti-default-lang">
        <Select value={draft.default_lang} onValueChange={(v) => edit({ default_lang: v as FlexitiSettings["default_lang"] })}>
          <Select.Trigger id="flexiti-default-lang" data-testid="flexiti-default-lang">
            <Select.Value />
          </Select.Trigger>
          <Select.Content>
            <Select.Item value="en">English</Select.Item>
            <Select.Item value="fr">Français</Select.Item>
          </Select.Content>
        </Select>
      </Field>
      {(["min_amount", "max_amount"] as const).map((field) => (
        <Field key={field} label={`${SETTINGS_LABELS[field]} (CAD)`} htmlFor={`flexiti-${field.replace("_", "-")}`} error={errors[field]}>
          <Input
            id={`flexiti-${field.replace("_", "-")}`}
            data-testid={`flexiti-${field.replace("_", "-")}`}
            inputMode="decimal"
            aria-invalid={!!errors[field]}
            value={draft[field]}
            onChange={(e) => edit({ [field]: e.target.value })}
          />
        </Field>
      ))}
      <Field
        label={SETTINGS_LABELS.storefront_origins}
        htmlFor="flexiti-storefront-origins"
        error={errors.origins}
        hint="One per line, e.g. https://shop.example.ca. Empty: the store CORS origins are used."
      >
        <Textarea
          id="flexiti-storefront-origins"
          data-testid="flexiti-storefront-origins"
          aria-invalid={!!errors.origins}
          rows={3}
          value={draft.origins}
          onChange={(e) => edit({ origins: e.target.value })}
        />
      </Field>
      <fieldset>
        <legend>
          <Label size="small">{SETTINGS_LABELS.allowed_provinces}</Label>
        </legend>
        {!synced && (
          <Text size="small" className="text-ui-fg-subtle">
            Not synced with Flexiti yet: run "Sync now" to pick from Flexiti's list.
          </Text>
        )}
        <div className="mt-2 grid grid-cols-2 gap-1 md:grid-cols-3" data-testid="flexiti-allowed-provinces">
          {provinceCodes.map((code) => (
            <div key={code} className="flex items-center gap-2">
              <Checkbox
                id={`flexiti-province-${code}`}
                data-testid={`flexiti-province-${code}`}
                checked={draft.allowed_provinces.includes(code)}
                onCheckedChange={(v) => toggleProvince(code, v === true)}
              />
              <Label htmlFor={`flexiti-province-${code}`} size="small" weight="regular">
                {code}
                {en[code] ? ` · ${en[code]}` : ""}
                {fr[code] && fr[code] !== en[code] ? ` / ${fr[code]}` : ""}
              </Label>
            </div>
          ))}
        </div>
        {errors.allowed_provinces && (
          <Hint variant="error" data-testid="flexiti-allowed-provinces-error">
            {errors.allowed_provinces}
          </Hint>
        )}
      </fieldset>
      <div className="flex flex-col gap-2">
        {refusal && (
          <Hint variant="error" data-testid="flexiti-settings-refusal" role="alert">
            Not saved: {refusal}
          </Hint>
        )}
        <div>
          <Button size="small" data-testid="flexiti-save-settings" isLoading={save.isPending} onClick={submit}>
            Save settings
          </Button>
        </div>
      </div>
    </Section>
  )
}
