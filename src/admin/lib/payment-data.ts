/** Medusa's id of the Flexiti payment provider (identifier "flexiti", registered with id "flexiti"). */
export const FLEXITI_PROVIDER_ID = "pp_flexiti_flexiti"
