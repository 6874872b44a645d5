/**
 * EN/FR texts of the checkout's steps between Flexiti windows (applying, activating an account,
 * choosing a plan). Kept apart from i18n.ts so the launcher stays small.
 */
import { normalizeLang } from "./i18n"

const en = {
  applyTitle: "Apply for Flexiti financing",
  applyBody:
    "You don't have a Flexiti account yet. You can apply now without leaving the checkout: Flexiti uses your billing address, email and mobile phone from this order, and answers in a few minutes.",
  applyTerms: "I agree to Flexiti's terms and conditions and consent to Flexiti using this information for my application.",
  applyConfirm: "Apply with Flexiti",
  otherMethod: "Choose another payment method",
  activateTitle: "Activate your Flexiti account",
  activateLink: "Activate my account at Flexiti (opens a new tab)",
  activateRetry: "I activated my account: try again",
  applyRetry: "Flexiti could not finish your application just now. Please try again.",
  planOverCredit: "More than your available Flexiti credit: Flexiti would refuse this plan.",
  creditExceeded:
    "Your Flexiti account's available credit does not cover this order with its interest, so Flexiti would refuse it. Choose another payment method, or remove items from your cart and try Flexiti again.",
  placing: "Placing your order…",
  approvalKept: "Your Flexiti approval is kept. Press “Pay with Flexiti” to choose your plan and place the order.",
}

export type FlexitiStepTextKey = keyof typeof en

const fr: Record<FlexitiStepTextKey, string> = {
  applyTitle: "Demander le financement Flexiti",
  applyBody:
    "Vous n'avez pas encore de compte Flexiti. Vous pouvez faire une demande maintenant sans quitter le paiement : Flexiti utilise l'adresse de facturation, le courriel et le téléphone mobile de cette commande, et répond en quelques minutes.",
  applyTerms: "J'accepte les conditions de Flexiti et je consens à ce que Flexiti utilise ces renseignements pour ma demande.",
  applyConfirm: "Faire une demande avec Flexiti",
  otherMethod: "Choisir un autre mode de paiement",
  activateTitle: "Activez votre compte Flexiti",
  activateLink: "Activer mon compte chez Flexiti (nouvel onglet)",
  activateRetry: "J'ai activé mon compte : réessayer",
  applyRetry: "Flexiti n'a pas pu terminer votre demande pour le moment. Veuillez réessayer.",
  planOverCredit: "Plus que votre crédit Flexiti disponible : Flexiti refuserait ce plan.",
  creditExceeded:
    "Le crédit disponible de votre compte Flexiti ne couvre pas cette commande avec ses intérêts; Flexiti la refuserait. Choisissez un autre mode de paiement, ou retirez des articles du panier et réessayez avec Flexiti.",
  placing: "Commande en cours…",
  approvalKept: "Votre approbation Flexiti est conservée. Appuyez sur « Payer avec Flexiti » pour choisir votre plan et passer la commande.",
}

export const FLEXITI_STEP_TEXTS: Record<"en" | "fr", Record<FlexitiStepTextKey, string>> = { en, fr }

export function stepText(lang: string | undefined, key: FlexitiStepTextKey): string {
  return FLEXITI_STEP_TEXTS[normalizeLang(lang)][key]
}
