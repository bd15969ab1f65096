// keys.js: the page's keyboard shortcuts (the help dialog lists them). They
// stay out of text boxes, which Esc leaves.

import { byId } from './dom.js';
import { parts, state, ui } from './state.js';
import { frameRows } from './listview.js';
import { openFrame } from './frameview.js';

/** Where keys are text: the page's shortcuts stay out of them (Esc leaves them). */
const TYPING = 'input:not([type=range]):not([type=checkbox]):not([type=radio]):not([type=button]), textarea, select, [contenteditable]';

/** The keydown handler for the whole document. @param {KeyboardEvent} ev */
export function onKey(ev) {
  if (ev.defaultPrevented || ev.ctrlKey || ev.metaKey || ev.altKey) return;
  const el = /** @type {Element} */ (ev.target);
  if (byId('help').hasAttribute('open')) return;
  const typing = el.closest && el.closest(TYPING);
  const present = parts.present;
  if (typing) {
    if (ev.key === 'Escape') { ev.preventDefault(); /** @type {HTMLElement} */ (typing).blur(); ui.scope.focus({ preventScroll: true }); }
    return;
  }
  if (ev.key === '?') { ev.preventDefault(); openHelp(); return; }
  if (ev.key === '/') { ev.preventDefault(); ui.paste.focus(); return; }
  if (ev.key === 'p' || ev.key === 'P') { ev.preventDefault(); present.toggle(); return; }
  if (ev.key === 'Escape' && present.on) { ev.preventDefault(); present.toggle(false); return; }
  if ((ev.key === 'j' || ev.key === 'k') && state.result) {
    const n = frameRows.count;
    const at = frameRows.positionOf(state.frame);
    const to = Math.max(0, Math.min(n - 1, at + (ev.key === 'j' ? 1 : -1)));
    if (n && to !== at) { state.revealFrame = true; openFrame(frameRows.indexAt(to)); }
    return;
  }
  // Lists keep Up/Down/Home/End and the hex view its arrows (they stop them);
  // Left, Right, Space, Home and End step the unmask from anywhere else.
  if (ev.key === ' ' && el.closest('button, a, summary, [role=tab], [role=option]')) return;
  if (state.unmask && state.unmask.key(ev)) { ev.preventDefault(); present.keepStepInView(); }
}

/** Opens the help dialog (keys and paste forms). */
export function openHelp() { /** @type {HTMLDialogElement} */ (byId('help')).showModal(); }
