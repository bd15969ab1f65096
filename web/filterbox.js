// filterbox.js: the display filter box (#filter, data-part="filter") as
// the lists see it: its text, and where a wrong one goes wrong. What the
// box does as it is typed in (completion, applying after a pause) loads
// with web/lazy/filter.js when it is first used, so the first load
// carries only this.
import { byId } from './dom.js';

const input = /** @type {HTMLInputElement} */ (byId('filter'));
/** @type {Promise<typeof import('./lazy/filter.js')>|null} */ let mod = null;
/** @type {(() => void)|null} */ let changed = null;

const load = () => (mod ||= import('./lazy/filter.js').then((m) => {
  m.wire(input, { onChange: () => changed && changed(), fields: () => import('./engine.js').then((e) => e.client.send('filterFields', [])) });
  return m;
}));
input.addEventListener('focus', load, { once: true });

export const fbox = {
  get value() { return input.value.trim(); },
  /** @param {string} v */ set(v) { input.value = v; if (v) load(); },
  /** @param {any} p */ problem(p) { if (p || mod) load().then((m) => m.problem(p)); },
  /** Says how far a long search has gone (0 to 1). @param {number} x */
  progress(x) { load().then((m) => m.progress(x)); },
  /** What to do when the filter changes. @param {() => void} fn */ onChange(fn) { changed = fn; },
};
