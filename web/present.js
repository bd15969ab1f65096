// present.js: presentation mode and keeping things in view. Presentation
// mode (the Present button, or p) hides everything but the selected frame
// and puts its diagram and the unmask steps side by side, scaled to the
// screen (style.css: html.presenting). reveal() brings the frame into view
// below the sticky header after it was chosen from a list; keepStepInView()
// scrolls just enough that the unmask step being explained is on screen.

import { t } from './i18n.js';

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


/**
 * @param {{button: HTMLElement, frame: HTMLElement}} o
 */
export function initPresent(o) {
  const root = document.documentElement;
  let on = false;

  function label() {
    o.button.setAttribute('aria-pressed', String(on));
    o.button.title = t(on ? 'present.exit.title' : 'present.title');
    const span = o.button.querySelector('span');
    if (span) span.textContent = t(on ? 'present.exit' : 'present');
  }

  /** @param {boolean} [want] */
  function toggle(want) {
    on = want ?? !on;
    root.classList.toggle('presenting', on);
    document.body.dataset.presenting = on ? '1' : '';
    label();
    window.dispatchEvent(new Event('resize'));
    requestAnimationFrame(() => {
      window.scrollTo({ top: 0, behavior: 'auto' });
      if (on) o.frame.focus({ preventScroll: true });
    });
  }

  /** Scrolls the frame (head and diagram) into view, below the sticky header, unless it is there. */
  function reveal() {
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
  label();
  return { toggle, reveal, keepStepInView, label, get on() { return on; } };
}
