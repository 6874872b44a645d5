/**
 * Framework-free Flexiti modal: an accessible dialog around an iframe of the session's
 * `redirection_url`. Widget flow (POS API): the page posts flx-success / flx-failure / flx-cancel
 * to its parent; only messages from the expected origin and from this iframe, in a known shape,
 * are accepted. Hosted flow (Online API): the page ends by navigating to the store's return URL;
 * once the iframe shows a page of the store's own origin, the flow is over.
 */
import { flexitiText, FlexitiLang } from "./i18n"
import { expectedOriginOf, isTrustedOrigin, parseWidgetMessage, WidgetMessage, WidgetSuccessEventData } from "./messages"

export type FlexitiOutcome =
  /** widget: flx-success (approved or not: let the store route judge); hosted: back on the return URL */
  | { type: "success"; eventData: WidgetSuccessEventData | null; returnUrl?: string }
  | { type: "failure"; error: number; message: string }
  | { type: "cancel" }
  /** the page is navigating to Flexiti (mode "redirect" or the fallback link) */
  | { type: "redirect" }

export type FlexitiModalEvent =
  | { type: "opened" }
  | { type: "message"; message: WidgetMessage }
  | { type: "ignored"; origin: string; reason: "origin" | "source" | "shape" }
  | { type: "navigated"; url: string }
  | { type: "closed"; outcome: FlexitiOutcome }

export interface OpenFlexitiModalOptions {
  /** `payment_session.data.redirection_url` */
  redirectionUrl: string
  /** origin messages must come from; default `new URL(redirectionUrl).origin` (use `payment_session.data.modal_origin`) */
  expectedOrigin?: string
  lang?: FlexitiLang | string
  /** element the modal is appended to; default document.body */
  container?: HTMLElement
  onEvent?: (event: FlexitiModalEvent) => void
  /** `payment_session.data.flow`; default "widget" */
  flow?: "widget" | "hosted"
  /** hosted flow: "redirect" leaves the page for Flexiti's (full-page) instead of framing it */
  mode?: "modal" | "redirect"
  /** hosted flow: which store URLs end the flow; default any URL of this page's origin */
  returnUrl?: string | ((url: URL) => boolean)
  /** hosted flow: store URLs that mean "not approved" (Flexiti's Error redirection URL) */
  errorUrl?: string | ((url: URL) => boolean)
}

const FOCUSABLE = 'button,a[href],iframe,[tabindex]:not([tabindex="-1"])'

function matcher(spec: string | ((url: URL) => boolean) | undefined, fallback: (url: URL) => boolean) {
  if (typeof spec === "function") return spec
  if (!spec) return fallback
  const target = new URL(spec, location.href)
  return (url: URL) => url.origin === target.origin && url.pathname === target.pathname
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string>, style = ""): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  for (const k in attrs) node.setAttribute(k, attrs[k])
  node.style.cssText = style
  return node
}

