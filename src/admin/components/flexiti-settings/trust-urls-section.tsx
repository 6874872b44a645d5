import { Badge, Text } from "@medusajs/ui"
import { SettingsView } from "../../lib/flexiti-api"
import { ENVIRONMENT_LABELS, Section } from "./layout"

export function TrustUrlsSection({ view }: { view: SettingsView }) {
  const t = view.trust_urls
  return (
    <Section
      title="Trust URLs"
      description={`Register these origins for ${ENVIRONMENT_LABELS[t.environment]} ${
        t.source === "settings" ? "(from the storefront origins above)" : "(from the store CORS origins: set storefront origins to override)"
      }. Flexiti requires https, no trailing slash, no path.`}
    >
      <ul data-testid="flexiti-trust-urls" className="flex flex-col gap-1">
        {t.origins.length === 0 && <Text size="small">No storefront origin configured.</Text>}
        {t.origins.map((o) => (
          <li key={o.url} className="flex items-center gap-2" data-ok={String(o.ok)}>
            <Badge size="2xsmall" color={o.ok ? "green" : "red"}>
              {o.ok ? "OK" : "Fix"}
            </Badge>
            <code className="txt-compact-small">{o.url}</code>
            {!o.ok && (
              <Text size="small" className="text-ui-fg-error">
                {o.reasons.join("; ")}
              </Text>
            )}
          </li>
        ))}
      </ul>
      <Text size="small">
        {t.portal_url ? (
          <a href={t.portal_url} target="_blank" rel="noreferrer" className="text-ui-fg-interactive" data-testid="flexiti-portal-link">
            Open Flexiti's developer portal ({ENVIRONMENT_LABELS[t.environment]})
          </a>
        ) : (
          "Production Trust URLs are registered by Flexiti's implementation team (implementation@flexiti.com)."
        )}
      </Text>
    </Section>
  )
}
