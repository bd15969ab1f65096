// lang.js: the language a visit starts in, its catalog asked for as soon
// as index.html runs this (async): it comes with app.js's modules, not a
// round trip after them (i18n.js's import gets the same module).

/** @returns {'en'|'ja'|null} */
export function valid(x) {
  const l = String(x || '').toLowerCase().slice(0, 2);
  return l === 'en' || l === 'ja' ? l : null;
}

function stored() {
  try { return localStorage.getItem('wsframe.lang'); } catch { return null; }
}

/** The language to start with: ?lang=, the last choice, the browser's. @returns {'en'|'ja'} */
export function initialLang() {
  const q = valid(new URLSearchParams(location.search).get('lang'));
  if (q) return q;
  const s = valid(stored());
  if (s) return s;
  for (const l of navigator.languages || [navigator.language]) {
    const v = valid(l);
    if (v) return v;
  }
  return 'en';
}

if (typeof location !== 'undefined') (initialLang() === 'ja' ? import('./i18n/ja.js') : import('./i18n/en.js')).catch(() => {});
