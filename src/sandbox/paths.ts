/** Where Flexiti serves its two APIs under a host (Flexiti's API overview; Online API Endpoints Reference). */
export const POS_API_PATH = "/flexiti/pos-api"
export const ONLINE_API_PATH = "/flexiti/online-api"
