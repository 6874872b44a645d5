/** EN/FR texts of the storefront kit. Every key exists in both languages (a unit test checks). */
export type FlexitiLang = "en" | "fr"

const en = {
  modalTitle: "Pay with Flexiti",
  iframeTitle: "Flexiti financing",
  close: "Close",
  fallback: "Page not loading? Continue on Flexiti's site",
  payButton: "Pay with Flexiti",
  processing: "Processing…",
  asLowAs: "As low as {amount}/month for {months} months with Flexiti",
  quebec: "Financing available with Flexiti",
  widgetFailure: "Flexiti could not complete this payment ({message}). Choose another payment method or try again.",
  declined: "Flexiti did not approve this purchase. Choose another payment method or try Flexiti again.",
  network: "The store could not be reached. Check your connection and try again.",
  orderFailed: "The order could not be placed: {message}",
  applicationDeclined: "Flexiti did not approve your application. Choose another payment method.",
  applicationPending:
    "Flexiti is reviewing your application and will contact you. Choose another payment method to order now, or try Flexiti again once it is approved.",
  planTitle: "Choose your Flexiti plan",
  planMonthly: "{amount}/month for {months} months",
  planRevolving: "Revolving credit, minimum payment {amount}/month",
  planRate: "Annual interest rate {rate}%",
  planTotal: "Total {total}",
  planFee: "Fee: {fee}",
  planDisclosures: "Important information",
  planDisclosuresMissing:
    "Flexiti's disclosures for this plan could not be loaded by the store. Flexiti shows its terms before your account is charged; ask the store if you need them now.",
  planConfirm: "Confirm and place order",
  planNone: "Flexiti offered no financing for this order. Choose another payment method.",
}

export type FlexitiTextKey = keyof typeof en

const fr: Record<FlexitiTextKey, string> = {
  modalTitle: "Payer avec Flexiti",
  iframeTitle: "Financement Flexiti",
  close: "Fermer",
  fallback: "La page ne s'affiche pas? Continuer sur le site de Flexiti",
  payButton: "Payer avec Flexiti",
  processing: "Traitement…",
  asLowAs: "À partir de {amount} par mois pendant {months} mois avec Flexiti",
  quebec: "Financement offert avec Flexiti",
  widgetFailure: "Flexiti n'a pas pu compléter ce paiement ({message}). Choisissez un autre mode de paiement ou réessayez.",
  declined: "Flexiti n'a pas approuvé cet achat. Choisissez un autre mode de paiement ou réessayez avec Flexiti.",
  network: "La boutique est injoignable. Vérifiez votre connexion et réessayez.",
  orderFailed: "La commande n'a pas pu être passée : {message}",
  applicationDeclined: "Flexiti n'a pas approuvé votre demande. Choisissez un autre mode de paiement.",
  applicationPending:
    "Flexiti examine votre demande et communiquera avec vous. Choisissez un autre mode de paiement pour commander maintenant, ou réessayez avec Flexiti une fois la demande approuvée.",
  planTitle: "Choisissez votre plan Flexiti",
  planMonthly: "{amount} par mois pendant {months} mois",
  planRevolving: "Crédit renouvelable, paiement minimum de {amount} par mois",
  planRate: "Taux d'intérêt annuel {rate} %",
  planTotal: "Total {total}",
  planFee: "Frais : {fee}",
  planDisclosures: "Renseignements importants",
  planDisclosuresMissing:
    "Le magasin n'a pas pu charger les divulgations de Flexiti pour ce plan. Flexiti présente ses conditions avant que votre compte soit débité; demandez-les au magasin si vous en avez besoin maintenant.",
  planConfirm: "Confirmer et passer la commande",
  planNone: "Flexiti n'a offert aucun financement pour cette commande. Choisissez un autre mode de paiement.",
}

export const FLEXITI_TEXTS: Record<FlexitiLang, Record<FlexitiTextKey, string>> = { en, fr }

export function normalizeLang(lang: string | undefined | null): FlexitiLang {
  return String(lang ?? "")
    .toLowerCase()
    .startsWith("fr")
    ? "fr"
    : "en"
}

/** The text for `key` in `lang`, with `{name}` placeholders filled in. */
export function flexitiText(lang: string | undefined, key: FlexitiTextKey, vars: Record<string, string | number> = {}): string {
  return FLEXITI_TEXTS[normalizeLang(lang)][key].replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m))
}

/** "$104.17" in English, "104,17 $" in French (Canadian dollars). */
export function formatCad(amount: number | string, lang: string | undefined): string {
  return new Intl.NumberFormat(normalizeLang(lang) === "fr" ? "fr-CA" : "en-CA", { style: "currency", currency: "CAD" }).format(Number(amount))
}
