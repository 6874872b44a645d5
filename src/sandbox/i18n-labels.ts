import { Lang } from "./types"

type Labels = Record<string, string>
// A type alias (not an interface) so it is assignable to the schema's loose object.
type I18nLabels = {
  salutations: Labels
  provinces: Labels
  transaction_types: Labels
  plan_ids: Labels
  disclosures: Labels
}

/** Codes and English names are FACT (POS API i18n endpoint); French names are our translation. */
export const I18N_LABELS: Record<Lang, I18nLabels> = {
  en: {
    salutations: { mr: "Mr.", ms: "Ms.", mrs: "Mrs.", mss: "Miss." },
    provinces: {
      AB: "Alberta",
      BC: "British Columbia",
      MB: "Manitoba",
      NB: "New Brunswick",
      NL: "Newfoundland and Labrador",
      NS: "Nova Scotia",
      NT: "Northwest Territories",
      NU: "Nunavut",
      ON: "Ontario",
      PE: "Prince Edward Island",
      QC: "Quebec",
      SK: "Saskatchewan",
      YT: "Yukon",
    },
    transaction_types: { promotional_purchase: "Financed Purchase", regular_purchase: "Revolving Purchase" },
    plan_ids: {
      "1": "90 Days Grace, Equal Payments Regular Interest",
      "2": "Equal Payments, Low Interest",
      "4": "Equal Payments, Regular Interest",
      "5": "Equal Payments, No Interest",
      "6": "No Interest, No Payments (S.A.C.)",
      "7": "No Interest, No Payments",
      "9": "No Interest, Minimum monthly payments",
    },
    disclosures: {
      qcpa_disclosure: "Quebec residents: this credit agreement is governed by the Consumer Protection Act.",
      insurance: "Optional balance protection insurance is available.",
      insurance_tc: "Insurance terms and conditions apply; see your certificate of insurance.",
      annual_fees: "An annual fee may apply to your account.",
    },
  },
  fr: {
    salutations: { mr: "M.", ms: "Mme", mrs: "Mme", mss: "Mlle" },
    provinces: {
      AB: "Alberta",
      BC: "Colombie-Britannique",
      MB: "Manitoba",
      NB: "Nouveau-Brunswick",
      NL: "Terre-Neuve-et-Labrador",
      NS: "Nouvelle-Écosse",
      NT: "Territoires du Nord-Ouest",
      NU: "Nunavut",
      ON: "Ontario",
      PE: "Île-du-Prince-Édouard",
      QC: "Québec",
      SK: "Saskatchewan",
      YT: "Yukon",
    },
    transaction_types: { promotional_purchase: "Achat financé", regular_purchase: "Achat renouvelable" },
    plan_ids: {
      "1": "Grâce de 90 jours, versements égaux à intérêt régulier",
      "2": "Versements égaux, faible intérêt",
      "4": "Versements égaux, intérêt régulier",
      "5": "Versements égaux, sans intérêt",
      "6": "Sans intérêt, sans paiement (S.A.C.)",
      "7": "Sans intérêt, sans paiement",
      "9": "Sans intérêt, paiements mensuels minimums",
    },
    disclosures: {
      qcpa_disclosure: "Résidents du Québec : ce contrat de crédit est régi par la Loi sur la protection du consommateur.",
      insurance: "Une assurance protection du solde facultative est offerte.",
      insurance_tc: "Les conditions de l'assurance s'appliquent; consultez votre certificat d'assurance.",
      annual_fees: "Des frais annuels peuvent s'appliquer à votre compte.",
    },
  },
}
