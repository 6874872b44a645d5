// Demo storefront: plain JavaScript over Medusa's store API and the Flexiti storefront kit
// (window.FlexitiKit, built from src/storefront). A Next.js store does the same with the React layer.
const { backendUrl, publishableKey } = window.DEMO_CONFIG
const kit = window.FlexitiKit
const kitOptions = { baseUrl: backendUrl, publishableKey }
const $ = (id) => document.getElementById(id)
const state = { regionId: null, cartId: null, products: [] }

const TEXT = {
  en: {
    province: "Province",
    language: "Language",
    bc: "British Columbia",
    products: "Products",
    cart: "Cart",
    total: "Total:",
    shipping: "Shipping address",
    email: "Email",
    firstName: "First name",
    lastName: "Last name",
    address: "Address",
    city: "City",
    postalCode: "Postal code",
    phone: "Mobile phone",
    continue: "Continue to payment",
    payment: "Payment",
    method: "Payment method",
    flexiti: "Flexiti financing",
    manual: "Pay at delivery (manual payment)",
    add: "Add to cart",
    pay: "Pay with Flexiti",
    placeManual: "Place order",
    opening: "Opening Flexiti…",
    placing: "Placing your order…",
    thanks: "Thank you! Your order",
    placed: "is placed.",
    manualFailed: "The order could not be placed:",
    cancelled: "Flexiti was closed. Choose a payment method to try again.",
    loadFailed: "Could not load the store:",
  },
  fr: {
    province: "Province",
    language: "Langue",
    bc: "Colombie-Britannique",
    products: "Produits",
    cart: "Panier",
    total: "Total :",
    shipping: "Adresse de livraison",
    email: "Courriel",
    firstName: "Prénom",
    lastName: "Nom",
    address: "Adresse",
    city: "Ville",
    postalCode: "Code postal",
    phone: "Téléphone mobile",
    continue: "Continuer vers le paiement",
    payment: "Paiement",
    method: "Mode de paiement",
    flexiti: "Financement Flexiti",
    manual: "Payer à la livraison (paiement manuel)",
    add: "Ajouter au panier",
    pay: "Payer avec Flexiti",
    placeManual: "Passer la commande",
    opening: "Ouverture de Flexiti…",
    placing: "Commande en cours…",
    thanks: "Merci! Votre commande",
    placed: "est passée.",
    manualFailed: "La commande n'a pas pu être passée :",
    cancelled: "Flexiti a été fermé. Choisissez un mode de paiement pour réessayer.",
    loadFailed: "Impossible de charger la boutique :",
  },
}
const lang = () => $("lang").value
const t = (key) => TEXT[lang()][key]

/** Every static label in the shopper's language. */
function translatePage() {
  document.documentElement.lang = lang()
  try {
    localStorage.setItem("demo-lang", lang()) // the return page after Flexiti's hosted page speaks it too
  } catch {
    // storage unavailable: the return page stays in English
  }
  for (const el of document.querySelectorAll("[data-i18n]")) if (!el.hasAttribute("aria-busy")) el.textContent = t(el.dataset.i18n)
  for (const el of document.querySelectorAll("[data-i18n-label]")) el.setAttribute("aria-label", t(el.dataset.i18nLabel))
}

/** The payment step's message: information (closed, kept, pending review) or an error; focus goes to it. */
function showMessage(text, kind) {
  const box = $("payment-message")
  box.textContent = text
  box.className = kind
  if (text) box.focus()
}

/** A button that waits: stays focusable (the modal gives focus back to it) but says it is busy. */
function setBusy(button, busyText) {
  if (busyText) {
    button.setAttribute("aria-busy", "true")
    button.setAttribute("aria-disabled", "true")
    button.textContent = busyText
  } else {
    button.removeAttribute("aria-busy")
    button.removeAttribute("aria-disabled")
    button.textContent = t(button.dataset.i18n)
  }
}

async function store(path, body) {
  const res = await fetch(`${backendUrl}${path}`, {
    method: body ? "POST" : "GET",
    headers: { "content-type": "application/json", "x-publishable-api-key": publishableKey },
    body: body ? JSON.stringify(body) : undefined,
  })
  const json = await res.json()
  if (!res.ok) throw new Error(json.message ?? `HTTP ${res.status}`)
  return json
}

const money = (amount) => new Intl.NumberFormat(lang() === "fr" ? "fr-CA" : "en-CA", { style: "currency", currency: "CAD" }).format(amount)

async function renderAsLowAs() {
  for (const product of state.products) {
    const el = document.querySelector(`[data-testid="as-low-as-${product.handle}"]`)
    const answer = await kit.fetchCalculator({ ...kitOptions, amount: product.price, lang: lang(), province: $("province").value })
    el.textContent = kit.asLowAsText(answer, lang()) ?? ""
  }
}

