// deflate.js: a compressed message (permessage-deflate, RFC 7692) in the
// microscope: the DEFLATE data as it travelled, the ratio, and its blocks
// (RFC 1951 3.2.3) in a small table with what each block type means.

import { h } from './dom.js';
import { fromHex } from './fields.js';
import { hexText } from './payload.js';

/** @typedef {import('./contract.js').FrameDetail} FrameDetail */
/** @typedef {import('./contract.js').DeflateBlock} DeflateBlock */

/** What each BTYPE means, in one line. */
export const BLOCK_TYPES = {
  stored: 'Stored (BTYPE 00): the bytes follow as they are, after LEN and its complement; a flush ends with an empty one (its 00 00 ff ff is the tail permessage-deflate leaves off).',
  'fixed Huffman': 'Fixed Huffman (BTYPE 01): literals and back-references coded with the table fixed by RFC 1951 §3.2.6, so no table is sent; best for short data.',
  'dynamic Huffman': 'Dynamic Huffman (BTYPE 10): the block first sends its own code tables (HLIT, HDIST and HCLEN say how many codes), fitted to its data.',
};

const SHOW_MAX = 4096; // compressed bytes shown in hex before "show all"

/** How a block's header reads: stored LEN, or a dynamic block's code counts. @param {DeflateBlock} b */
function header(b) {
  if (b.type === 0) return `LEN ${b.len ?? 0}`;
  if (b.type === 2) return `HLIT ${b.hlit}, HDIST ${b.hdist}, HCLEN ${b.hclen}`;
  return '—';
}

/**
 * The blocks table. A match produces at least 3 bytes, so one whose
 * distance is longer than the output up to the end of its block, less 3,
 * reaches back before this message: into the window earlier messages left
 * (context takeover).
 * @param {DeflateBlock[]} blocks
 */
export function blocksTable(blocks) {
  let out = 0;
  const rows = blocks.map((b) => {
    out += b.output;
    const back = b.max_distance && b.max_distance > out - 3;
    return h('tr', {},
      h('td', {}, String(b.index)),
      h('td', {}, b.final ? '1 (last)' : '0'),
      h('td', {}, `${b.type_name} (${b.type.toString(2).padStart(2, '0')})`),
      h('td', { class: 'num' }, `${b.bit_offset} + ${b.bits}`),
      h('td', {}, header(b)),
      h('td', { class: 'num' }, String(b.literals)),
      h('td', { class: 'num' }, String(b.matches)),
      h('td', { class: 'num' }, String(b.output)),
      h('td', { class: 'num', title: back ? 'farther back than this message has produced: it copies from an earlier message, through the shared window' : null },
        b.max_distance ? `${b.max_distance}${back ? ' ↩ earlier message' : ''}` : '—'));
  });
  const types = [...new Set(blocks.map((b) => b.type_name))];
  return h('div', { class: 'deflate-blocks' },
    h('div', { class: 'table-wrap' }, h('table', { class: 'blocks' },
      h('caption', {}, `DEFLATE blocks (${blocks.length})`),
      h('thead', {}, h('tr', {}, ['block', 'BFINAL', 'BTYPE', 'bits at + size', 'header', 'literals', 'matches', 'output', 'farthest distance']
        .map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, rows))),
    h('ul', { class: 'btypes' }, types.map((t) => h('li', {}, BLOCK_TYPES[t] || `${t}: a reserved block type (BTYPE 11), an error`))));
}

/**
 * The compressed side of a message: bytes, ratio, blocks, and what went wrong.
 * @param {FrameDetail} d
 */
export function compressedView(d) {
  const m = d.message;
  if (!m || !m.compressed) return null;
  const bytes = fromHex(d.compressed || '');
  const clen = m.compressed_length ?? bytes.length;
  const ratio = m.length ? `${((clen / m.length) * 100).toFixed(0)}% of the inflated size` : 'nothing inflated';
  const hex = h('div', { class: 'chex' });
  const drawHex = (all) => hex.replaceChildren(hexText(all ? bytes : bytes.subarray(0, SHOW_MAX)),
    !all && bytes.length > SHOW_MAX ? h('button', { type: 'button', class: 'link', onclick: () => drawHex(true) }, `Show all ${bytes.length} bytes`) : '');
  drawHex(false);
  return h('section', { class: 'compressed', 'aria-label': 'Compressed data' },
    h('h3', {}, 'Compressed, as it travelled'),
    h('p', {}, h('strong', {}, `${clen} → ${m.length} bytes`), ` (${ratio}). `,
      m.frames.length > 1 ? `The DEFLATE data is the payloads of frames ${m.frames.join(', ')} joined; ` : '',
      'permessage-deflate leaves off the final 00 00 ff ff, which the receiver adds back before inflating (RFC 7692 §7.2.2).'),
    bytes.length ? hex : h('p', { class: 'muted' }, 'No compressed bytes.'),
    d.deflate_blocks && d.deflate_blocks.length ? blocksTable(d.deflate_blocks) : null,
    d.deflate_error ? h('p', { class: 'warn' }, `The blocks could not all be read: ${d.deflate_error}`) : null,
    m.problem ? h('p', { class: 'warn' }, `Could not inflate this message: ${m.problem}`) : null);
}
