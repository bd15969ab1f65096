// deflate.js: a compressed message (permessage-deflate, RFC 7692) in the
// microscope: the DEFLATE data as it travelled, the ratio, and its blocks
// (RFC 1951 3.2.3) in a small table with what each block type means.

import { h } from './dom.js';
import { fromHex } from './fields.js';
import { hexText } from './payload.js';
import { frameList, num, problemText, sentence, t } from './i18n.js';

/** @typedef {import('./contract.js').FrameDetail} FrameDetail */
/** @typedef {import('./contract.js').DeflateBlock} DeflateBlock */

/** What each BTYPE means, in one line. */
export const BLOCK_TYPES = ['deflate.type.stored', 'deflate.type.fixed', 'deflate.type.dynamic'];

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
      h('td', {}, b.final ? t('deflate.last') : '0'),
      h('td', {}, `${t(`deflate.kind.${b.type}`)} (${b.type.toString(2).padStart(2, '0')})`),
      h('td', { class: 'num' }, `${b.bit_offset} + ${b.bits}`),
      h('td', {}, header(b)),
      h('td', { class: 'num' }, String(b.literals)),
      h('td', { class: 'num' }, String(b.matches)),
      h('td', { class: 'num' }, String(b.output)),
      h('td', { class: 'num', title: back ? t('deflate.back.title') : null },
        b.max_distance ? `${b.max_distance}${back ? t('deflate.back') : ''}` : '—'));
  });
  const types = [...new Set(blocks.map((b) => b.type))];
  return h('div', { class: 'deflate-blocks' },
    h('div', { class: 'table-wrap' }, h('table', { class: 'blocks' },
      h('caption', {}, t('deflate.caption', { n: blocks.length })),
      h('thead', {}, h('tr', {}, ['deflate.col.block', 'BFINAL', 'BTYPE', 'deflate.col.bits', 'deflate.col.header', 'deflate.col.literals', 'deflate.col.matches', 'deflate.col.output', 'deflate.col.distance']
        .map((k) => h('th', { scope: 'col' }, k.startsWith('deflate.') ? t(k) : k)))),
      h('tbody', {}, rows))),
    h('ul', { class: 'btypes' }, types.map((x) => h('li', {}, BLOCK_TYPES[x] ? t(BLOCK_TYPES[x]) : t('deflate.type.reserved', { name: t('deflate.kind.3') })))));
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
  const ratio = m.length ? t('deflate.ratio', { p: ((clen / m.length) * 100).toFixed(0) }) : t('deflate.nothing');
  const hex = h('div', { class: 'chex' });
  const drawHex = (all) => hex.replaceChildren(hexText(all ? bytes : bytes.subarray(0, SHOW_MAX)),
    !all && bytes.length > SHOW_MAX ? h('button', { type: 'button', class: 'link', onclick: () => drawHex(true) }, t('deflate.showall', { n: num(bytes.length) })) : '');
  drawHex(false);
  return h('section', { class: 'compressed', 'aria-label': t('deflate.label') },
    h('h3', {}, t('deflate.h')),
    h('p', {}, h('strong', {}, t('deflate.sizes', { a: num(clen), b: num(m.length) })), ` (${ratio}). `,
      m.frames.length > 1 ? t('deflate.joined', { list: frameList(d) }) : '',
      t('deflate.tail')),
    bytes.length ? hex : h('p', { class: 'muted' }, t('deflate.nobytes')),
    d.deflate_blocks && d.deflate_blocks.length ? blocksTable(d.deflate_blocks) : null,
    d.deflate_error ? h('p', { class: 'warn', 'data-part': 'deflate-error' }, t('deflate.error', { message: sentence({ id: d.deflate_error_id, params: d.deflate_error_params, message: d.deflate_error }) })) : null,
    m.problem ? h('p', { class: 'warn' }, t('deflate.problem', { message: problemText(m) })) : null);
}
