import { ModuleProvider, Modules } from "@medusajs/framework/utils"
import { FlexitiProviderService } from "./service"

export default ModuleProvider(Modules.PAYMENT, {
  services: [FlexitiProviderService],
})
