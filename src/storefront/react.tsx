/**
 * React layer of the Flexiti storefront kit (React is an optional peer dependency).
 * `medusa-payment-flexiti/storefront/react`: <FlexitiButton>, useFlexitiCheckout(), <FlexitiAsLowAs>.
 */
import { useCallback, useEffect, useRef, useState } from "react"
import type { CSSProperties, ReactNode } from "react"
import { FlexitiOrder, FlexitiPaymentSession, payWithFlexiti, PayWithFlexitiOptions, PayWithFlexitiResult } from "./checkout"
import { disclosureLines, FlexitiFinancing, FlexitiFinancingOption, fitsCredit, initialOption, planOptionText } from "./financing"
import { flexitiText, FlexitiLang } from "./i18n"
import { asLowAsText, fetchCalculator, FlexitiStoreOptions } from "./store-api"

export type { FlexitiOrder, FlexitiPaymentSession, PayWithFlexitiResult } from "./checkout"
export type { FlexitiFinancing, FlexitiFinancingOption } from "./financing"
export type { FlexitiLang } from "./i18n"
export type { FlexitiStoreOptions, MedusaSdkLike } from "./store-api"

export type UseFlexitiCheckoutOptions = Omit<PayWithFlexitiOptions, "cartId"> & {
  lang?: FlexitiLang
  /**
   * "dialog" (default): the kit's plan picker dialog; "inline": the hook's `plan` holds the offer
   * while the shopper chooses, for a <FlexitiPlanPicker {...plan} /> rendered by the page.
   */
  planPicker?: "dialog" | "inline"
}

/** Props of <FlexitiPlanPicker>: the offer and what to do with the shopper's answer. */
export interface FlexitiPlanChoice {
  financing: FlexitiFinancing
  onConfirm: (option: FlexitiFinancingOption) => void
  onCancel: () => void
}

export interface FlexitiCheckoutState {
  /** starts a Flexiti checkout for the cart; resolves with its result (never rejects) */
  pay: (cartId: string) => Promise<PayWithFlexitiResult>
  pending: boolean
  /** the last failure's message, in the shopper's language where the kit writes it */
  error: string | null
  reset: () => void
  /** with planPicker "inline": the plan the shopper is choosing, else null */
  plan: FlexitiPlanChoice | null
}

/** Flexiti checkout state for a button of your own. One checkout at a time. */
export function useFlexitiCheckout(options: UseFlexitiCheckoutOptions): FlexitiCheckoutState {
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [plan, setPlan] = useState<FlexitiPlanChoice | null>(null)
  const running = useRef<Promise<PayWithFlexitiResult> | null>(null)
  // A session is used for one attempt only: after a cancel or a failure the next attempt starts a
  // new one, even while the page still shows the old session.
  const usedSessions = useRef(new Set<string>())
  const latest = useRef(options)
  latest.current = options
  const mounted = useRef(true)
  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
    }
  }, [])

  const pay = useCallback((cartId: string) => {
    if (running.current) return running.current
    setPending(true)
    setError(null)
    const { session, onSession, planPicker } = latest.current
    const inline = (financing: FlexitiFinancing) =>
      new Promise<FlexitiFinancingOption | null>((resolve) => {
        const answer = (option: FlexitiFinancingOption | null) => {
          setPlan(null)
          resolve(option)
        }
        if (mounted.current) setPlan({ financing, onConfirm: answer, onCancel: () => answer(null) })
        else resolve(null)
      })
    const run = payWithFlexiti({
      ...latest.current,
      choosePlan: latest.current.choosePlan ?? (planPicker === "inline" ? inline : undefined),
      cartId,
      session: session && !usedSessions.current.has(session.id) ? session : undefined,
      onSession: (s: FlexitiPaymentSession) => {
        usedSessions.current.add(s.id)
        onSession?.(s)
      },
    })
      .catch((e: Error): PayWithFlexitiResult => ({ type: "failure", message: e?.message || flexitiText(latest.current.lang, "network") }))
      .then((result) => {
        running.current = null
        if (mounted.current) {
          setPending(false)
          if (result.type === "failure") setError(result.message)
        }
        return result
      })
    running.current = run
    return run
  }, [])

  return { pay, pending, error, reset: useCallback(() => setError(null), []), plan }
}

export interface FlexitiButtonProps extends UseFlexitiCheckoutOptions {
  cartId: string
  /** the order is placed: redirect to your confirmation page */
  onOrder: (order: FlexitiOrder) => void
  onError?: (message: string) => void
  /** the shopper closed the modal (still at the payment step) */
  onCancel?: () => void
  disabled?: boolean
  className?: string
  style?: CSSProperties
  children?: ReactNode
}

