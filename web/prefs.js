// prefs.js: the reader's display choices: colour scheme (follow the system,
// light, dark) and large text for projectors. Kept in localStorage, applied
// as attributes on <html> so style.css does the rest.

import { t } from './i18n.js';

const THEMES = ['auto', 'light', 'dark'];

function load(key, fallback) {
  try { return localStorage.getItem(key) || fallback; } catch { return fallback; }
}

function store(key, value) {
  try { localStorage.setItem(key, value); } catch { /* private mode: keep it for this visit */ }
}

/** Wires the theme and large-text buttons. */
export function initPrefs(themeBtn, largeBtn) {
  const root = document.documentElement;
  let theme = load('wsframe.theme', 'auto');
  let large = load('wsframe.large', '0') === '1';
  const apply = () => {
    root.setAttribute('data-theme', THEMES.includes(theme) ? theme : 'auto');
    root.classList.toggle('large', large);
    themeBtn.textContent = t('theme', { name: t(`theme.${theme}`) });
    largeBtn.setAttribute('aria-pressed', String(large));
  };
  themeBtn.addEventListener('click', () => {
    theme = THEMES[(THEMES.indexOf(theme) + 1) % THEMES.length];
    store('wsframe.theme', theme);
    apply();
  });
  largeBtn.addEventListener('click', () => {
    large = !large;
    store('wsframe.large', large ? '1' : '0');
    apply();
    window.dispatchEvent(new Event('resize'));
  });
  apply();
  return { apply };
}
