// builder.js: the "Build a frame" panel. Every field of RFC 6455 §5.2 is a
// control (FIN, RSV1-3, the 16 opcodes, MASK and its key, the payload as
// text, hex or a close code and reason, the length encoding), with
// fragmentation, a ping between fragments and permessage-deflate. Each
// change asks Go (wsframe.encode, through the worker) for the bytes and
// shows them, a frame a line, with what the decoder says of them; one
// button puts them in the paste box, another fills the panel from the frame
// on screen. The page computes nothing here: Go builds and decodes.

import { h, replace } from '../dom.js';
import { fromHex, hex2 } from '../fields.js';
import { explain, onLang, opcodeName, t, tn } from '../i18n.js';
import { errorWords } from '../busy.js';

/**
 * What wsframe.encode returns (docs/contract.md, "Building frames").
 * @typedef {Object} Built
 * @property {string} hex            the wire bytes, lowercase hex
 * @property {string} paste          the same bytes spaced, one frame a line
 * @property {'client'|'server'} from
 * @property {string} [extension]
 * @property {import('../contract.js').Frame[]} frames
 * @property {import('../contract.js').Message[]} messages
 * @property {import('../contract.js').InputError[]} errors
 */

/** An opcode's option text: "0x1 text", "0xB reserved". */
const opLabel = (i) => `0x${i.toString(16).toUpperCase()} ${i >= 3 && i <= 7 || i >= 11 ? t('builder.reserved') : opcodeName(i)}`;

/**
 * Builds the panel inside container.
 * @param {HTMLElement} container
 * @param {{encode: (spec: any) => Promise<Built>, onPaste: (b: Built) => void,
 *   current: () => (import('../contract.js').FrameDetail|null), toast: (text: string, bad?: boolean) => void}} o
 */
