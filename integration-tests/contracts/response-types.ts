/**
 * The store and admin routes' answers are typed on the server and again where they are read (the
 * storefront kit is bundled for browsers and the admin UI by Medusa's dashboard, so neither
 * imports server code). `npx tsc -p tsconfig.tests.json` (CI's typecheck) fails here when the two
 * drift: every field the server sends is known to the reader with a compatible type, and the
 * reader expects no field the server does not send.
 */
import "../../src/admin/vite-env"
import type { FinancingOptionView, FinancingView } from "../../src/api/store/flexiti/financing-view"
import type { flexitiPaymentSummary } from "../../src/payments"
import type { FlexitiFinancing, FlexitiFinancingOption } from "../../src/storefront/financing"
import type { PaymentSummary } from "../../src/admin/lib/flexiti-api"

type Assert<T extends true> = T
type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never]
  ? true
  : { onlyInFirst: Exclude<keyof A, keyof B>; onlyInSecond: Exclude<keyof B, keyof A> }
type Reads<Sent, Read> = Sent extends Read ? true : false

/** What a value becomes on the wire (res.json): dates are ISO strings. */
type Json<T> = T extends Date ? string : T extends (infer U)[] ? Json<U>[] : T extends object ? { [K in keyof T]: Json<T[K]> } : T

type ServerPaymentSummary = Json<Awaited<ReturnType<typeof flexitiPaymentSummary>>["payment"]>

export type Contracts = [
  Assert<SameKeys<FinancingView, FlexitiFinancing>>,
  Assert<SameKeys<FinancingOptionView, FlexitiFinancingOption>>,
  Assert<Reads<Json<FinancingView>, FlexitiFinancing>>,
  Assert<SameKeys<ServerPaymentSummary, PaymentSummary>>,
  Assert<Reads<ServerPaymentSummary, PaymentSummary>>,
]
