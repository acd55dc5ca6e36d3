// Runs before the app: after signing in or out (the server sets the short-lived cookie
// stafett_fresh), this tab starts on a new Reflex token, so no state of the person before
// reaches the page, not even in the first snapshot the server sends.
(function () {
  if (document.cookie.split("; ").indexOf("stafett_fresh=1") === -1) return;
  try { window.sessionStorage.removeItem("token"); } catch (e) { /* storage off: nothing kept */ }
  document.cookie = "stafett_fresh=; Max-Age=0; Path=/; SameSite=Lax";
})();
