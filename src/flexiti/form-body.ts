/**
 * A form body whose nested objects become dotted names (billing_information.first_name), the
 * names systems/init is documented with. Empty strings are kept: address_2 is sent even when empty.
 */
export function toDottedForm(body: Record<string, unknown>, prefix = "", form = new URLSearchParams()): string {
  for (const [key, value] of Object.entries(body)) {
    if (value === undefined || value === null) continue
    const name = prefix ? `${prefix}.${key}` : key
    if (typeof value === "object") toDottedForm(value as Record<string, unknown>, name, form)
    else form.append(name, String(value))
  }
  return form.toString()
}