/** Opens the Flexiti modal; the promise settles once, when the shopper is done or closes it. */
export function openFlexitiModal(options: OpenFlexitiModalOptions): Promise<FlexitiOutcome> {
  const { redirectionUrl, lang, onEvent, flow = "widget" } = options
  const emit = (e: FlexitiModalEvent) => {
    try {
      onEvent?.(e)
    } catch {
      // a listener's error must not break the checkout
    }
  }
  const redirect = (): FlexitiOutcome => {
    window.location.assign(redirectionUrl)
    return { type: "redirect" }
  }
  if (flow === "hosted" && options.mode === "redirect") return Promise.resolve(redirect())

  const expected = expectedOriginOf(redirectionUrl, options.expectedOrigin)
  const isReturn = matcher(options.returnUrl, (u) => u.origin === location.origin)
  const isError = matcher(options.errorUrl, () => false)
  const t = (k: Parameters<typeof flexitiText>[1]) => flexitiText(lang, k)

  return new Promise<FlexitiOutcome>((resolve) => {
    const opener = document.activeElement as HTMLElement | null
    const overflow = document.body.style.overflow

    const backdrop = el(
      "div",
      { "data-testid": "flexiti-backdrop" },
      "position:fixed;inset:0;z-index:2147483000;background:rgba(0,0,0,.55);display:flex;align-items:center;justify-content:center"
    )
    const dialog = el(
      "div",
      { id: "flexiti-modal", "data-testid": "flexiti-modal", role: "dialog", "aria-modal": "true", "aria-labelledby": "flexiti-modal-title", tabindex: "-1" },
      "background:#fff;color:#111;width:min(480px,100vw);height:min(720px,100vh);display:flex;flex-direction:column;border-radius:8px;overflow:hidden;font:16px system-ui,sans-serif"
    )
    const header = el("div", {}, "display:flex;align-items:center;justify-content:space-between;padding:8px 12px;border-bottom:1px solid #ddd")
    const title = el("h2", { id: "flexiti-modal-title" }, "margin:0;font-size:18px")
    title.textContent = t("modalTitle")
    // A visible, labelled button: Esc cannot reach this page while focus is inside Flexiti's
    // (cross-origin) frame, but Shift+Tab from Flexiti's first field, or Tab past its last, lands here.
    const close = el(
      "button",
      { type: "button", id: "flexiti-close", "data-testid": "flexiti-close" },
      "font-size:15px;background:#fff;color:#111;border:1px solid #666;border-radius:6px;cursor:pointer;padding:6px 10px"
    )
    close.textContent = t("close")
    const iframe = el(
      "iframe",
      {
        id: "flexiti-iframe",
        "data-testid": "flexiti-iframe",
        title: t("iframeTitle"),
        src: redirectionUrl,
        // no allow-top-navigation: a hosted page that tries to leave the frame stays in it
        sandbox: "allow-forms allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox",
        allow: "payment",
      },
      "flex:1;border:0;width:100%"
    )
    header.append(title, close)
    dialog.append(header, iframe)
    if (flow === "hosted") {
      const link = el("a", { href: redirectionUrl, "data-testid": "flexiti-fallback" }, "padding:8px 12px;font-size:14px;color:#333")
      link.textContent = t("fallback")
      link.onclick = (e) => {
        e.preventDefault()
        finish({ type: "redirect" }, true)
      }
      dialog.append(link)
    }
    // tabbing out of the end of the iframe lands here and goes back to the close button
    const sentinel = el("span", { tabindex: "0" })
    sentinel.onfocus = () => close.focus()
    dialog.append(sentinel)
    backdrop.append(dialog)

    let done = false
    function finish(outcome: FlexitiOutcome, navigate = false) {
      if (done) return
      done = true
      window.removeEventListener("message", onMessage)
      document.removeEventListener("keydown", onKey, true)
      document.removeEventListener("focusin", onFocus, true)
      backdrop.remove()
      document.body.style.overflow = overflow
      if (navigate) redirect()
      else if (opener?.isConnected) opener.focus()
      emit({ type: "closed", outcome })
      resolve(outcome)
    }

    function onMessage(event: MessageEvent) {
      if (!isTrustedOrigin(event.origin, expected)) return emit({ type: "ignored", origin: event.origin, reason: "origin" })
      if (event.source !== iframe.contentWindow) return emit({ type: "ignored", origin: event.origin, reason: "source" })
      const message = parseWidgetMessage(event.data)
      if (!message) return emit({ type: "ignored", origin: event.origin, reason: "shape" })
      emit({ type: "message", message })
      if (message.eventType === "flx-success") finish({ type: "success", eventData: message.eventData })
      else if (message.eventType === "flx-failure") finish({ type: "failure", ...message.eventData })
      else finish({ type: "cancel" })
    }

    iframe.addEventListener("load", () => {
      let href: string
      try {
        // readable only once the frame is back on this page's origin; Flexiti's pages throw
        href = iframe.contentWindow!.location.href
      } catch {
        return
      }
      if (!href || href === "about:blank") return
      const url = new URL(href)
      emit({ type: "navigated", url: href })
      if (isError(url)) finish({ type: "failure", error: 0, message: t("declined") })
      else if (isReturn(url)) finish({ type: "success", eventData: null, returnUrl: href })
    })

    const focusables = () => Array.from(dialog.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((n) => n !== sentinel)
    function onKey(e: KeyboardEvent) {
      if (e.key === "Escape") {
        e.preventDefault()
        finish({ type: "cancel" })
      } else if (e.key === "Tab") {
        const items = focusables()
        const first = items[0]
        const last = items[items.length - 1]
        const active = document.activeElement
        if (e.shiftKey && (active === first || !dialog.contains(active))) {
          e.preventDefault()
          last.focus()
        } else if (!e.shiftKey && (active === last || !dialog.contains(active))) {
          e.preventDefault()
          first.focus()
        }
      }
    }
    // focus leaving the dialog (e.g. tabbing out of the iframe) comes back to it
    function onFocus(e: FocusEvent) {
      if (!dialog.contains(e.target as Node)) close.focus()
    }

    close.onclick = () => finish({ type: "cancel" })
    window.addEventListener("message", onMessage)
    document.addEventListener("keydown", onKey, true)
    document.addEventListener("focusin", onFocus, true)
    document.body.style.overflow = "hidden"
    ;(options.container ?? document.body).append(backdrop)
    close.focus()
    emit({ type: "opened" })
  })
}
