// download.js: saves the diagram as a standalone SVG or PNG file. The page's
// SVG takes its look from style.css; a file has no style sheet, so each
// node's computed style is written into presentation attributes of a copy.

import { t } from './i18n.js';

const PROPS = ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'opacity', 'font-family',
  'font-size', 'font-weight', 'text-anchor', 'dominant-baseline', 'letter-spacing', 'visibility'];

/** A copy of svg whose looks need no style sheet. @param {SVGSVGElement} svg */
export function standalone(svg) {
  const copy = /** @type {SVGSVGElement} */ (svg.cloneNode(true));
  const src = [svg, ...svg.querySelectorAll('*')];
  const dst = [copy, ...copy.querySelectorAll('*')];
  src.forEach((el, i) => {
    const cs = getComputedStyle(el);
    for (const p of PROPS) {
      const v = cs.getPropertyValue(p);
      if (v && v !== 'normal' && v !== 'auto') dst[i].setAttribute(p, v);
    }
    dst[i].removeAttribute('class');
    dst[i].removeAttribute('tabindex');
  });
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  return copy;
}

export function svgText(svg) {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(standalone(svg))}`;
}

function save(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadSVG(svg, name) {
  save(new Blob([svgText(svg)], { type: 'image/svg+xml' }), name);
}

/** Renders the standalone SVG on a canvas at 2x and returns a PNG blob. */
export async function pngBlob(svg, scale = 2) {
  const w = Number(svg.getAttribute('width'));
  const hgt = Number(svg.getAttribute('height'));
  const url = URL.createObjectURL(new Blob([svgText(svg)], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = w * scale;
    canvas.height = hgt * scale;
    const ctx = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d'));
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, w, hgt);
    return await new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error(t('dl.nopng')))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

export async function downloadPNG(svg, name) {
  save(await pngBlob(svg), name);
}
