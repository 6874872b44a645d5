import { FlexitiError } from "../../flexiti/errors"

type Lang = "en" | "fr"
type Message = Record<Lang, string>

/**
 * What a shopper is told when Flexiti refuses to authorize a purchase, by Flexiti's error code
 * (the authorization errors of Flexiti's "Error Overview" pages). Medusa passes the provider's
 * message through to the storefront when the cart cannot be completed.
 */
const MESSAGES: Record<string, Message> = {
  credit_exceeded: {
    en: "Your Flexiti account does not have enough available credit for this order. Choose another payment method or a smaller order.",
    fr: "Votre compte Flexiti n'a pas assez de crédit disponible pour cette commande. Choisissez un autre mode de paiement ou une commande plus petite.",
  },
  user_not_able_to_purchase: {
    en: "Your Flexiti account cannot be used for purchases right now. Contact Flexiti or choose another payment method.",
    fr: "Votre compte Flexiti ne peut pas servir à des achats pour le moment. Communiquez avec Flexiti ou choisissez un autre mode de paiement.",
  },
  customer_identity_not_found: {
    en: "Flexiti could not confirm your identity for this purchase. Start the Flexiti checkout again.",
    fr: "Flexiti n'a pas pu confirmer votre identité pour cet achat. Recommencez le paiement avec Flexiti.",
  },
  limit_payment_amount_24: {
    en: "This purchase goes over Flexiti's daily limit of $10,000. Try a smaller amount or another payment method.",
    fr: "Cet achat dépasse la limite quotidienne de 10 000 $ de Flexiti. Essayez un montant plus petit ou un autre mode de paiement.",
  },
  merchant_not_support_nonprime_regularpurchase: {
    en: "Flexiti cannot finance this purchase at this store. Choose another payment method.",
    fr: "Flexiti ne peut pas financer cet achat chez ce marchand. Choisissez un autre mode de paiement.",
  },
  store_configuration: {
    en: "Flexiti financing is temporarily unavailable at this store. Choose another payment method.",
    fr: "Le financement Flexiti n'est pas disponible pour le moment chez ce marchand. Choisissez un autre mode de paiement.",
  },
  in_review: {
    en: "Flexiti is reviewing your application and will contact you. Choose another payment method to order now, or try Flexiti again once it is approved.",
    fr: "Flexiti examine votre demande et communiquera avec vous. Choisissez un autre mode de paiement pour commander maintenant, ou réessayez avec Flexiti une fois la demande approuvée.",
  },
  choose_plan: {
    en: "Choose how you want to pay with Flexiti (a plan and its number of months) before placing the order.",
    fr: "Choisissez comment payer avec Flexiti (un plan et son nombre de mois) avant de passer la commande.",
  },
  checkout_released: {
    en: "This Flexiti checkout was cancelled and its approval given back. Start the Flexiti checkout again to place the order.",
    fr: "Ce paiement Flexiti a été annulé et son approbation libérée. Recommencez le paiement avec Flexiti pour passer la commande.",
  },
  declined: {
    en: "Flexiti did not approve this purchase. Choose another payment method or try Flexiti again.",
    fr: "Flexiti n'a pas approuvé cet achat. Choisissez un autre mode de paiement ou réessayez avec Flexiti.",
  },
}

const SAME_AS: Record<string, string> = {
  not_enough_credit: "credit_exceeded",
  user_not_active: "user_not_able_to_purchase",
}

/**
 * Refusals that are about the merchant's Flexiti setup, not the shopper: the shopper sees a
 * neutral message and the store admin is told what to fix.
 */
export const STORE_CONFIGURATION_CODES: Record<string, string> = {
  auth_not_allowed:
    "Flexiti refused the pre-authorization: this merchant account is not set up for it (auth_not_allowed). Ask Flexiti to enable pre-authorization, or turn on auto capture in Settings → Flexiti.",
  invalid_role: "Flexiti refused the call for this merchant account's role (invalid_role). Check the API credentials with Flexiti.",
  not_permitted: "Flexiti refused the call as not permitted for this merchant account (not_permitted). Check the account's permissions with Flexiti.",
  plan_term_not_set: "Flexiti refused the financing plan (plan_term_not_set). Check the store's default plan and term, then sync plans in Settings → Flexiti.",
  plan_term_not_available: "Flexiti refused the financing plan (plan_term_not_available). Sync plans in Settings → Flexiti and check the store's default plan.",
}

