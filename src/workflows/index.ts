export * from "./sync-flexiti-i18n"
export * from "./release-flexiti-authorization"
export * from "./reconcile-flexiti"
