/** EN/FR texts of the checkout's steps between Flexiti windows (applying, activating an account). */
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
}

export const FLEXITI_STEP_TEXTS: Record<"en" | "fr", Record<FlexitiStepTextKey, string>> = { en, fr }

export function stepText(lang: string | undefined, key: FlexitiStepTextKey): string {
  return FLEXITI_STEP_TEXTS[normalizeLang(lang)][key]
}