/** The shopper's message for a refused authorization, in their language. */
export function shopperMessage(error: FlexitiError, lang: Lang = "en"): string {
  const code = error.code ?? ""
  if (code in STORE_CONFIGURATION_CODES) return MESSAGES.store_configuration[lang]
  return (MESSAGES[SAME_AS[code] ?? code] ?? MESSAGES.declined)[lang]
}

/** What a shopper reads while Flexiti reviews their application and the store does not take pending orders. */
export function inReviewMessage(lang: Lang = "en"): string {
  return MESSAGES.in_review[lang]
}

/** What a shopper reads when Flexiti offered several options and none was chosen. */
export function choosePlanMessage(lang: Lang = "en"): string {
  return MESSAGES.choose_plan[lang]
}

/** What a shopper reads when the checkout's authorization was released (or is being released) before the order. */
export function checkoutReleasedMessage(lang: Lang = "en"): string {
  return MESSAGES.checkout_released[lang]
}

/**
 * What a shopper reads when Flexiti cannot be reached or answers with an error that is not a
 * refusal: never Flexiti's or the network's own text (the log keeps it), with the reference id
 * the store's support can trace.
 */
export function flexitiUnavailableMessage(lang: Lang = "en", referenceId?: string): string {
  const reference = referenceId ? (lang === "fr" ? ` (référence ${referenceId})` : ` (reference ${referenceId})`) : ""
  return lang === "fr"
    ? `Flexiti ne répond pas pour le moment. Réessayez dans quelques minutes ou choisissez un autre mode de paiement.${reference}`
    : `Flexiti is not answering at the moment. Try again in a few minutes, or choose another payment method.${reference}`
}

/** Flexiti's customer portal, where a shopper activates an account (Widget Communication Events). */
export const FLEXITI_ACTIVATION_URL = "https://my.flexiti.com/index"

/** What comes after each documented widget outcome or application decision. */
export type WidgetOutcome =
  "purchase_refused" | "activation_required" | "apply" | "retry" | "application_approved" | "application_pending" | "application_declined"

const WIDGET_OUTCOME_MESSAGES: Record<WidgetOutcome, Message> = {
  purchase_refused: {
    en: "Flexiti could not approve this purchase; choose another payment method.",
    fr: "Flexiti n'a pas pu approuver cet achat; choisissez un autre mode de paiement.",
  },
  activation_required: {
    en: `Your Flexiti account must be activated before you can use it. Activate it at ${FLEXITI_ACTIVATION_URL}, then come back and try Flexiti again.`,
    fr: `Votre compte Flexiti doit être activé avant de pouvoir l'utiliser. Activez-le à ${FLEXITI_ACTIVATION_URL}, puis revenez et réessayez avec Flexiti.`,
  },
  apply: {
    en: "You don't have a Flexiti account yet. You can apply now without leaving the checkout.",
    fr: "Vous n'avez pas encore de compte Flexiti. Vous pouvez faire une demande maintenant sans quitter le paiement.",
  },
  retry: {
    en: "Flexiti could not finish that step. Please try again.",
    fr: "Flexiti n'a pas pu terminer cette étape. Veuillez réessayer.",
  },
  application_approved: {
    en: "Flexiti approved your application. Confirm your new account to continue with your purchase.",
    fr: "Flexiti a approuvé votre demande. Confirmez votre nouveau compte pour poursuivre votre achat.",
  },
  application_pending: {
    en: "Thank you for applying. Flexiti is reviewing your application and will send you its decision by email. Your cart is saved: you can choose another payment method now.",
    fr: "Merci de votre demande. Flexiti l'examine et vous enverra sa décision par courriel. Votre panier est conservé : vous pouvez choisir un autre mode de paiement dès maintenant.",
  },
  application_declined: {
    en: "Thank you for applying. Flexiti is unable to approve your application at this time. You can complete your order with another payment method.",
    fr: "Merci de votre demande. Flexiti ne peut pas approuver votre demande pour le moment. Vous pouvez terminer votre commande avec un autre mode de paiement.",
  },
}

export function widgetOutcomeMessage(outcome: WidgetOutcome, lang: Lang = "en"): string {
  return WIDGET_OUTCOME_MESSAGES[outcome][lang]
}
