/**
 * React layer of the Flexiti storefront kit (React is an optional peer dependency).
 * `medusa-payment-flexiti/storefront/react`: <FlexitiButton>, useFlexitiCheckout(), <FlexitiAsLowAs>.
 */
import { useCallback, useEffect, useRef, useState } from "react"
import type { CSSProperties, ReactNode } from "react"
import { FlexitiOrder, FlexitiPaymentSession, payWithFlexiti, PayWithFlexitiOptions, PayWithFlexitiResult } from "./checkout"
import { flexitiText, FlexitiLang } from "./i18n"
import { asLowAsText, fetchCalculator, FlexitiStoreOptions } from "./store-api"

export type { FlexitiOrder, FlexitiPaymentSession, PayWithFlexitiResult } from "./checkout"
export type { FlexitiLang } from "./i18n"
export type { FlexitiStoreOptions, MedusaSdkLike } from "./store-api"

export type UseFlexitiCheckoutOptions = Omit<PayWithFlexitiOptions, "cartId"> & { lang?: FlexitiLang }

export interface FlexitiCheckoutState {
  /** starts a Flexiti checkout for the cart; resolves with its result (never rejects) */
  pay: (cartId: string) => Promise<PayWithFlexitiResult>
  pending: boolean
  /** the last failure's message, in the shopper's language where the kit writes it */
  error: string | null
  reset: () => void
}

/** Flexiti checkout state for a button of your own. One checkout at a time. */
export function useFlexitiCheckout(options: UseFlexitiCheckoutOptions): FlexitiCheckoutState {
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<string | null>(null)
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
    const { session, onSession } = latest.current
    const run = payWithFlexiti({
      ...latest.current,
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

  return { pay, pending, error, reset: useCallback(() => setError(null), []) }
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
  const { pay, pending, error } = useFlexitiCheckout(options)
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
        {pending ? flexitiText(options.lang, "processing") : children ?? flexitiText(options.lang, "payButton")}
      </button>
      {error ? (
        <p data-testid="flexiti-error" role="alert">
          {error}
        </p>
      ) : null}
    </>
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
