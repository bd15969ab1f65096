// dom.js: the one way this page builds DOM. Text always goes through
// textContent and attributes through setAttribute, so bytes from a pasted
// frame or a capture can never become markup. No innerHTML anywhere.

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
