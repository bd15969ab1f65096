// dom.js: the one way this page builds DOM. Text always goes through
// textContent and attributes through setAttribute, so bytes from a pasted
// frame or a capture can never become markup. No innerHTML anywhere.

import { t } from './i18n.js';

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * @typedef {string|number|Node|null|undefined|false|ChildList} Child
 * @typedef {Array<Child>} ChildList
 * @typedef {Record<string, string|number|boolean|null|undefined|EventListener>} Attrs
 */

function build(el, attrs, children) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') {
      el.addEventListener(k.slice(2), /** @type {EventListener} */ (v));
    } else if (k === 'class' && typeof v === 'string') {
      el.setAttribute('class', v);
    } else {
      el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(el, children);
  return el;
}

/** Appends children (strings become text nodes, arrays are flattened). */
export function append(el, children) {
  for (const c of children) {
    if (c == null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
  return el;
}

/**
 * h('div', {class: 'x', onclick: fn}, 'text', child...) → HTMLElement.
 * @param {string} tag @param {Attrs} [attrs] @param {...Child} children
 * @returns {HTMLElement}
 */
export function h(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}

/**
 * s('rect', {x: 0}) → SVGElement, created in the SVG namespace.
 * @param {string} tag @param {Attrs} [attrs] @param {...Child} children
 * @returns {SVGElement}
 */
export function s(tag, attrs, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}

/** Replaces every child of el. */
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/** Looks up an element by id, failing loudly when the page lacks it. */
export function byId(id) {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing #${id}`);
  return el;
}

/*
 * Text from the input, made visible. Control characters (Unicode Cc),
 * format characters (Cf: the bidirectional controls such as U+202E that
 * turn "invoice‮fdp.exe" into "invoiceexe.pdf", zero-width characters, the
 * byte order mark) and the line and paragraph separators U+2028/U+2029
 * would hide or reorder what is around them; they are shown as marks such
 * as ⟨U+202E⟩. The rule is decoder.Invisible's (Go), and both pass the
 * vectors of decoder/testdata/visible.json.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\u2028\u2029]/u;
const INVISIBLE_ALL = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;

/** ⟨U+202E⟩ for a code point. @param {number} cp */
export function mark(cp) {
  return `⟨U+${cp.toString(16).toUpperCase().padStart(4, '0')}⟩`;
}

/**
 * The string with every invisible character as a mark, for attributes,
 * labels and tests. keep lists characters left as they are ("\n\t" where
 * text runs over lines).
 * @param {string} s @param {string} [keep]
 */
export function visibleString(s, keep = '') {
  if (!INVISIBLE.test(s)) return s;
  return s.replace(INVISIBLE_ALL, (c) => (keep.includes(c) ? c : mark(/** @type {number} */ (c.codePointAt(0)))));
}

/**
 * Text from the input as children: plain runs as text, each invisible
 * character as a mark in <span class="ctl"> that names it.
 * @param {string} s @param {string} [keep] @returns {Child[]}
 */
export function vis(s, keep = '') {
  s = String(s ?? '');
  if (!INVISIBLE.test(s)) return [s];
  const out = [];
  let last = 0;
  let cp = -1; // the character of the run of marks being gathered
  let n = 0; // its length
  const endRun = () => {
    if (!n) return;
    // A run of the same character is one span, so that a long one costs
    // one element, not one each (issue 15).
    const u = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
    out.push(h('span', { class: 'ctl', title: n > 1 ? t('vis.chars', { n, u }) : t('vis.char', { u }) }, mark(cp).repeat(n)));
    n = 0;
  };
  for (const m of s.matchAll(INVISIBLE_ALL)) {
    const c = m[0];
    if (keep.includes(c)) continue;
    const at = /** @type {number} */ (m.index);
    const here = /** @type {number} */ (c.codePointAt(0));
    if (at > last || here !== cp) endRun();
    if (at > last) out.push(s.slice(last, at));
    cp = here;
    n++;
    last = at + c.length;
  }
  endRun();
  if (last < s.length) out.push(s.slice(last));
  return out;
}
