/**
 * A small accessible dialog for a checkout step between Flexiti windows: a message, optionally a
 * link (Flexiti's activation page) and a consent checkbox that must be ticked before confirming.
 * Resolves true on confirm, false on the other button, Esc or ×.
 */
export interface FlexitiStepDialogOptions {
  title: string
  text: string
  confirm: string
  cancel: string
  /** a consent the shopper must give (unticked at first) before the confirm button works */
  consent?: string
  link?: { href: string; text: string }
  container?: HTMLElement
}

function node<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string>, text = "", style = ""): HTMLElementTagNameMap[K] {
  const n = document.createElement(tag)
  for (const k in attrs) n.setAttribute(k, attrs[k])
  n.textContent = text
  n.style.cssText = style
  return n
}

const BUTTON = "padding:10px 14px;border-radius:6px;border:1px solid #999;background:#fff;cursor:pointer;font-size:15px"

export function openFlexitiStepDialog(options: FlexitiStepDialogOptions): Promise<boolean> {
  return new Promise((resolve) => {
    const opener = document.activeElement as HTMLElement | null
    const backdrop = node(
      "div",
      { "data-testid": "flexiti-step-backdrop" },
      "",
      "position:fixed;inset:0;z-index:2147483000;background:rgba(0,0,0,.55);display:flex;align-items:center;justify-content:center"
    )
    const dialog = node(
      "div",
      { role: "dialog", "aria-modal": "true", "aria-labelledby": "flexiti-step-title", "aria-describedby": "flexiti-step-text", "data-testid": "flexiti-step" },
      "",
      "background:#fff;color:#111;width:min(440px,100vw);padding:20px;border-radius:8px;font:16px system-ui,sans-serif"
    )
    const title = node("h2", { id: "flexiti-step-title" }, options.title, "margin:0 0 12px;font-size:18px")
    const text = node("p", { id: "flexiti-step-text", "data-testid": "flexiti-step-text" }, options.text, "margin:0 0 12px")
    dialog.append(title, text)
    if (options.link) {
      dialog.append(
        node(
          "a",
          { href: options.link.href, target: "_blank", rel: "noopener noreferrer", "data-testid": "flexiti-step-link" },
          options.link.text,
          "display:block;margin:0 0 12px"
        )
      )
    }
    const confirm = node(
      "button",
      { type: "button", "data-testid": "flexiti-step-confirm" },
      options.confirm,
      `${BUTTON};background:#0b57d0;color:#fff;border-color:#0b57d0`
    )
    const cancel = node("button", { type: "button", "data-testid": "flexiti-step-cancel" }, options.cancel, BUTTON)
    if (options.consent) {
      const label = node("label", {}, "", "display:flex;gap:8px;align-items:flex-start;margin:0 0 12px;font-size:14px")
      const box = node("input", { type: "checkbox", "data-testid": "flexiti-step-consent" })
      label.append(box, document.createTextNode(options.consent))
      dialog.append(label)
      confirm.disabled = true
      box.onchange = () => (confirm.disabled = !box.checked)
    }
    const actions = node("div", {}, "", "display:flex;gap:8px;flex-wrap:wrap")
    actions.append(confirm, cancel)
    dialog.append(actions)
    backdrop.append(dialog)

    const finish = (ok: boolean) => {
      document.removeEventListener("keydown", onKey, true)
      backdrop.remove()
      if (opener?.isConnected) opener.focus()
      resolve(ok)
    }
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        e.preventDefault()
        finish(false)
      }
    }
    confirm.onclick = () => finish(true)
    cancel.onclick = () => finish(false)
    document.addEventListener("keydown", onKey, true)
    ;(options.container ?? document.body).append(backdrop)
    ;(dialog.querySelector("input,a,button:not([disabled])") as HTMLElement).focus()
  })
}