/** "Pay with Flexiti": runs the whole checkout and shows the failure message under the button. */
export function FlexitiButton(props: FlexitiButtonProps) {
  const { cartId, onOrder, onError, onCancel, disabled, className, style, children, ...options } = props
  const { pay, pending, error, plan } = useFlexitiCheckout({ planPicker: "inline", ...options })
  const onClick = async () => {
    const result = await pay(cartId)
    if (result.type === "order") onOrder(result.order)
    else if (result.type === "failure") onError?.(result.message)
    else if (result.type === "cancel") onCancel?.()
  }
  return (
    <>
      <button
        type="button"
        data-testid="flexiti-button"
        className={className}
        style={style}
        disabled={disabled || pending}
        aria-busy={pending}
        onClick={onClick}
      >
        {pending ? flexitiText(options.lang, "processing") : (children ?? flexitiText(options.lang, "payButton"))}
      </button>
      {plan ? <FlexitiPlanPicker {...plan} lang={options.lang} /> : null}
      {error ? (
        <p data-testid="flexiti-error" role="alert">
          {error}
        </p>
      ) : null}
    </>
  )
}

/**
 * The financing Flexiti offers, as a radio group (arrow keys move, Space selects) with the
 * store's default selected, Flexiti's disclosures, and buttons to confirm or go back.
 */
export function FlexitiPlanPicker(props: FlexitiPlanChoice & { lang?: FlexitiLang; className?: string; style?: CSSProperties }) {
  const { financing, onConfirm, onCancel, lang, className, style } = props
  const [selected, setSelected] = useState(() => initialOption(financing)?.key ?? "")
  const first = useRef<HTMLInputElement | null>(null)
  useEffect(() => first.current?.focus(), [])
  const confirm = () => {
    const option = financing.options.find((o) => o.key === selected)
    if (option) onConfirm(option)
  }
  return (
    <section data-testid="flexiti-plan-picker" aria-labelledby="flexiti-plan-title" className={className} style={style}>
      <h2 id="flexiti-plan-title">{flexitiText(lang, "planTitle")}</h2>
      <fieldset style={{ border: 0, padding: 0 }}>
        <legend style={{ position: "absolute", clip: "rect(0 0 0 0)", width: 1, height: 1, overflow: "hidden" }}>{flexitiText(lang, "planTitle")}</legend>
        {financing.options.map((option, i) => {
          const { title, details } = planOptionText(option, lang)
          const id = `flexiti-plan-${i}`
          return (
            <div key={option.key} style={{ display: "flex", gap: 8, padding: "8px 0" }}>
              <input
                ref={option.key === selected ? first : undefined}
                type="radio"
                id={id}
                name="flexiti-plan"
                value={option.key}
                data-testid="flexiti-plan-option"
                aria-describedby={`${id}-details`}
                checked={option.key === selected}
                disabled={!fitsCredit(option)}
                onChange={() => setSelected(option.key)}
              />
              <label htmlFor={id}>
                <strong>{title}</strong>
                <span id={`${id}-details`} style={{ display: "block", fontSize: 14 }}>
                  {details.join(" · ")}
                </span>
              </label>
            </div>
          )
        })}
      </fieldset>
      {disclosureLines(financing, lang).length ? (
        <div aria-label={flexitiText(lang, "planDisclosures")} data-testid="flexiti-plan-disclosures" style={{ fontSize: 13 }}>
          {disclosureLines(financing, lang).map((d) => (
            <p key={d.code} data-disclosure={d.code}>
              {d.text}
            </p>
          ))}
        </div>
      ) : null}
      <button type="button" data-testid="flexiti-plan-confirm" onClick={confirm} disabled={!selected}>
        {flexitiText(lang, "planConfirm")}
      </button>
      <button type="button" data-testid="flexiti-plan-cancel" onClick={onCancel}>
        {flexitiText(lang, "close")}
      </button>
    </section>
  )
}

export interface FlexitiAsLowAsProps extends FlexitiStoreOptions {
  /** price in dollars (Medusa amounts are in major units) */
  amount: number
  lang?: FlexitiLang
  /** shopper's province when known; "QC" shows the Quebec text without a monthly amount */
  province?: string
  className?: string
  style?: CSSProperties
}

/** "As low as $104.17/month for 12 months with Flexiti"; nothing below the minimum or on error. */
export function FlexitiAsLowAs(props: FlexitiAsLowAsProps) {
  const { amount, lang, province, baseUrl, publishableKey, sdk, className, style } = props
  const [text, setText] = useState<string | null>(null)
  const fetchRef = useRef(props.fetch)
  fetchRef.current = props.fetch
  useEffect(() => {
    let live = true
    fetchCalculator({ amount, lang, province, baseUrl, publishableKey, sdk, fetch: fetchRef.current }).then((answer) => {
      if (live) setText(asLowAsText(answer, lang))
    })
    return () => {
      live = false
    }
  }, [amount, lang, province, baseUrl, publishableKey, sdk])
  if (!text) return null
  return (
    <p data-testid="flexiti-as-low-as" className={className} style={style}>
      {text}
    </p>
  )
}
