// filterbox.js: the filter box (#filter) as the lists see it; what it does
// when used loads with lazy/filter.js.
import { byId } from './dom.js';

const input = /** @type {HTMLInputElement} */ (byId('filter'));
/** @type {Promise<typeof import('./lazy/filter.js')>|null} */ let mod = null;
/** @type {() => void} */ let changed = () => {};

const load = () => (mod ||= import('./lazy/filter.js').then((m) => {
  m.wire(input, { onChange: () => changed(), fields: () => import('./engine.js').then((e) => e.client.send('filterFields', [])) });
  return m;
}));
input.addEventListener('focus', load, { once: true });

export const fbox = {
  get value() { return input.value.trim(); },
  /** @param {string} v */ set(v) { input.value = v; if (v) load(); },
  /** @param {any} p */ problem(p) { if (p || mod) load().then((m) => m.problem(p)); },
  /** @param {number} x */ progress(x) { load().then((m) => m.progress(x)); },
  /** @param {() => void} fn */ onChange(fn) { changed = fn; },
};
