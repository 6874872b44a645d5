/** Shared pieces of the Settings → Flexiti page sections. */
import { Heading, Hint, Label, Select, Text } from "@medusajs/ui"
import type { FlexitiEnvironment } from "../../lib/flexiti-api"

export const ENVIRONMENT_LABELS: Record<FlexitiEnvironment, string> = {
  training: "Training",
  merchant_integration: "Merchant integration",
  production: "Production",
}

export const SETTINGS_KEY = ["flexiti", "settings"]
export const I18N_KEY = ["flexiti", "i18n"]

/** A Medusa UI Select of Flexiti environments, the active one marked when given. */
export function EnvironmentSelect({
  id,
  value,
  environments,
  active,
  disabled,
  onChange,
}: {
  id: string
  value: FlexitiEnvironment
  environments: FlexitiEnvironment[]
  active?: FlexitiEnvironment
  disabled?: boolean
  onChange: (environment: FlexitiEnvironment) => void
}) {
  return (
    <Select value={value} disabled={disabled} onValueChange={(v) => onChange(v as FlexitiEnvironment)}>
      <Select.Trigger id={id} data-testid={id} className="w-56">
        <Select.Value />
      </Select.Trigger>
      <Select.Content>
        {environments.map((env) => (
          <Select.Item key={env} value={env}>
            {ENVIRONMENT_LABELS[env]}
            {env === active ? " (active)" : ""}
          </Select.Item>
        ))}
      </Select.Content>
    </Select>
  )
}

export function Section({ title, children, description }: { title: string; description?: string; children: React.ReactNode }) {
  return (
    <div className="px-6 py-4">
      <Heading level="h2">{title}</Heading>
      {description && (
        <Text size="small" className="text-ui-fg-subtle mb-3">
          {description}
        </Text>
      )}
      <div className="mt-3 flex flex-col gap-3">{children}</div>
    </div>
  )
}

/** A labelled control with, under it, a hint or (in its place) the reason its value is refused. */
export function Field({
  label,
  htmlFor,
  children,
  hint,
  error,
}: {
  label: string
  htmlFor: string
  children: React.ReactNode
  hint?: React.ReactNode
  error?: string
}) {
  return (
    <div className="grid grid-cols-[200px_1fr] items-start gap-3">
      <Label htmlFor={htmlFor} size="small" className="pt-1.5">
        {label}
      </Label>
      <div className="flex flex-col gap-1">
        {children}
        {error ? (
          <Hint variant="error" id={`${htmlFor}-error`} data-testid={`${htmlFor}-error`}>
            {error}
          </Hint>
        ) : (
          hint && <Hint id={`${htmlFor}-hint`}>{hint}</Hint>
        )}
      </div>
    </div>
  )
}

/** Field names in a route's message replaced by the form's labels. */
function inFormWords(text: string, labels: Record<string, string>): string {
  return Object.entries(labels).reduce((t, [field, label]) => t.split(field).join(label), text)
}

/**
 * A route's refusal in the admin's words, split by field: "Invalid request: a: why; b: why"
 * gives each labelled field its reason (shown next to it); the rest is said once.
 */
export function splitRefusal(message: string, labels: Record<string, string>): { fields: Record<string, string>; rest: string | null } {
  const body = message.replace(/^Invalid (request|Flexiti settings|Flexiti credentials):\s*/i, "")
  const fields: Record<string, string> = {}
  const rest: string[] = []
  for (const part of body.split("; ")) {
    const match = /^([a-z_]+)(?:\.\d+)?: ([\s\S]*)$/.exec(part)
    if (match && labels[match[1]]) fields[match[1]] = inFormWords(match[2], labels)
    else rest.push(inFormWords(part, labels))
  }
  return { fields, rest: rest.length ? rest.join("; ") : null }
}
