/** Percentiles, tables and the latency chart of `npm run bench`. */

/** nearest-rank percentile of sorted samples */
export function percentile(sorted, p) {
  if (!sorted.length) return NaN
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]
}

export function describe(samples) {
  const sorted = [...samples].sort((a, b) => a - b)
  return {
    n: sorted.length,
    p50: round(percentile(sorted, 50)),
    p90: round(percentile(sorted, 90)),
    min: round(sorted[0]),
    max: round(sorted[sorted.length - 1]),
  }
}

export const round = (x, digits = 1) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : null)

/** A plain-text table: the first row is the header. */
export function table(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c] ?? "").length)))
  const line = (r) => r.map((cell, c) => (c === 0 ? String(cell ?? "").padEnd(widths[c]) : String(cell ?? "").padStart(widths[c]))).join("  ")
  return [line(rows[0]), widths.map((w) => "-".repeat(w)).join("  "), ...rows.slice(1).map(line)].join("\n")
}

/** The same table in Markdown, for the README. */
export function markdownTable(rows) {
  const line = (r) => `| ${r.map((c) => String(c ?? "")).join(" | ")} |`
  return [line(rows[0]), line(rows[0].map((_, i) => (i === 0 ? "---" : "---:"))), ...rows.slice(1).map(line)].join("\n")
}

const escape = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;")

/**
 * A hand-written SVG: one row per series, each sample a dot (log-scaled milliseconds), the
 * p50 and p90 as ticks, so the two checkouts' distributions read side by side.
 */
export function latencySvg({ title, subtitle, series }) {
  const width = 860
  const left = 230
  const right = 30
  const rowHeight = 34
  const top = 58
  const height = top + series.length * rowHeight + 46
  const all = series.flatMap((s) => s.samples).filter((x) => x > 0)
  const lo = Math.max(1, Math.min(...all) * 0.8)
  const hi = Math.max(...all) * 1.2
  const x = (ms) => left + ((Math.log10(Math.max(ms, lo)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * (width - left - right)
  const ticks = [1, 10, 100, 1000, 10000].flatMap((d) => [1, 2, 3, 5, 7].map((m) => m * d)).filter((t) => t >= lo && t <= hi)
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="12" y="22" font-size="15" font-weight="bold">${escape(title)}</text>`,
    `<text x="12" y="40" fill="#555">${escape(subtitle)}</text>`,
  ]
  for (const t of ticks) {
    out.push(`<line x1="${x(t).toFixed(1)}" y1="${top - 6}" x2="${x(t).toFixed(1)}" y2="${height - 40}" stroke="#eee"/>`)
    out.push(`<text x="${x(t).toFixed(1)}" y="${height - 24}" text-anchor="middle" fill="#555">${t >= 1000 ? `${t / 1000} s` : `${t} ms`}</text>`)
  }
  series.forEach((s, i) => {
    const y = top + i * rowHeight + rowHeight / 2
    const sorted = [...s.samples].sort((a, b) => a - b)
    out.push(`<text x="12" y="${y + 4}">${escape(s.label)}</text>`)
    sorted.forEach((ms, k) => {
      const jitter = ((k * 7919) % 13) - 6
      out.push(`<circle cx="${x(ms).toFixed(1)}" cy="${(y + jitter).toFixed(1)}" r="2.5" fill="${s.color}" fill-opacity="0.5"/>`)
    })
    for (const [p, w] of [
      [50, 3],
      [90, 1.5],
    ]) {
      const v = percentile(sorted, p)
      out.push(
        `<line x1="${x(v).toFixed(1)}" y1="${y - 11}" x2="${x(v).toFixed(1)}" y2="${y + 11}" stroke="#111" stroke-width="${w}"><title>p${p} ${round(v)} ms</title></line>`
      )
    }
  })
  out.push(`<text x="${width - right}" y="${height - 8}" text-anchor="end" fill="#555">dots: samples; thick tick: p50; thin tick: p90; log scale</text>`)
  out.push(`</svg>`)
  return out.join("\n") + "\n"
}
