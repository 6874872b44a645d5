export * from "./common"
export * from "./token"
export * from "./pos"
export * from "./online"
