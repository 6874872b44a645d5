import { SANDBOX_TEST_ACCOUNTS } from "../test-accounts"
import { APPLICANT_LABELS, applicantPickerHtml } from "./applicant-picker"
import { PAGE_STYLE, PICKER_STYLE } from "./page-style"

/**
 * The hosted Online API flow, reached through systems/init's redirection_url
 * ({origin}/online/#/order/{online_order_id}?lang=..). Approve / Decline / Cancel complete the order
 * through the control API, then navigate the top window (it may be framed in a modal) to the
 * client's success or error URL; without such a URL the page shows a completion message.
 * #flx-apply applies as the chosen test applicant (#flx-applicant); an order started on the
 * apply-only path (no /v2) opens on the application and hides the existing-account part.
 */
export function onlinePageHtml(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Flexiti sandbox online checkout</title><style>${PAGE_STYLE}${PICKER_STYLE}</style></head>
<body><main>
  <div class="badge">SANDBOX</div>
  <h1 id="flx-title">Flexiti</h1>
  <dl id="flx-order"></dl>
  <div id="flx-existing">
  <label for="flx-account" id="flx-account-label">Account number</label>
  <input id="flx-account" inputmode="numeric" value="${SANDBOX_TEST_ACCOUNTS.approved.account_number}">
  <div class="actions">
    <button id="flx-approve" type="button">Approve</button>
    <button id="flx-decline" type="button">Decline</button>
    <button id="flx-cancel" type="button">Cancel</button>
  </div>
  </div>
  ${applicantPickerHtml()}
  <div id="flx-status" role="status"></div>
</main>
<script>
(function () {
  var PICKER = ${JSON.stringify(APPLICANT_LABELS)};
  var LABELS = {
    en: { title: "Flexiti checkout", account: "Account number", approve: "Approve", decline: "Decline", cancel: "Cancel",
          order: "Order", merchantOrder: "Merchant order", amount: "Amount", status: "Status",
          done: "Done. You can return to the store.", invalid: "No order in this URL." },
    fr: { title: "Paiement Flexiti", account: "Numéro de compte", approve: "Approuver", decline: "Refuser", cancel: "Annuler",
          order: "Commande", merchantOrder: "Commande du marchand", amount: "Montant", status: "Statut",
          done: "Terminé. Vous pouvez retourner au magasin.", invalid: "Aucune commande dans cette adresse." }
  };
  var match = /^#\\/order\\/(\\d+)(?:\\?(.*))?$/.exec(location.hash);
  var params = new URLSearchParams(match && match[2] ? match[2] : "");
  var t = LABELS[params.get("lang") === "fr" ? "fr" : "en"];
  var orderId = match ? match[1] : null;
  var $ = function (id) { return document.getElementById(id); };
  var p = PICKER[params.get("lang") === "fr" ? "fr" : "en"];
  $("flx-title").textContent = t.title;
  $("flx-applicant-legend").textContent = p.applyLegend;
  $("flx-applicant-label").textContent = p.middleName;
  $("flx-apply").textContent = p.apply;
  $("flx-account-label").textContent = t.account;
  ["approve", "decline", "cancel"].forEach(function (k) { $("flx-" + k).textContent = t[k]; });
  function status(text) { $("flx-status").textContent = text; }
  // An empty field means "the default test account" (the server's default), not account 0.
  function accountNumber() { var n = Number($("flx-account").value); return n > 0 ? n : undefined; }
  function show(o) {
    var rows = [[t.order, o.online_order_id], [t.merchantOrder, o.merchant_orderid || ""], [t.amount, Number(o.amount).toFixed(2)], [t.status, o.status]];
    $("flx-order").innerHTML = "";
    rows.forEach(function (row) {
      var dt = document.createElement("dt"); dt.textContent = row[0];
      var dd = document.createElement("dd"); dd.textContent = row[1];
      $("flx-order").appendChild(dt); $("flx-order").appendChild(dd);
    });
  }
  function finish(action, body) {
    fetch("/__sandbox/online-orders/" + orderId + "/" + action, {
      method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify(body)
    }).then(function (r) { return r.json().then(function (j) { if (!r.ok) throw new Error(j.message || r.status); return j; }); })
      .then(function (o) {
        show(o);
        if (o.retry) { status(p.retry); return; }
        if (!o.redirect_url) { status(t.done); return; }
        try { window.top.location.href = o.redirect_url; } catch (e) { window.location.href = o.redirect_url; }
      }, function (e) { status(e.message); });
  }
  if (!orderId) { status(t.invalid); return; }
  fetch("/__sandbox/online-orders/" + orderId).then(function (r) { return r.json(); })
    .then(function (o) {
      if (!o.online_order_id) { status(o.message || t.invalid); return; }
      show(o);
      if (o.apply_only) { $("flx-existing").hidden = true; }
    });
  function complete(outcome) { finish("complete", { outcome: outcome, account_number: accountNumber() }); }
  $("flx-approve").onclick = function () { complete("approve"); };
  $("flx-decline").onclick = function () { complete("decline"); };
  $("flx-cancel").onclick = function () { complete("cancel"); };
  $("flx-apply").onclick = function () { finish("apply", { applicant: $("flx-applicant").value }); };
})();
</script></body></html>`
}
