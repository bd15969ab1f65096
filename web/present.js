// present.js: presentation mode and keeping things in view. Presentation
// mode (the Present button, or p) hides everything but the selected frame:
// its diagram scaled to fill the screen (scope.js fits it), beside it the
// frame's head, violations, unmask step and message, and a bar to go from
// frame to frame ("frame 3 of 12", j and k). Its reveal setting (on by
// default, remembered) shows unmasked characters in the diagram only as the
// steps reach them (style.css: html.presenting.reveal). reveal() brings the
// frame into view below the sticky header after it was chosen from a list;
// keepStepInView() scrolls just enough that the unmask step is on screen.

import { h } from './dom.js';
import { num, t } from './i18n.js';

/** Whether el's box lies inside the viewport, below top. */
function inView(el, top = 0) {
  const r = el.getBoundingClientRect();
  return r.top >= top && r.bottom <= window.innerHeight && r.left >= 0 && r.right <= window.innerWidth;
}

/** The height the sticky header covers (0 when it does not stick). */
function headerCover() {
  const top = document.querySelector('.top');
  if (!top) return 0;
  const pos = getComputedStyle(top).position;
  return pos === 'sticky' || pos === 'fixed' ? top.getBoundingClientRect().bottom : 0;
}

const REVEAL = 'wsframe.reveal';
const loadReveal = () => { try { return localStorage.getItem(REVEAL) !== '0'; } catch { return true; } };
const storeReveal = (on) => { try { localStorage.setItem(REVEAL, on ? '1' : '0'); } catch { /* this visit only */ } };

/**
 * @param {{button: HTMLElement, frame: HTMLElement, nav: HTMLElement, onMove: (by: number) => void}} o
 */
export function initPresent(o) {
  const root = document.documentElement;
  let on = false;
  let at = -1;
  let total = 0;

  const prev = h('button', { type: 'button', 'data-action': 'present-prev', 'aria-keyshortcuts': 'k', onclick: () => o.onMove(-1) });
  const next = h('button', { type: 'button', 'data-action': 'present-next', 'aria-keyshortcuts': 'j', onclick: () => o.onMove(1) });
  const where = h('span', { class: 'present-at', 'data-part': 'present-at', 'aria-live': 'polite' });
  const reveal = /** @type {HTMLInputElement} */ (h('input', { type: 'checkbox', 'data-action': 'reveal', checked: loadReveal() }));
  const revealLabel = h('span', {});
  reveal.addEventListener('change', () => { storeReveal(reveal.checked); apply(); });
  o.nav.replaceChildren(h('span', { class: 'present-move' }, prev, where, next), h('label', { class: 'reveal-set' }, reveal, ' ', revealLabel));

  function apply() {
    root.classList.toggle('reveal', on && reveal.checked);
  }

  function label() {
    o.button.setAttribute('aria-pressed', String(on));
    o.button.title = t(on ? 'present.exit.title' : 'present.title');
    const span = o.button.querySelector('span');
    if (span) span.textContent = t(on ? 'present.exit' : 'present');
    prev.textContent = '◀';
    next.textContent = '▶';
    prev.title = t('present.prev.title');
    next.title = t('present.next.title');
    prev.setAttribute('aria-label', t('present.prev'));
    next.setAttribute('aria-label', t('present.next'));
    revealLabel.textContent = t('present.reveal');
    o.nav.setAttribute('aria-label', t('present.nav'));
    where.textContent = at >= 0 ? t('present.at', { i: num(at + 1), n: num(total) }) : '';
  }

  /** Says which frame of how many is shown (at counts from 0 in the list). */
  function position(p, n) {
    at = p;
    total = n;
    /** @type {HTMLButtonElement} */ (prev).disabled = p <= 0;
    /** @type {HTMLButtonElement} */ (next).disabled = p < 0 || p >= n - 1;
    label();
  }

  /** @param {boolean} [want] */
  function toggle(want) {
    on = want ?? !on;
    root.classList.toggle('presenting', on);
    document.body.dataset.presenting = on ? '1' : '';
    o.nav.hidden = !on;
    apply();
    label();
    window.dispatchEvent(new Event('resize'));
    requestAnimationFrame(() => {
      window.scrollTo({ top: 0, behavior: 'auto' });
      if (on) o.frame.focus({ preventScroll: true });
    });
  }

  /** Scrolls the frame (head and diagram) into view, below the sticky header, unless it is there. */
  function revealFrame() {
    if (on) return;
    requestAnimationFrame(() => {
      const cover = headerCover();
      o.frame.style.scrollMarginTop = `${cover + 8}px`;
      if (!inView(o.frame, cover)) o.frame.scrollIntoView({ block: 'start', behavior: 'auto' });
    });
  }

  /** Keeps the unmask step being explained (and the lit key byte) on screen. */
  function keepStepInView() {
    requestAnimationFrame(() => {
      const cover = headerCover();
      const card = document.querySelector('[data-part="unmask"] .xor');
      if (card && !inView(card, cover)) {
        /** @type {HTMLElement} */ (card).style.scrollMarginTop = `${cover + 8}px`;
        card.scrollIntoView({ block: 'nearest', behavior: 'auto' });
      }
    });
  }

  o.button.addEventListener('click', () => toggle());
  o.nav.hidden = true;
  label();
  return { toggle, reveal: revealFrame, keepStepInView, label, position, get on() { return on; } };
}
