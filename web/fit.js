// fit.js: how large the frame's diagram is drawn. Out of presentation its
// box's width decides how many bits a row it takes (32 as the RFC draws it,
// 16 or 8 on narrow screens) so that its smallest text stays legible: 12 CSS
// px, or 20 with Large text. In presentation it is scaled to fill the screen.

import { diagram, MIN_TEXT, widthFor } from './diagram.js';

/** @typedef {import('./contract.js').FrameDetail} FrameDetail */

/** The smallest diagram text, in CSS px: 12 normally, 20 with Large text. */
export const MIN_PX = 12;
export const LARGE_MIN_PX = 20;

/**
 * Bits a diagram row for a box w CSS pixels wide: the most of 32, 16 and 8
 * at which the diagram's smallest text (14 units) is drawn at minPx or more.
 */
export function bitsPerRow(w, minPx = MIN_PX) {
  for (const c of [32, 16, 8]) if (w * (MIN_TEXT / minPx) >= widthFor(c)) return c;
  return 8;
}

/**
 * How to draw d's diagram in wrap: bits a row, and in presentation the
 * width in px (0: the style sheet's) with the drawing already made. Out of
 * presentation the box's width decides, at 12 px or, with Large text, 20 px
 * smallest text. In presentation the diagram is scaled to the largest text
 * at which it fits the box's width and the screen's height below its top;
 * with Large text too it is never smaller than Large text alone makes it
 * (then the page scrolls).
 * @param {FrameDetail} d @param {HTMLElement} wrap
 * @returns {{cols: number, width: number, svg?: SVGSVGElement}}
 */
export function fitDiagram(d, wrap) {
  const root = document.documentElement;
  const large = root.classList.contains('large');
  const w = wrap.clientWidth || 1000;
  // One column (narrow screens): the width decides, as out of presentation.
  if (!root.classList.contains('presenting') || window.innerWidth < 1000) {
    const cols = bitsPerRow(w, large ? LARGE_MIN_PX : MIN_PX);
    return { cols, width: large ? Math.floor(Math.min(w, widthFor(cols) * 2)) : 0 };
  }
  const top = wrap.getBoundingClientRect().top + window.scrollY;
  const hAvail = Math.max(200, window.innerHeight - top - 16);
  let best = { cols: 32, width: 0, scale: 0, svg: /** @type {SVGSVGElement|undefined} */ (undefined) };
  for (const cols of [32, 16, 8]) {
    const svg = diagram(d, { cols });
    const vw = widthFor(cols);
    const vh = Number(svg.getAttribute('height'));
    let scale = Math.min(w / vw, hAvail / vh);
    if (large && cols === bitsPerRow(w, LARGE_MIN_PX)) scale = Math.max(scale, Math.min(w / vw, 2));
    if (scale > best.scale + 0.01) best = { cols, width: Math.floor(vw * scale), scale, svg };
  }
  return best;
}
