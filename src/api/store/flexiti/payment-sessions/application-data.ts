import { MedusaError } from "@medusajs/framework/utils"
import { ApplicationData, applicationDataSchema } from "../../../../flexiti/application"
import { FlexitiCart, provinceOfAddress } from "../cart-context"

/** A Canadian mobile number as Flexiti's "number (10)": digits only, without the country code 1. */
export function tenDigitPhone(phone: string | null | undefined): number | undefined {
  const digits = (phone ?? "").replace(/\D/g, "")
  const national = digits.length === 11 && digits.startsWith("1") ? digits.slice(1) : digits
  return national.length === 10 ? Number(national) : undefined
}

/**
 * The application Flexiti needs (SDK Init Method, fields marked "if apply"), from the cart alone:
 * the billing address (else the shipping address), the cart's email and the address's phone, with
 * the terms agreement the shopper just gave. Says which cart fields are missing instead of
 * sending Flexiti an application it refuses.
 */
export function applicationDataFromCart(cart: FlexitiCart): ApplicationData {
  const address = cart.billing_address ?? cart.shipping_address ?? null
  const candidate = {
    customer_identification: {
      personal_information: {
        first_name: address?.first_name ?? "",
        last_name: address?.last_name ?? "",
        postal_code: address?.postal_code ?? "",
      },
    },
    tos_agreement: true as const,
    email: cart.email ?? "",
    phone_number: tenDigitPhone(address?.phone),
    address_1: address?.address_1 ?? "",
    ...(address?.address_2 ? { address_2: address.address_2 } : {}),
    city: address?.city ?? "",
    province: provinceOfAddress(address),
    account_type: "consumer" as const,
  }
  const parsed = applicationDataSchema.safeParse(candidate)
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[i.path.length - 1])))]
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `A Flexiti application needs these cart details (billing address, email, 10-digit mobile phone): ${fields.join(", ")}`
    )
  }
  return parsed.data
}
