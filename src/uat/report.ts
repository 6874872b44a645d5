import { CaseStatus, UatReport } from "./runner"

const MARK: Record<CaseStatus, string> = { observed: "OBSERVED", failed: "FAILED", manual: "MANUAL" }

function summary(report: UatReport): string {
  const count = (status: CaseStatus) => report.cases.filter((c) => c.status === status).length
  return `${count("observed")} observed, ${count("failed")} failed, ${count("manual")} manual; ${report.checklist.length} checklist items to sign`
}

/** The case's x-reference-ids, which Flexiti's support asks for when a call is questioned. */
const referenceIds = (ids: string[]) => (ids.length > 0 ? ids.join(", ") : "-")

export function renderMarkdown(report: UatReport): string {
  const lines = [
    "# Flexiti go-live test plan (Online Channel): report",
    "",
    `- Environment: ${report.environment}`,
    `- Client ID: ${report.clientId}`,
    `- POS API: ${report.posUrl}`,
    `- Online API: ${report.onlineUrl ?? "not configured"}`,
    `- Run: ${report.startedAt} to ${report.finishedAt}`,
    `- Result: **${report.ok ? "all automated cases passed" : "some automated cases FAILED"}** (${summary(report)})`,
    "",
    "## Automated cases",
    "",
    "| Case | Test plan requirement | Result | x-reference-id |",
    "|---|---|---|---|",
    ...report.cases.map((c) => `| ${c.title} | ${c.requirement} | ${MARK[c.status]} | ${referenceIds(c.referenceIds)} |`),
    "",
    ...report.cases.flatMap((c) => [`### ${MARK[c.status]}: ${c.title}`, "", ...c.details.map((d) => `- ${d}`), ""]),
    "## Calls (token scope, x-reference-id)",
    "",
    "| Case | Call | Token scope | x-reference-id | Outcome |",
    "|---|---|---|---|---|",
    ...report.calls.map((r) => `| ${r.case} | ${r.call} | ${r.scope} | ${r.referenceId} | ${r.outcome} |`),
    "",
    "## Checklist (verified by hand)",
    "",
    ...report.checklist.flatMap((item) => [`### [ ] ${item.title}`, "", ...item.steps.map((s) => `- [ ] ${s}`), ""]),
    "Signed (name, date): ______________________",
    "",
  ]
  return lines.join("\n")
}

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")

export function renderHtml(report: UatReport): string {
  const rows = report.cases
    .map(
      (c) =>
        `<tr class="${c.status}"><td>${escape(c.title)}</td><td>${escape(c.requirement)}</td><td>${MARK[c.status]}</td><td>${escape(referenceIds(c.referenceIds))}</td></tr>`
    )
    .join("\n")
  const details = report.cases
    .map((c) => `<section><h3>${MARK[c.status]}: ${escape(c.title)}</h3><ul>${c.details.map((d) => `<li>${escape(d)}</li>`).join("")}</ul></section>`)
    .join("\n")
  const calls = report.calls
    .map((r) => `<tr><td>${escape(r.case)}</td><td>${escape(r.call)}</td><td>${r.scope}</td><td>${r.referenceId}</td><td>${escape(r.outcome)}</td></tr>`)
    .join("\n")
  const checklist = report.checklist
    .map(
      (item) =>
        `<section><h3><label><input type="checkbox"> ${escape(item.title)}</label></h3><ul>${item.steps
          .map((s) => `<li><label><input type="checkbox"> ${escape(s)}</label></li>`)
          .join("")}</ul></section>`
    )
    .join("\n")
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Flexiti go-live test plan: report</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 960px; margin: 24px auto; padding: 0 16px; color: #1d1d1f; }
table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #ccc; padding: 6px 8px; text-align: left; vertical-align: top; }
tr.observed td:nth-child(3) { color: #0a6b2d; font-weight: 600; } tr.failed td:nth-child(3) { color: #b3261e; font-weight: 700; }
tr.manual td:nth-child(3) { color: #8a5a00; } li { margin: 2px 0; word-break: break-word; }
</style></head><body>
<h1>Flexiti go-live test plan (Online Channel): report</h1>
<dl>
<dt>Environment</dt><dd>${escape(report.environment)}</dd>
<dt>Client ID</dt><dd>${escape(report.clientId)}</dd>
<dt>POS API</dt><dd>${escape(report.posUrl)}</dd>
<dt>Online API</dt><dd>${escape(report.onlineUrl ?? "not configured")}</dd>
<dt>Run</dt><dd>${escape(report.startedAt)} to ${escape(report.finishedAt)}</dd>
<dt>Result</dt><dd><strong>${report.ok ? "all automated cases passed" : "some automated cases FAILED"}</strong> (${escape(summary(report))})</dd>
</dl>
<h2>Automated cases</h2>
<table><thead><tr><th>Case</th><th>Test plan requirement</th><th>Result</th><th>x-reference-id</th></tr></thead><tbody>
${rows}
</tbody></table>
${details}
<h2>Calls (token scope, x-reference-id)</h2>
<table><thead><tr><th>Case</th><th>Call</th><th>Token scope</th><th>x-reference-id</th><th>Outcome</th></tr></thead><tbody>
${calls}
</tbody></table>
<h2>Checklist (verified by hand)</h2>
${checklist}
<p>Signed (name, date): ______________________</p>
</body></html>
`
}

/** Removes a secret wherever it would appear; the report is sent to Flexiti. */
export function redact(text: string, secrets: string[]): string {
  return secrets.filter((s) => s.length >= 4).reduce((out, secret) => out.split(secret).join("[redacted]"), text)
}
