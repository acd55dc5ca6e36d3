// Read aloud: any element with data-speak is read with the browser's speech synthesis, in a
// voice for data-lang (nynorsk uses a Norwegian voice). Buttons show only where such a voice exists.
(function () {
  var synth = window.speechSynthesis;
  var wanted = { nb: /^(nb|no|nn)/i, nn: /^(nn|nb|no)/i, en: /^en/i };

  function voiceFor(lang) {
    if (!synth) return null;
    var pattern = wanted[lang] || wanted.nb;
    return synth.getVoices().find(function (v) { return pattern.test(v.lang); }) || null;
  }

  function refresh() {
    var marker = document.getElementById("ui-lang");
    var lang = (marker && marker.getAttribute("data-lang")) || "nb";
    document.documentElement.classList.toggle("can-speak", !!voiceFor(lang));
  }

  if (synth) {
    refresh();
    synth.addEventListener ? synth.addEventListener("voiceschanged", refresh) : (synth.onvoiceschanged = refresh);
    setInterval(refresh, 3000); // the UI language can change without a reload
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-speak]");
    if (!button || !synth) return;
    var utterance = new SpeechSynthesisUtterance(button.getAttribute("data-speak"));
    var voice = voiceFor(button.getAttribute("data-lang") || "nb");
    if (voice) { utterance.voice = voice; utterance.lang = voice.lang; }
    synth.cancel();
    synth.speak(utterance);
  });
})();

// Skip link: move keyboard focus into the main content, not only the scroll position.
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest(".skip-link");
  if (!link) return;
  var main = document.getElementById("main");
  if (main) { event.preventDefault(); main.focus(); }
});

// Notices on this device (the settings page): ask the browser for permission, subscribe with the
// server's public key, and hand the subscription to the server. The button only shows where the
// browser can do Web Push; the outcome is written into .push-status for everyone to read.
(function () {
  var supported = "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
  document.documentElement.classList.toggle("can-push", supported);
  if (!supported) return;

  function keyBytes(base64url) {
    var base64 = (base64url + "===".slice((base64url.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/");
    var raw = atob(base64), bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return bytes;
  }

  function show(button, outcome) {
    var status = document.querySelector(".push-status");
    if (status) status.textContent = button.getAttribute("data-text-" + outcome) || "";
    document.documentElement.setAttribute("data-push", outcome);
  }

  async function enable() {
    if ((await Notification.requestPermission()) !== "granted") return "denied";
    var registration = await navigator.serviceWorker.ready;
    var subscription = await registration.pushManager.getSubscription();
    if (!subscription) {
      var answer = await fetch("/push/public-key", { credentials: "same-origin", cache: "no-store" });
      if (!answer.ok) return "failed";
      var key = (await answer.json()).publicKey;
      subscription = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(key) });
    }
    var saved = await fetch("/push/subscription", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(subscription.toJSON()),
    });
    return saved.ok ? "on" : "failed";
  }

  // Signing out ends notices on this device too: on a shared tablet the next person should not
  // get the previous person's notices. Sign-out goes on whatever happens here.
  async function forgetThisDevice() {
    var registration = await navigator.serviceWorker.getRegistration();
    var subscription = registration && (await registration.pushManager.getSubscription());
    if (!subscription) return;
    await fetch("/push/subscription", {
      method: "DELETE",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ endpoint: subscription.endpoint }),
    });
    await subscription.unsubscribe();
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[action='/auth/logout']") || form.dataset.deviceForgotten) return;
    event.preventDefault();
    form.dataset.deviceForgotten = "1";
    var done = function () { form.submit(); };
    Promise.race([forgetThisDevice(), new Promise(function (resolve) { setTimeout(resolve, 3000); })]).then(done, done);
  }, true);

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".push-enable");
    if (!button) return;
    button.disabled = true;
    enable().then(function (outcome) { show(button, outcome); }, function () { show(button, "failed"); })
      .finally(function () { button.disabled = false; });
  });
})();