export function initBuilder(container, o) {
  const id = (name) => `b-${name}`;
  // Static words carry data-i18n (and data-i18n-attr), so that a language
  // switch (localize) rewrites them in place; what is made from values is
  // drawn again on the switch.
  const w = (tag, key, attrs = {}) => h(tag, { ...attrs, 'data-i18n': key }, t(key));
  const attr = (pairs) => ({ 'data-i18n-attr': pairs.map(([a, k]) => `${a}=${k}`).join(';'), ...Object.fromEntries(pairs.map(([a, k]) => [a, t(k)])) });
  const field = (label, control, help) => [
    w('label', label, { for: control.id }),
    help ? h('div', { class: 'b-ctl' }, control, help) : control,
  ];
  const input = (name, attrs = {}) => /** @type {HTMLInputElement} */ (h('input', { id: id(name), name, ...attrs }));
  /** A checkbox labelled with a header bit's name (FIN, RSV1, MASK) or, when key is set, words. */
  const check = (name, label, on = false, key = false) => {
    const c = input(name, { type: 'checkbox' });
    c.checked = on;
    return { box: c, el: h('label', { class: 'b-check', for: c.id }, c, key ? w('span', label) : label) };
  };
  const select = (name, options) => /** @type {HTMLSelectElement} */ (h('select', { id: id(name), name }, options.map(([v, k]) => w('option', k, { value: v }))));

  const from = select('from', [['client', 'side.client'], ['server', 'side.server']]);
  const fin = check('fin', 'FIN', true);
  const rsv = [1, 2, 3].map((n) => check(`rsv${n}`, `RSV${n}`));
  const opcode = select('opcode', [['', 'builder.opcode.auto']]);
  const opcodes = Array.from({ length: 16 }, (_, i) => h('option', { value: String(i) }, opLabel(i)));
  opcode.append(...opcodes);
  const mask = check('mask', 'MASK', true);
  const key = input('key', { type: 'text', spellcheck: 'false', autocomplete: 'off', ...attr([['placeholder', 'builder.key.placeholder']]), maxlength: 16, class: 'mono', 'aria-describedby': id('key-help') });
  const kind = select('kind', [['text', 'builder.kind.text'], ['hex', 'builder.kind.hex'], ['close', 'builder.kind.close']]);
  const text = /** @type {HTMLTextAreaElement} */ (h('textarea', { id: id('text'), rows: 2, spellcheck: 'false', ...attr([['aria-label', 'builder.payload']]) }));
  const code = input('code', { type: 'number', min: 0, max: 65535, value: 1000, ...attr([['aria-label', 'builder.code']]) });
  const reason = input('reason', { type: 'text', spellcheck: 'false', ...attr([['placeholder', 'builder.reason'], ['aria-label', 'builder.reason']]) });
  const closeRow = h('div', { class: 'b-close' }, code, reason);
  const length = select('length', [['', 'builder.length.auto'], ['7', 'builder.length.7'], ['16', 'builder.length.16'], ['64', 'builder.length.64']]);
  const fragment = input('fragment', { type: 'number', min: 0, value: 0, 'aria-describedby': id('fragment-unit') });
  const ping = check('ping', 'builder.ping', false, true);
  const pingText = input('ping-text', { type: 'text', spellcheck: 'false', ...attr([['placeholder', 'builder.ping.text'], ['aria-label', 'builder.ping.text']]) });
  const deflate = check('deflate', 'builder.deflate', false, true);
  const noTakeover = check('no-takeover', 'builder.no-takeover', false, true);
  const times = input('times', { type: 'number', min: 1, max: 8, value: 1, 'aria-describedby': id('times-unit') });

  // Fields whose default depends on others (MASK on the side, RSV1 on
  // compression) follow it until the user sets them.
  const touched = new Set();
  const out = h('div', { class: 'b-out', 'data-part': 'builder-out', 'aria-live': 'polite' });
  const error = h('div', { class: 'perror', role: 'alert' });
  /** @type {Built|null} */ let built = null;

  const putBtn = h('button', { type: 'button', class: 'primary', 'data-action': 'builder-paste', onclick: () => built && o.onPaste(built), 'data-i18n': 'builder.paste' }, t('builder.paste'));
  const editBtn = h('button', { type: 'button', 'data-action': 'builder-edit', onclick: () => editCurrent(), 'data-i18n': 'builder.edit' }, t('builder.edit'));
  const copyBtn = h('button', {
    type: 'button', 'data-action': 'builder-copy', 'data-i18n': 'builder.copy',
    onclick: async () => { if (built) { try { await navigator.clipboard.writeText(built.paste); o.toast(t('builder.copied')); } catch { /* no clipboard: the hex is on screen */ } } },
  }, t('builder.copy'));

  const grid = h('div', { class: 'b-grid' },
    field('builder.from', from),
    w('span', 'builder.flags', { class: 'b-lbl' }), h('div', { class: 'b-flags' }, fin.el, rsv.map((r) => r.el), mask.el),
    field('builder.opcode', opcode),
    field('builder.key', key, w('span', 'builder.key.help', { id: id('key-help'), class: 'muted small' })),
    field('builder.payload', kind),
    h('span'), h('div', { class: 'b-ctl' }, text, closeRow),
    field('builder.length', length),
    w('label', 'builder.fragment', { for: fragment.id }), h('div', { class: 'b-inline' }, fragment, w('span', 'builder.fragment.unit', { id: id('fragment-unit'), class: 'muted small' })),
    h('span'), h('div', { class: 'b-inline' }, ping.el, pingText),
    h('span', { class: 'b-lbl' }, 'RFC 7692'), h('div', { class: 'b-inline' }, deflate.el, noTakeover.el),
    w('label', 'builder.times', { for: times.id }), h('div', { class: 'b-inline' }, times, w('span', 'builder.times.unit', { id: id('times-unit'), class: 'muted small' })),
  );
  replace(container,
    w('p', 'builder.intro', { class: 'muted small' }),
    grid,
    h('div', { class: 'b-actions' }, putBtn, editBtn, copyBtn),
    error, out);
  container.dataset.part = 'builder';
  text.value = 'Good bye.';

  /** The spec the controls describe (docs/contract.md). */
  function spec() {
    /** @type {Record<string, any>} */
    const s = { from: from.value, fin: fin.box.checked, rsv2: rsv[1].box.checked, rsv3: rsv[2].box.checked };
    if (touched.has('rsv1')) s.rsv1 = rsv[0].box.checked;
    if (touched.has('mask')) s.mask = mask.box.checked;
    if (opcode.value !== '') s.opcode = Number(opcode.value);
    if (key.value.trim()) s.mask_key = key.value.trim();
    if (kind.value === 'text') s.text = text.value;
    else if (kind.value === 'hex') s.hex = text.value;
    else s.close = code.value === '' ? {} : { code: Number(code.value), reason: reason.value };
    if (length.value) s.length_bits = Number(length.value);
    const n = Number(fragment.value);
    if (n > 0) s.fragment = n;
    if (ping.box.checked) s.ping_between = pingText.value || true;
    if (deflate.box.checked) s.extension = `permessage-deflate${noTakeover.box.checked ? `; ${from.value}_no_context_takeover` : ''}`;
    const k = Math.max(1, Math.min(8, Number(times.value) || 1));
    return k === 1 ? s : Array.from({ length: k }, () => ({ ...s }));
  }

  function sync() {
    closeRow.hidden = kind.value !== 'close';
    text.hidden = kind.value === 'close';
    pingText.disabled = !ping.box.checked;
    noTakeover.box.disabled = !deflate.box.checked;
    if (!touched.has('mask')) mask.box.checked = from.value === 'client';
    key.disabled = !mask.box.checked;
  }

  let seq = 0;
  let timer = 0;
  async function run() {
    sync();
    const mine = ++seq;
    let b;
    try {
      b = await o.encode(spec());
    } catch (e) {
      if (mine !== seq) return;
      container.dataset.state = 'done';
      built = null;
      replace(error, h('p', { class: 'emsg' }, errorWords(e)));
      replace(out);
      putBtn.toggleAttribute('disabled', true);
      return;
    }
    if (mine !== seq) return;
    built = b;
    putBtn.toggleAttribute('disabled', false);
    replace(error);
    if (!touched.has('rsv1') && b.frames.length) rsv[0].box.checked = b.frames[0].rsv1;
    replace(out, render(b));
    container.dataset.frames = String(b.frames.length);
    container.dataset.state = 'done';
  }
  const soon = () => { container.dataset.state = 'busy'; seq++; clearTimeout(timer); timer = window.setTimeout(run, 120); };

  // A new kind of payload brings its own opcode back (text 1, hex 2, close 8).
  kind.addEventListener('change', () => { opcode.value = ''; });
  for (const el of [from, opcode, kind, length, key, text, code, reason, fragment, pingText, times]) {
    el.addEventListener('input', soon);
    el.addEventListener('change', soon);
  }
  /** @type {[string, {box: HTMLInputElement}][]} */
  const checks = [['fin', fin], ['rsv1', rsv[0]], ['rsv2', rsv[1]], ['rsv3', rsv[2]], ['mask', mask], ['ping', ping], ['deflate', deflate], ['no-takeover', noTakeover]];
  for (const [name, c] of checks) {
    c.box.addEventListener('change', () => { touched.add(name); soon(); });
  }

  /** Fills the controls from the frame on screen ("edit this frame"). */
  function editCurrent() {
    const d = o.current();
    if (!d) { o.toast(t('builder.nothing'), true); return; }
    const f = d.frame;
    const m = d.message;
    touched.clear();
    touched.add('mask');
    touched.add('rsv1');
    from.value = f.from;
    fin.box.checked = f.fin;
    rsv.forEach((r, i) => { r.box.checked = [f.rsv1, f.rsv2, f.rsv3][i]; });
    mask.box.checked = f.masked;
    key.value = f.mask_key || '';
    opcode.value = String(f.opcode);
    length.value = String(f.length_bits || '');
    fragment.value = '0';
    ping.box.checked = false;
    times.value = '1';
    // A compressed message of one frame is edited as its inflated data,
    // compressed again; anything else as the payload on the wire.
    const inflated = f.rsv1 && m && m.compressed && m.frames.length === 1 && !m.data_truncated;
    const ext = d.handshake && d.handshake.negotiated;
    deflate.box.checked = Boolean(inflated);
    noTakeover.box.checked = Boolean(inflated && ext && ext[`${f.from}_no_context_takeover`]);
    const bytes = fromHex(inflated ? m.data : f.payload);
    const utf8 = decodeUTF8(bytes);
    if (f.opcode === 8 && bytes.length >= 2 && decodeUTF8(bytes.subarray(2)) !== null) {
      kind.value = 'close';
      code.value = String((bytes[0] << 8) | bytes[1]);
      reason.value = /** @type {string} */ (decodeUTF8(bytes.subarray(2)));
    } else if ((f.opcode === 1 || f.opcode === 9 || f.opcode === 10 || f.opcode === 0) && utf8 !== null) {
      kind.value = 'text';
      text.value = utf8;
    } else {
      kind.value = 'hex';
      text.value = Array.from(bytes, hex2).join(' ');
    }
    const details = /** @type {HTMLDetailsElement|null} */ (container.closest('details'));
    if (details) details.open = true;
    run();
  }

  // A language switch: localize() has rewritten the static words; what is
  // made from values is drawn again.
  onLang(() => {
    opcodes.forEach((op, i) => { op.textContent = opLabel(i); });
    if (built) replace(out, render(built));
  });

  sync();
  run();
  return { run, edit: editCurrent, spec, get built() { return built; } };
}

