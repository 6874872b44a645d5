import { SANDBOX_TEST_ACCOUNTS } from "../test-accounts"
import { APPLICANT_LABELS, applicantPickerHtml } from "./applicant-picker"
import { PAGE_STYLE, PICKER_STYLE } from "./page-style"

/**
 * The hosted widget, reached through widget/init's redirection_url
 * ({origin}/#/widget/{client_id}/{token}?lang&x-reference-id&widget_session_id). It is framed by
 * storefronts, so it sends no X-Frame-Options. Buttons:
 * - purchase flow (#flx-purchase-box):
 *   - #flx-approve: verifies the account in #flx-account (control API) and posts the event the server
 *     built: numeric/true/purchase, or null/false/activation for an account its owner has not activated
 *   - #flx-decline: posts flx-success verified:false action:purchase ("purchase failed")
 *   - #flx-new: "no account yet": posts null/false/apply ("redirect to a new application")
 * - application flow: #flx-apply fills in the application as the test applicant chosen in
 *   #flx-applicant and posts null/true/apply (the merchant then calls POST /apply), or a retry
 * - both: #flx-fail posts flx-failure {error: 409, message} (a widget error; the session stays
 *   pending); #flx-cancel posts flx-cancel
 */
export function widgetPageHtml(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Flexiti sandbox widget</title><style>${PAGE_STYLE}${PICKER_STYLE}</style></head>
<body><main>
  <div class="badge" id="flx-badge">SANDBOX</div>
  <h1 id="flx-title">Flexiti</h1>
  <dl id="flx-session"></dl>
  <div id="flx-purchase-box" hidden>
    <label for="flx-account" id="flx-account-label">Account number</label>
    <input id="flx-account" inputmode="numeric" value="${SANDBOX_TEST_ACCOUNTS.approved.account_number}">
    <div class="actions">
      <button id="flx-approve" type="button">Approve</button>
      <button id="flx-decline" type="button">Decline</button>
      <button id="flx-new" type="button">No account yet</button>
    </div>
  </div>
  <div id="flx-apply-box" hidden>${applicantPickerHtml()}</div>
  <div class="actions">
    <button id="flx-fail" type="button">Widget error</button>
    <button id="flx-cancel" type="button">Cancel</button>
  </div>
  <div id="flx-status" role="status"></div>
</main>
<script>
(function () {
  var PICKER = ${JSON.stringify(APPLICANT_LABELS)};
  var LABELS = {
    en: { title: "Pay with Flexiti", account: "Account number", approve: "Approve", decline: "Decline", fail: "Widget error",
          cancel: "Cancel", new: "No account yet: apply", session: "Session", status: "Status", flow: "Flow", sent: "Sent to the store: ", invalid: "No widget session in this URL." },
    fr: { title: "Payer avec Flexiti", account: "Numéro de compte", approve: "Approuver", decline: "Refuser", fail: "Erreur du widget",
          cancel: "Annuler", new: "Pas encore de compte : faire une demande", session: "Session", status: "Statut", flow: "Parcours", sent: "Envoyé au marchand : ", invalid: "Aucune session de widget dans cette adresse." }
  };
  var match = /^#\\/widget\\/([^/]+)\\/([^?]+)\\?(.*)$/.exec(location.hash);
  var params = new URLSearchParams(match ? match[3] : "");
  var lang = params.get("lang") === "fr" ? "fr" : "en";
  var t = LABELS[lang];
  var sessionId = params.get("widget_session_id");
  var $ = function (id) { return document.getElementById(id); };
  document.documentElement.lang = lang;
  var p = PICKER[lang];
  $("flx-title").textContent = t.title;
  $("flx-applicant-legend").textContent = p.applyLegend;
  $("flx-applicant-label").textContent = p.middleName;
  $("flx-apply").textContent = p.apply;
  $("flx-account-label").textContent = t.account;
  ["approve", "decline", "new", "fail", "cancel"].forEach(function (k) { $("flx-" + k).textContent = t[k]; });

  function status(text) { $("flx-status").textContent = text; }
  // An empty field means "the account the session was opened for", not account 0.
  function accountNumber() { var n = Number($("flx-account").value); return n > 0 ? n : undefined; }
  function post(message) {
    window.parent.postMessage(message, "*");
    status(t.sent + JSON.stringify(message));
  }
  function control(action, body) {
    return fetch("/__sandbox/widget-sessions/" + encodeURIComponent(sessionId) + "/" + action, {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body || {})
    }).then(function (r) { return r.json().then(function (j) { if (!r.ok) throw new Error(j.message || r.status); return j; }); });
  }
  function show(session) {
    var rows = [[t.session, session.widget_session_id], [t.flow, session.flow], [t.status, session.status]];
    $("flx-session").innerHTML = "";
    rows.forEach(function (row) {
      var dt = document.createElement("dt"); dt.textContent = row[0];
      var dd = document.createElement("dd"); dd.textContent = row[1];
      $("flx-session").appendChild(dt); $("flx-session").appendChild(dd);
    });
  }
  if (!sessionId) { status(t.invalid); return; }
  fetch("/__sandbox/widget-sessions/" + encodeURIComponent(sessionId)).then(function (r) { return r.json(); }).then(function (s) {
    if (!s.widget_session_id) { status(s.message || t.invalid); return; }
    show(s);
    $("flx-account").value = s.account_number;
    $(s.flow === "apply" ? "flx-apply-box" : "flx-purchase-box").hidden = false;
  });
  $("flx-approve").onclick = function () {
    control("approve", { account_number: accountNumber() })
      .then(function (r) { show(r); post(r.event); }, function (e) { status(e.message); });
  };
  $("flx-decline").onclick = function () {
    control("decline").then(function (r) { show(r); post(r.event); }, function (e) { status(e.message); });
  };
  $("flx-new").onclick = function () {
    control("new-applicant").then(function (r) { show(r); post(r.event); }, function (e) { status(e.message); });
  };
  $("flx-fail").onclick = function () {
    post({ eventType: "flx-failure", eventData: { error: 409, message: "The purchase could not be completed (sandbox)" } });
  };
  $("flx-cancel").onclick = function () { post({ eventType: "flx-cancel" }); };
  $("flx-apply").onclick = function () {
    control("apply", { applicant: $("flx-applicant").value })
      .then(function (r) { show(r); post(r.event); }, function (e) { status(e.message); });
  };
})();
</script></body></html>`
}
