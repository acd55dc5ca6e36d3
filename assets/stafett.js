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
