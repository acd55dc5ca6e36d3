// The UI texts in the browser (see stafett_app/i18n/frontend.py): t("key") in a page becomes
// useStafettTexts(lang)["key"], with lang the two letters the server sends (SessionState.lang).
// Bokmål comes with the bundle; nynorsk and English are loaded the first time a page needs them
// (Vite gives each its own content-hashed file), and meanwhile the page shows bokmål.
import { useEffect, useSyncExternalStore } from "react";
import nb from "./texts/nb.js";

const LOADERS = {
  nn: () => import("./texts/nn.js"),
  en: () => import("./texts/en.js"),
};
// The last language shown on this device, loaded early on the next visit.
const REMEMBERED = "stafett_texts_lang";

let remembered = null;
const loaded = { nb };
const loading = {};
const listeners = new Set();

function load(lang) {
  if (!Object.hasOwn(LOADERS, lang) || loaded[lang] || loading[lang]) return;
  loading[lang] = LOADERS[lang]().then(
    (module) => {
      loaded[lang] = module.default;
      listeners.forEach((listener) => listener());
    },
    () => {
      delete loading[lang]; // offline: tried again when a page next needs it
    },
  );
}

function remember(lang) {
  if (remembered === lang || !(Object.hasOwn(LOADERS, lang) || lang === "nb")) return;
  remembered = lang;
  try {
    window.localStorage.setItem(REMEMBERED, lang);
  } catch (error) {
    /* storage off: nothing kept */
  }
}

if (typeof window !== "undefined") {
  try {
    remembered = window.localStorage.getItem(REMEMBERED);
    load(remembered);
  } catch (error) {
    /* storage off */
  }
}

function subscribe(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useStafettTexts(lang) {
  const texts = useSyncExternalStore(
    subscribe,
    () => loaded[lang],
    () => loaded[lang], // prerendering: the state's first language, bokmål
  );
  useEffect(() => {
    load(lang);
    remember(lang);
  }, [lang]);
  return texts || nb;
}
