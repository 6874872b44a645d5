/** Shared pieces of the Settings → Flexiti page sections. */
import { Heading, Label, Text } from "@medusajs/ui"
import type { FlexitiEnvironment } from "../../lib/flexiti-api"

export const ENVIRONMENT_LABELS: Record<FlexitiEnvironment, string> = {
  training: "Training",
  merchant_integration: "Merchant integration",
  production: "Production",
}

export const SETTINGS_KEY = ["flexiti", "settings"]
export const I18N_KEY = ["flexiti", "i18n"]

export const selectClass =
  "bg-ui-bg-field shadow-borders-base txt-compact-small h-8 rounded-md px-2 text-ui-fg-base outline-none focus:shadow-borders-interactive-with-active"

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

export function Field({ label, htmlFor, children }: { label: string; htmlFor: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[200px_1fr] items-center gap-3">
      <Label htmlFor={htmlFor} size="small">
        {label}
      </Label>
      <div>{children}</div>
    </div>
  )
}
