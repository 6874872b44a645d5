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
}

export const FLEXITI_TEXTS: Record<FlexitiLang, Record<FlexitiTextKey, string>> = { en, fr }

export function normalizeLang(lang: string | undefined | null): FlexitiLang {
  return String(lang ?? "").toLowerCase().startsWith("fr") ? "fr" : "en"
}

/** The text for `key` in `lang`, with `{name}` placeholders filled in. */
export function flexitiText(lang: string | undefined, key: FlexitiTextKey, vars: Record<string, string | number> = {}): string {
  return FLEXITI_TEXTS[normalizeLang(lang)][key].replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m))
}

/** "$104.17" in English, "104,17 $" in French (Canadian dollars). */
export function formatCad(amount: number | string, lang: string | undefined): string {
  return new Intl.NumberFormat(normalizeLang(lang) === "fr" ? "fr-CA" : "en-CA", { style: "currency", currency: "CAD" }).format(Number(amount))
}
