export interface ChecklistItem {
  id: string
  title: string
  steps: string[]
}

/** What the report asks the merchant to verify by hand (with Flexiti's Marketing Team where stated). */
export const MANUAL_CHECKLIST: ChecklistItem[] = [
  {
    id: "disclosures",
    title: "Disclaimers and disclosures shown to the shopper",
    steps: [
      "Open the checkout in English and in French: the financing step shows Flexiti's disclosures (i18n: qcpa_disclosure for Quebec, insurance, annual_fees) as synced in the admin.",
      "Quebec shoppers see the Quebec Consumer Protection Act disclosure; rates and fees are as prominent as monthly amounts.",
      "Send screenshots to Flexiti: the test plan says these are verified by Flexiti's Marketing Team.",
    ],
  },
  {
    id: "pdfs",
    title: "PDFs shown to the shopper",
    steps: ["Every PDF Flexiti supplies (terms, credit agreement) opens from the checkout and is the current version."],
  },
  {
    id: "links",
    title: "Links shown to the shopper",
    steps: [
      "Links to Flexiti (apply, customer portal https://my.flexiti.com/index for activation) open and land on the right environment.",
      "The product and cart pages' financing messages link to Flexiti's terms.",
    ],
  },
  {
    id: "trust-url",
    title: "Trust URL and server-side calls",
    steps: [
      "The Developer Portal's Trust URL (or IP) of this environment is the store's origin, without a trailing slash.",
      "Open the storefront's network log during a checkout: no request carries a Flexiti access token or the client secret; only the store's server calls Flexiti.",
    ],
  },
  {
    id: "shopper-flows",
    title: "Shopper flows in the widget or hosted page",
    steps: [
      "Apply with Flexiti's test applicants (middle names A-RR_L, D-NO_HIT, P-CREDIT) and check the message the shopper sees for each.",
      "Cancel in the widget: the shopper returns to the payment step and can choose again.",
    ],
  },
]
