/**
 * Framework-free plan picker, shown after Flexiti's widget approved an account: an accessible
 * dialog with one radio per option Flexiti offered (native radios: arrow keys move, Space
 * selects), the store's default selected first, Flexiti's disclosures, and a confirm button.
 * Options over the account's available credit are shown but cannot be chosen. Labels are set as
 * text, never as HTML.
 */
import { disclosureLines, FlexitiFinancing, FlexitiFinancingOption, fitsCredit, initialOption, planOptionText } from "./financing"
import { flexitiText, FlexitiLang } from "./i18n"
import { stepText } from "./step-texts"

export interface OpenFlexitiPlanPickerOptions {
  financing: FlexitiFinancing
  lang?: FlexitiLang | string
  /** element the dialog is appended to; default document.body */
  container?: HTMLElement
  /**
   * Runs once the shopper confirms (e.g. records the choice and places the order) while the
   * picker stays open with its confirm button busy; the picker closes when it settles.
   */
  place?: (option: FlexitiFinancingOption) => Promise<void>
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  for (const k in attrs) node.setAttribute(k, attrs[k])
  if (text !== undefined) node.textContent = text
  return node
}

/** Resolves with the option the shopper confirmed, or null when they closed the picker (× or Escape). */
export function openFlexitiPlanPicker(options: OpenFlexitiPlanPickerOptions): Promise<FlexitiFinancingOption | null> {
  const { financing, lang } = options
  const t = (k: Parameters<typeof flexitiText>[1]) => flexitiText(lang, k)
  return new Promise((resolve) => {
    const opener = document.activeElement as HTMLElement | null
    const backdrop = el("div", { "data-testid": "flexiti-plan-backdrop" })
    backdrop.style.cssText = "position:fixed;inset:0;z-index:2147483000;background:rgba(0,0,0,.55);display:flex;align-items:center;justify-content:center"
    const dialog = el("form", { role: "dialog", "aria-modal": "true", "aria-labelledby": "flexiti-plan-title", "data-testid": "flexiti-plan-picker" })
    dialog.style.cssText =
      "background:#fff;color:#111;width:min(480px,100vw);max-height:100vh;overflow:auto;padding:16px;border-radius:8px;font:16px system-ui,sans-serif"
    const header = el("div")
    header.style.cssText = "display:flex;justify-content:space-between;align-items:center"
    const title = el("h2", { id: "flexiti-plan-title" }, t("planTitle"))
    title.style.cssText = "margin:0;font-size:18px"
    const close = el("button", { type: "button", "aria-label": t("close"), "data-testid": "flexiti-plan-cancel" }, "×")
    close.style.cssText = "font-size:24px;background:none;border:0;cursor:pointer"
    header.append(title, close)

    const group = el("fieldset", { "data-testid": "flexiti-plan-options" })
    group.style.cssText = "border:0;margin:12px 0;padding:0"
    group.append(
      el("legend", { class: "flexiti-visually-hidden", style: "position:absolute;clip:rect(0 0 0 0);width:1px;height:1px;overflow:hidden" }, t("planTitle"))
    )
    const selected = initialOption(financing)
    const radios: HTMLInputElement[] = []
    financing.options.forEach((option, i) => {
      const { title: name, details } = planOptionText(option, lang)
      const id = `flexiti-plan-${i}`
      const row = el("div")
      row.style.cssText = "display:flex;gap:8px;align-items:flex-start;padding:8px 0;border-bottom:1px solid #eee"
      const radio = el("input", {
        type: "radio",
        name: "flexiti-plan",
        id,
        value: option.key,
        "data-testid": "flexiti-plan-option",
        "aria-describedby": `${id}-details`,
      })
      radio.checked = option === selected
      radio.disabled = !fitsCredit(option)
      const label = el("label", { for: id })
      label.append(el("strong", {}, name), el("span", { id: `${id}-details`, style: "display:block;font-size:14px" }, details.join(" · ")))
      row.append(radio, label)
      group.append(row)
      radios.push(radio)
    })

    dialog.append(header, group)
    const disclosures = disclosureLines(financing, lang)
    if (disclosures.length) {
      const box = el("section", { "aria-label": t("planDisclosures"), "data-testid": "flexiti-plan-disclosures" })
      box.style.cssText = "font-size:13px;color:#444"
      for (const d of disclosures) box.append(el("p", { "data-disclosure": d.code }, d.text))
      dialog.append(box)
    }
    const confirm = el("button", { type: "submit", "data-testid": "flexiti-plan-confirm" }, t("planConfirm"))
    confirm.style.cssText = "width:100%;padding:10px;font-size:16px;cursor:pointer"
    dialog.append(confirm)
    backdrop.append(dialog)

    let done = false
    let busy = false
    function finish(choice: FlexitiFinancingOption | null) {
      if (done || busy) return
      done = true
      document.removeEventListener("keydown", onKey, true)
      backdrop.remove()
      if (opener?.isConnected) opener.focus()
      resolve(choice)
    }
    function onKey(e: KeyboardEvent) {
      if (e.key === "Escape") {
        e.preventDefault()
        finish(null)
      } else if (e.key === "Tab") {
        // focus stays in the dialog: close, the radio group, the confirm button
        const checked = radios.find((r) => r.checked) ?? radios[0]
        const items = [close, checked, confirm].filter(Boolean) as HTMLElement[]
        const at = items.indexOf(document.activeElement as HTMLElement)
        e.preventDefault()
        items[(at + (e.shiftKey ? items.length - 1 : 1)) % items.length].focus()
      }
    }
    dialog.onsubmit = async (e) => {
      e.preventDefault()
      const index = radios.findIndex((r) => r.checked && !r.disabled)
      if (index < 0 || busy) return
      const choice = financing.options[index]
      if (options.place) {
        // busy, yet focusable: a disabled button would drop the focus to the page
        busy = true
        confirm.setAttribute("aria-disabled", "true")
        confirm.setAttribute("aria-busy", "true")
        confirm.textContent = stepText(lang, "placing")
        for (const r of radios) r.disabled = true
        close.disabled = true
        try {
          await options.place(choice)
        } finally {
          busy = false
        }
      }
      finish(choice)
    }
    close.onclick = () => finish(null)
    document.addEventListener("keydown", onKey, true)
    ;(options.container ?? document.body).append(backdrop)
    ;(radios.find((r) => r.checked) ?? confirm).focus()
  })
}
