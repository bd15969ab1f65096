// lazy/filter.js: what the display filter box (#filter, data-part="filter",
// over the lists) does once it is first used: what is typed goes to Go
// (wsframe.filter, package filter) a moment after the last key, through
// onChange; Go answers with the frames and messages that match, or with
// where the filter goes wrong, which problem() shows under the box. The
// field names offered as completions come from Go's field table
// (wsframe.filterFields), the table docs/filters.md is written from.
import { byId, h, replace } from '../dom.js';
import { t } from '../i18n.js';

/** How long typing must pause before the filter is applied, in ms. */
export const DELAY = 250;

/**
 * @typedef {{column: number, message: string, suggest?: string[]}} Problem
 * @typedef {{name: string, type: string, doc: string, example: string}} FieldInfo
 */

/**
 * Wires the box: completion from the field table, and onChange after a pause.
 * @param {HTMLInputElement} input
 * @param {{onChange: () => void, fields: () => Promise<FieldInfo[]>}} o
 */
export function wire(input, o) {
  const list = byId('filter-fields');
  /** @type {FieldInfo[]} */
  let fields = [];
  /** Offers the field names that complete the word being typed. */
  const complete = () => {
    const v = input.value;
    // A field name being typed: letters, after a space, '(' or '!' or at the start.
    const m = /(^|[\s(!])([A-Za-z][A-Za-z_.0-9]*)$/.exec(v);
    const word = m ? m[2] : '';
    const head = v.slice(0, v.length - word.length);
    const names = word ? fields.filter((f) => f.name.startsWith(word) && f.name !== word).slice(0, 40) : [];
    replace(list, ...names.map((f) => h('option', { value: head + f.name, label: `${f.name} (${f.type}): ${f.doc}` })));
  };
  o.fields().then((f) => { fields = f; complete(); }, () => {});
  let timer = 0;
  const later = () => { clearTimeout(timer); timer = window.setTimeout(o.onChange, DELAY); };
  input.addEventListener('input', () => { complete(); later(); });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') { clearTimeout(timer); o.onChange(); }
    if (e.key === 'Escape' && input.value) { input.value = ''; clearTimeout(timer); o.onChange(); }
  });
  if (input.value) later(); // typed while this module loaded
}

/** Shows where the filter goes wrong, or nothing. @param {Problem|null} p */
export function problem(p) {
  const input = byId('filter');
  input.setAttribute('aria-invalid', p ? 'true' : 'false');
  const el = byId('filter-problem');
  el.classList.remove('muted');
  el.textContent = p ? t('filter.problem', { column: p.column, message: p.message }) : '';
}

/** Says how far a long search has gone, until its answer replaces it. @param {number} x */
export function progress(x) {
  const el = byId('filter-problem');
  el.classList.add('muted'); // news, not a problem
  el.textContent = x < 1 ? t('filter.progress', { percent: Math.floor(x * 100) }) : '';
}