/** Bytes as UTF-8 text, or null when they are not valid UTF-8. @param {Uint8Array} b */
function decodeUTF8(b) {
  try { return new TextDecoder('utf-8', { fatal: true }).decode(b); } catch { return null; }
}

/** The built bytes, a frame a line (header bytes marked), with the decoder's reading. @param {Built} b */
function render(b) {
  const wire = fromHex(b.hex);
  const bytes = (n) => tn('chip.bytes', n);
  return [
    h('p', { class: 'small muted b-sum' }, `${bytes(wire.length)} · ${tn('list.nframes', b.frames.length)} · ${tn('conn.messages', b.messages.length)}`),
    h('ol', { class: 'b-frames', start: 0 }, b.frames.map((f, i) => {
      const end = i + 1 < b.frames.length ? b.frames[i + 1].offset : wire.length;
      const head = Array.from(wire.subarray(f.offset, Math.min(end, f.offset + f.header_length)), hex2).join(' ');
      const body = Array.from(wire.subarray(Math.min(end, f.offset + f.header_length), end), hex2).join(' ');
      const v = f.violations;
      const flags = ['fin', 'rsv1', 'rsv2', 'rsv3'].filter((k) => f[k]).map((k) => `, ${k.toUpperCase()}`).join('');
      return h('li', { class: `b-frame${v.length ? ' bad' : ''}`, 'data-frame': f.index },
        h('code', { class: 'b-hex', 'data-part': 'builder-hex' }, h('span', { class: 'b-head' }, head), body ? ` ${body}` : ''),
        h('span', { class: 'b-desc small' },
          `${opcodeName(f.opcode)}${flags}, `,
          `${f.masked ? t('chip.masked', { key: f.mask_key }) : t('chip.unmasked')}, ${t('builder.frame.length', { bytes: bytes(f.payload_length), bits: f.length_bits })}`,
          v.length ? h('ul', { class: 'b-viol' }, v.map((x) => h('li', {}, `⚠ ${explain('viol', x)} (RFC ${x.rfc})`))) : h('span', { class: 'muted' }, ` · ${t('builder.clean')}`)));
    })),
    b.messages.some((m) => m.compressed || m.problem || (m.violations && m.violations.length)) ? h('ul', { class: 'b-msgs small' }, b.messages.map((m) => h('li', {},
      t('builder.message', { i: m.index, type: opcodeName(m.opcode), bytes: bytes(m.length) }),
      m.compressed ? t('builder.compressed', { bytes: bytes(m.compressed_length ?? 0) }) : '',
      m.problem ? h('span', { class: 'warn' }, ` ⚠ ${m.problem}`) : '',
      (m.violations || []).map((x) => h('span', { class: 'warn' }, ` ⚠ ${explain('viol', x)}`))))) : null,
  ];
}
