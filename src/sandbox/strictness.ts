/**
 * Checks the sandbox makes although Flexiti's pages do not state them (docs/sandbox.md, "How strict
 * it is"). Each is on by default, so the plugin is examined; a test or a demo can turn one off.
 */
export interface Strictness {
  /**
   * sku_data is checked against its documented fields, types and lengths, and a malformed one is
   * refused with the input error. Flexiti's page says "We do not validate this data": refusing it
   * is this sandbox's inference, so that a plugin sending more than the documented lengths shows.
   */
  sku_data: boolean
}

export const DEFAULT_STRICTNESS: Strictness = { sku_data: true }
