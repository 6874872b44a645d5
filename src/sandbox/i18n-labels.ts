import { Lang } from "./types"

type Labels = Record<string, string>
// A type alias (not an interface) so it is assignable to the schema's loose object.
type I18nLabels = {
  salutations: Labels
  provinces: Labels
  security_ids: Labels
  occupation_ids: { options: Labels }
  housing_type: Labels
  transaction_types: Labels
  plan_ids: Labels
  qcpa_disclosure: string
  insurance: string
  insurance_tc: string
  annual_fees: string
}

/**
 * The answer's shape, its codes and its English labels are those of the example in the POS API's
 * "GET /client-id/{client_id}/i18n" documentation (disclosure texts sit at the top level). The
 * example prints the disclosure texts as "...": the sandbox's texts are samples of its own, said to
 * be so, never Flexiti's wording. French labels are the sandbox's translation.
 */
export const I18N_LABELS: Record<Lang, I18nLabels> = {
  en: {
    salutations: { mr: "Mr.", ms: "Ms.", mrs: "Mrs.", mss: "Miss." },
    provinces: {
      AB: "Alberta",
      BC: "British Columbia",
      MB: "Manitoba",
      NB: "New Brunswick",
      NL: "Newfoundland & Labrador",
      NS: "Nova Scotia",
      NT: "Northwest Territories",
      NU: "Nunavut",
      ON: "Ontario",
      PE: "Prince Edward Island",
      QC: "Quebec",
      SK: "Saskatchewan",
      YT: "Yukon Territory",
    },
    security_ids: {
      "4": "What is the name of your favourite childhood friend?",
      "5": "What is the country of your ultimate dream vacation?",
      "6": "What was the first concert you attended?",
      "7": "What is the name of the street you grew up on?",
      "8": "What is the name of your first grade teacher?",
      "9": "What is your favourite movie?",
    },
    occupation_ids: {
      options: {
        FE: "Full-time Employment",
        PE: "Part-time Employment",
        SE: "Self-Employed",
        RT: "Retired",
        ST: "Student",
        HM: "Homemaker",
        DS: "Disability",
        SW: "Seasonal Worker",
        UE: "Unemployed with income",
        UW: "Unemployed without income",
        OT: "Other",
      },
    },
    housing_type: { Rent: "Rent", Owned: "Owned", Relatives: "Lives with Relatives", Other: "Other" },
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
    qcpa_disclosure: "[Sandbox sample text] Quebec residents: this credit agreement is governed by the Consumer Protection Act.",
    insurance: "[Sandbox sample text] Optional balance protection insurance is available.",
    insurance_tc: "[Sandbox sample text] Insurance terms and conditions apply; see your certificate of insurance.",
    annual_fees: "[Sandbox sample text] An annual fee may apply to your account.",
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
    security_ids: {
      "4": "Quel est le nom de votre ami d'enfance préféré?",
      "5": "Quel est le pays de vos vacances de rêve?",
      "6": "Quel a été le premier concert auquel vous avez assisté?",
      "7": "Quel est le nom de la rue où vous avez grandi?",
      "8": "Quel est le nom de votre enseignant de première année?",
      "9": "Quel est votre film préféré?",
    },
    occupation_ids: {
      options: {
        FE: "Emploi à temps plein",
        PE: "Emploi à temps partiel",
        SE: "Travailleur autonome",
        RT: "Retraité",
        ST: "Étudiant",
        HM: "Personne au foyer",
        DS: "Invalidité",
        SW: "Travailleur saisonnier",
        UE: "Sans emploi avec revenu",
        UW: "Sans emploi sans revenu",
        OT: "Autre",
      },
    },
    housing_type: { Rent: "Locataire", Owned: "Propriétaire", Relatives: "Vit avec de la famille", Other: "Autre" },
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
    qcpa_disclosure: "[Texte d'exemple du bac à sable] Résidents du Québec : ce contrat de crédit est régi par la Loi sur la protection du consommateur.",
    insurance: "[Texte d'exemple du bac à sable] Une assurance protection du solde facultative est offerte.",
    insurance_tc: "[Texte d'exemple du bac à sable] Les conditions de l'assurance s'appliquent; consultez votre certificat d'assurance.",
    annual_fees: "[Texte d'exemple du bac à sable] Des frais annuels peuvent s'appliquer à votre compte.",
  },
}
