import { TEST_APPLICANT_KEYS, TEST_APPLICANTS } from "../applicants"

/**
 * "Apply as a Flexiti test applicant": the middle names of Flexiti's published test data, each
 * with the decision it stands for. Shared by the widget and the hosted page (#flx-applicant,
 * #flx-apply); the pages' scripts post the choice to the control API.
 */
export function applicantPickerHtml(): string {
  const options = TEST_APPLICANT_KEYS.map((key) => `<option value="${key}">${key} (${TEST_APPLICANTS[key].label})</option>`).join("")
  return `<fieldset id="flx-applicant-box">
    <legend id="flx-applicant-legend">New to Flexiti? Apply as a test applicant</legend>
    <label for="flx-applicant" id="flx-applicant-label">Middle name</label>
    <select id="flx-applicant">${options}</select>
    <div class="actions"><button id="flx-apply" type="button">Apply</button></div>
  </fieldset>`
}

/** The EN/FR labels of the picker, merged into each page's LABELS. */
export const APPLICANT_LABELS = {
  en: { applyLegend: "New to Flexiti? Apply as a test applicant", middleName: "Middle name", apply: "Apply", retry: "Please try again." },
  fr: {
    applyLegend: "Nouveau chez Flexiti? Faites une demande comme candidat de test",
    middleName: "Deuxième prénom",
    apply: "Faire une demande",
    retry: "Veuillez réessayer.",
  },
}