async function loadProducts() {
  const { regions } = await store("/store/regions")
  state.regionId = regions.find((r) => r.currency_code === "cad").id
  const { products } = await store(`/store/products?region_id=${state.regionId}&fields=*variants.calculated_price`)
  state.products = products.map((p) => ({
    handle: p.handle,
    title: p.title,
    variantId: p.variants[0].id,
    price: p.variants[0].calculated_price.calculated_amount,
  }))
  $("products").innerHTML = ""
  for (const p of state.products) {
    const card = document.createElement("article")
    card.className = "product"
    card.innerHTML = `<h2></h2><p class="price"></p><p class="as-low-as" data-testid="as-low-as-${p.handle}"></p><button data-testid="add-${p.handle}"></button>`
    card.querySelector("h2").textContent = p.title
    card.querySelector(".price").textContent = money(p.price)
    const button = card.querySelector("button")
    button.textContent = t("add")
    button.addEventListener("click", () => addToCart(p))
    $("products").append(card)
  }
  await renderAsLowAs()
}

async function addToCart(product) {
  if (!state.cartId) {
    const { cart } = await store("/store/carts", { region_id: state.regionId })
    state.cartId = cart.id
  }
  const { cart } = await store(`/store/carts/${state.cartId}/line-items`, { variant_id: product.variantId, quantity: 1 })
  renderCart(cart)
}

function renderCart(cart) {
  $("cart").hidden = false
  $("cart").dataset.cartId = cart.id
  $("cart-lines").innerHTML = ""
  for (const item of cart.items) {
    const li = document.createElement("li")
    li.textContent = `${item.title} × ${item.quantity}`
    $("cart-lines").append(li)
  }
  $("cart-total").textContent = money(cart.total)
}

$("address-form").addEventListener("submit", async (event) => {
  event.preventDefault()
  const form = new FormData(event.target)
  const address = {
    first_name: form.get("first_name"),
    last_name: form.get("last_name"),
    address_1: form.get("address_1"),
    city: form.get("city"),
    postal_code: form.get("postal_code"),
    // Flexiti's application asks for a mobile number (its SMS verification)
    phone: form.get("phone"),
    province: $("province").value,
    country_code: "ca",
  }
  await store(`/store/carts/${state.cartId}`, { email: form.get("email"), shipping_address: address, billing_address: address })
  const { shipping_options } = await store(`/store/shipping-options?cart_id=${state.cartId}`)
  const { cart } = await store(`/store/carts/${state.cartId}/shipping-methods`, { option_id: shipping_options[0].id })
  renderCart(cart)
  await showPayment()
})

async function showPayment() {
  $("payment").hidden = false
  const eligibility = await kit.fetchEligibility({ ...kitOptions, cartId: state.cartId })
  const radio = document.querySelector('[data-testid="choose-flexiti"]')
  radio.disabled = !eligibility.eligible
  $("flexiti-unavailable").hidden = eligibility.eligible
  $("flexiti-unavailable").textContent = kit.eligibilityMessages(eligibility, lang()).join(" ")
}

for (const radio of document.querySelectorAll('input[name="method"]')) {
  radio.addEventListener("change", () => {
    $("pay").hidden = radio.value !== "flexiti"
    $("place-manual").hidden = radio.value !== "manual"
    showMessage("", "")
  })
}

function showOrder(order) {
  $("cart").hidden = true
  $("confirmation").hidden = false
  $("confirmation-title").textContent = `${t("thanks")} #${order.display_id ?? order.id} ${t("placed")}`
  // the result is where the shopper is: focus on the confirmation heading
  $("confirmation-title").focus()
  state.cartId = null
}

/** What the shopper is told after Flexiti: the kit's own message; review and a kept approval are information. */
function showFlexitiResult(result) {
  if (result.type === "cancel") {
    const kept = result.approved && kit.stepText(lang(), "approvalKept")
    return showMessage(kept || t("cancelled"), "info")
  }
  showMessage(result.message, result.reason === "application_pending" ? "info" : "error")
}

let paying = false
$("pay").addEventListener("click", async () => {
  if (paying) return
  paying = true
  showMessage("", "")
  setBusy($("pay"), t("opening"))
  try {
    const result = await kit.payWithFlexiti({ ...kitOptions, cartId: state.cartId, lang: lang(), returnUrl: `${location.origin}/return.html` })
    setBusy($("pay"), null)
    if (result.type === "order") showOrder(result.order)
    else showFlexitiResult(result)
  } finally {
    setBusy($("pay"), null)
    paying = false
  }
})

// The second method: Medusa's system provider (pp_system_default), enabled for the region by the demo seed.
$("place-manual").addEventListener("click", async () => {
  if (paying) return
  paying = true
  showMessage("", "")
  setBusy($("place-manual"), t("placing"))
  try {
    const { payment_collection } = await store("/store/payment-collections", { cart_id: state.cartId })
    await store(`/store/payment-collections/${payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" })
    const completed = await store(`/store/carts/${state.cartId}/complete`, {})
    setBusy($("place-manual"), null)
    if (completed.type === "order") showOrder(completed.order)
    else showMessage(`${t("manualFailed")} ${completed.error?.message ?? ""}`, "error")
  } catch (error) {
    showMessage(`${t("manualFailed")} ${error.message}`, "error")
  } finally {
    setBusy($("place-manual"), null)
    paying = false
  }
})

$("province").addEventListener("change", renderAsLowAs)
$("lang").addEventListener("change", () => {
  translatePage()
  loadProducts()
})

translatePage()
loadProducts().catch((error) => {
  $("products").textContent = `${t("loadFailed")} ${error.message}`
})
