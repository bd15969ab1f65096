// lazy/held.js: the stand-in for a paste held outside the box
// (pastemode.js holds one too large for the box): the box's placeholder
// says what was pasted, its size, that it is held outside the box and that
// typing or pasting there replaces it; a line under the box offers to edit
// it in the box or to clear it. Loaded (pastemode.js, import()) with its
// words, in i18n/full/, the first time a paste is held.

import { h, replace, visibleString } from '../dom.js';
import { num, t, tn } from '../i18n.js';

/** Characters of the text's first line the stand-in quotes. */
const QUOTE = 60;

/** The number of lines of text (a last line without '\n' counts). @param {string} text */
function lines(text) {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return text.endsWith('\n') ? n : n + 1;
}

/**
 * Shows the stand-in for text held outside the box (or takes it away, for
 * text ''): the box's placeholder and, after the box, the line with its
 * actions.
 * @param {HTMLTextAreaElement} box
 * @param {string} text
 * @param {{edit: () => void, clear: () => void}} act
 */
export function standIn(box, text, act) {
  const wrap = /** @type {HTMLElement} */ (box.parentElement);
  let bar = document.getElementById('paste-held');
  if (!text) {
    box.removeAttribute('placeholder');
    box.classList.remove('held');
    bar?.remove();
    return;
  }
  const first = text.slice(0, QUOTE + 1).split('\n')[0].trim();
  const start = visibleString(first.length > QUOTE ? `${first.slice(0, QUOTE)}…` : first);
  const size = t('held.size', { chars: tn('held.chars', text.length, { n: num(text.length) }), lines: tn('held.lines', lines(text), { n: num(lines(text)) }) });
  box.placeholder = `${t('held.what', { size, start })}\n${t('held.how')}`;
  box.classList.add('held');
  if (!bar) {
    bar = h('p', { id: 'paste-held', class: 'paste-held', 'data-part': 'held' });
    wrap.after(bar);
  }
  replace(bar, h('span', {}, t('held.note')), ' ',
    h('button', { type: 'button', class: 'link', 'data-action': 'held-edit', onclick: act.edit }, t('held.edit')), ' · ',
    h('button', { type: 'button', class: 'link', 'data-action': 'held-clear', onclick: act.clear }, t('held.clear')));
}
