// Demo storefront: plain JavaScript over Medusa's store API and the Flexiti storefront kit
// (window.FlexitiKit, built from src/storefront). A Next.js store does the same with the React layer.
const { backendUrl, publishableKey } = window.DEMO_CONFIG
const kit = window.FlexitiKit
const kitOptions = { baseUrl: backendUrl, publishableKey }
const $ = (id) => document.getElementById(id)
const state = { regionId: null, cartId: null, products: [] }

const TEXT = {
  en: { add: "Add to cart", pay: "Pay with Flexiti", thanks: "Thank you! Your order", placed: "is placed.", cancelled: "Flexiti was closed. Choose a payment method to try again." },
  fr: { add: "Ajouter au panier", pay: "Payer avec Flexiti", thanks: "Merci! Votre commande", placed: "est passée.", cancelled: "Flexiti a été fermé. Choisissez un mode de paiement pour réessayer." },
}
const lang = () => $("lang").value
const t = (key) => TEXT[lang()][key]

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
  state.products = products.map((p) => ({ handle: p.handle, title: p.title, variantId: p.variants[0].id, price: p.variants[0].calculated_price.calculated_amount }))
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
  $("pay").textContent = t("pay")
}

document.querySelector('[data-testid="choose-flexiti"]').addEventListener("change", () => {
  $("pay").disabled = false
})

// A flag rather than `disabled`: the modal gives focus back to this button when it closes.
let paying = false
$("pay").addEventListener("click", async () => {
  if (paying) return
  paying = true
  $("payment-message").textContent = ""
  const result = await kit.payWithFlexiti({ ...kitOptions, cartId: state.cartId, lang: lang(), returnUrl: `${location.origin}/return.html` })
  if (result.type === "order") {
    $("cart").hidden = true
    $("confirmation").hidden = false
    $("confirmation").textContent = `${t("thanks")} #${result.order.display_id ?? result.order.id} ${t("placed")}`
    state.cartId = null
  } else {
    $("payment-message").textContent = result.type === "cancel" ? t("cancelled") : result.message
  }
  paying = false
})

$("province").addEventListener("change", renderAsLowAs)
$("lang").addEventListener("change", () => {
  document.documentElement.lang = lang()
  loadProducts()
})

loadProducts().catch((error) => {
  $("products").textContent = `Could not load the store: ${error.message}`
})
