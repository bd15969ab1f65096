// builder.js: the "Build a frame" panel. Every field of RFC 6455 §5.2 is a
// control (FIN, RSV1-3, the 16 opcodes, MASK and its key, the payload as
// text, hex or a close code and reason, the length encoding), with
// fragmentation, a ping between fragments and permessage-deflate. Each
// change asks Go (wsframe.encode, through the worker) for the bytes and
// shows them, a frame a line, with what the decoder says of them; one
// button puts them in the paste box, another fills the panel from the frame
// on screen. The page computes nothing here: Go builds and decodes.

import { h, replace } from './dom.js';
import { fromHex, hex2 } from './fields.js';

/**
 * What wsframe.encode returns (docs/contract.md, "Building frames").
 * @typedef {Object} Built
 * @property {string} hex            the wire bytes, lowercase hex
 * @property {string} paste          the same bytes spaced, one frame a line
 * @property {'client'|'server'} from
 * @property {string} [extension]
 * @property {import('./contract.js').Frame[]} frames
 * @property {import('./contract.js').Message[]} messages
 * @property {import('./contract.js').InputError[]} errors
 */

/** The panel's words, in one place for translation. */
export const STRINGS = {
  title: 'Build a frame',
  intro: 'Set every field and watch the bytes being made. Broken frames are allowed: the decoder says what is wrong.',
  from: 'Sent by', client: 'client', server: 'server',
  flags: 'Flags',
  opcode: 'Opcode', auto: 'auto (from the payload)', reserved: 'reserved',
  mask: 'MASK', key: 'Masking key', keyPlaceholder: 'random each time',
  keyHelp: '8 hex digits; empty: a fresh random key for every frame',
  payload: 'Payload', kindText: 'text', kindHex: 'hex', kindClose: 'close code + reason',
  code: 'Close code', reason: 'Reason',
  length: 'Length field', lengthAuto: 'shortest (as the RFC requires)',
  length7: '7 bits', length16: '16 bits (126 + 2 bytes)', length64: '64 bits (127 + 8 bytes)',
  fragment: 'Fragments of', fragmentUnit: 'bytes (0: one frame)',
  ping: 'a ping between the first fragments', pingText: 'ping payload',
  deflate: 'permessage-deflate', noTakeover: 'no context takeover',
  times: 'Send the message', timesUnit: 'times (compressed, the repeats show context takeover)',
  putPaste: 'Put in the paste box', edit: 'Edit the frame on screen', copy: 'Copy hex',
  bytes: (n) => `${n} byte${n === 1 ? '' : 's'}`,
  frames: (n) => `${n} frame${n === 1 ? '' : 's'}`,
  messages: (n) => `${n} message${n === 1 ? '' : 's'}`,
  clean: 'no RFC rule broken',
  nothing: 'No frame on screen to edit.',
  copied: 'Hex copied.',
  masked: (k) => `masked ${k}`,
  unmasked: 'unmasked',
  compressed: 'compressed',
};

const OPCODES = ['continuation', 'text', 'binary', '', '', '', '', '', 'close', 'ping', 'pong'];
const opName = (i) => OPCODES[i] || STRINGS.reserved;

/**
 * Builds the panel inside container.
 * @param {HTMLElement} container
 * @param {{encode: (spec: any) => Promise<Built>, onPaste: (b: Built) => void,
 *   current: () => (import('./contract.js').FrameDetail|null), toast: (text: string, bad?: boolean) => void}} o
 */
export function initBuilder(container, o) {
  const id = (name) => `b-${name}`;
  const field = (label, control, help) => [
    h('label', { for: control.id }, label),
    help ? h('div', { class: 'b-ctl' }, control, h('span', { class: 'muted small' }, help)) : control,
  ];
  const input = (name, attrs = {}) => /** @type {HTMLInputElement} */ (h('input', { id: id(name), name, ...attrs }));
  const check = (name, label, on = false) => {
    const c = input(name, { type: 'checkbox' });
    c.checked = on;
    return { box: c, el: h('label', { class: 'b-check', for: c.id }, c, label) };
  };
  const select = (name, options) => /** @type {HTMLSelectElement} */ (h('select', { id: id(name), name }, options.map(([v, t]) => h('option', { value: v }, t))));

  const from = select('from', [['client', STRINGS.client], ['server', STRINGS.server]]);
  const fin = check('fin', 'FIN', true);
  const rsv = [1, 2, 3].map((n) => check(`rsv${n}`, `RSV${n}`));
  const opcode = select('opcode', [['', STRINGS.auto], ...Array.from({ length: 16 }, (_, i) => [String(i), `0x${i.toString(16).toUpperCase()} ${opName(i)}`])]);
  const mask = check('mask', 'MASK', true);
  const key = input('key', { type: 'text', spellcheck: 'false', autocomplete: 'off', placeholder: STRINGS.keyPlaceholder, maxlength: 16, class: 'mono', 'aria-describedby': id('key-help') });
  const kind = select('kind', [['text', STRINGS.kindText], ['hex', STRINGS.kindHex], ['close', STRINGS.kindClose]]);
  const text = /** @type {HTMLTextAreaElement} */ (h('textarea', { id: id('text'), rows: 2, spellcheck: 'false', 'aria-label': STRINGS.payload }));
  const code = input('code', { type: 'number', min: 0, max: 65535, value: 1000, 'aria-label': STRINGS.code });
  const reason = input('reason', { type: 'text', spellcheck: 'false', placeholder: STRINGS.reason, 'aria-label': STRINGS.reason });
  const closeRow = h('div', { class: 'b-close' }, code, reason);
  const length = select('length', [['', STRINGS.lengthAuto], ['7', STRINGS.length7], ['16', STRINGS.length16], ['64', STRINGS.length64]]);
  const fragment = input('fragment', { type: 'number', min: 0, value: 0, 'aria-label': `${STRINGS.fragment} ${STRINGS.fragmentUnit}` });
  const ping = check('ping', STRINGS.ping);
  const pingText = input('ping-text', { type: 'text', spellcheck: 'false', placeholder: STRINGS.pingText, 'aria-label': STRINGS.pingText });
  const deflate = check('deflate', STRINGS.deflate);
  const noTakeover = check('no-takeover', STRINGS.noTakeover);
  const times = input('times', { type: 'number', min: 1, max: 8, value: 1, 'aria-label': `${STRINGS.times} ${STRINGS.timesUnit}` });

  // Fields whose default depends on others (MASK on the side, RSV1 on
  // compression) follow it until the user sets them.
  const touched = new Set();
  const out = h('div', { class: 'b-out', 'data-part': 'builder-out', 'aria-live': 'polite' });
  const error = h('div', { class: 'perror', role: 'alert' });
  /** @type {Built|null} */ let built = null;

  const putBtn = h('button', { type: 'button', class: 'primary', 'data-action': 'builder-paste', onclick: () => built && o.onPaste(built) }, STRINGS.putPaste);
  const editBtn = h('button', { type: 'button', 'data-action': 'builder-edit', onclick: () => editCurrent() }, STRINGS.edit);
  const copyBtn = h('button', {
    type: 'button', 'data-action': 'builder-copy',
    onclick: async () => { if (built) { try { await navigator.clipboard.writeText(built.paste); o.toast(STRINGS.copied); } catch { /* no clipboard: the hex is on screen */ } } },
  }, STRINGS.copy);

  const grid = h('div', { class: 'b-grid' },
    field(STRINGS.from, from),
    h('span', { class: 'b-lbl' }, STRINGS.flags), h('div', { class: 'b-flags' }, fin.el, rsv.map((r) => r.el), mask.el),
    field(STRINGS.opcode, opcode),
    field(STRINGS.key, key, h('span', { id: id('key-help') }, STRINGS.keyHelp)),
    field(STRINGS.payload, kind),
    h('span'), h('div', { class: 'b-ctl' }, text, closeRow),
    field(STRINGS.length, length),
    h('label', { for: fragment.id }, STRINGS.fragment), h('div', { class: 'b-inline' }, fragment, h('span', { class: 'muted small' }, STRINGS.fragmentUnit)),
    h('span'), h('div', { class: 'b-inline' }, ping.el, pingText),
    h('span', { class: 'b-lbl' }, 'RFC 7692'), h('div', { class: 'b-inline' }, deflate.el, noTakeover.el),
    h('label', { for: times.id }, STRINGS.times), h('div', { class: 'b-inline' }, times, h('span', { class: 'muted small' }, STRINGS.timesUnit)),
  );
  replace(container,
    h('p', { class: 'muted small' }, STRINGS.intro),
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
      replace(error, h('p', { class: 'emsg' }, e.message));
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
    if (!d) { o.toast(STRINGS.nothing, true); return; }
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
  const msgs = b.messages.length;
  return [
    h('p', { class: 'small muted b-sum' }, `${STRINGS.bytes(wire.length)} · ${STRINGS.frames(b.frames.length)} · ${STRINGS.messages(msgs)}`),
    h('ol', { class: 'b-frames', start: 0 }, b.frames.map((f, i) => {
      const end = i + 1 < b.frames.length ? b.frames[i + 1].offset : wire.length;
      const head = Array.from(wire.subarray(f.offset, Math.min(end, f.offset + f.header_length)), hex2).join(' ');
      const body = Array.from(wire.subarray(Math.min(end, f.offset + f.header_length), end), hex2).join(' ');
      const v = f.violations;
      return h('li', { class: `b-frame${v.length ? ' bad' : ''}`, 'data-frame': f.index },
        h('code', { class: 'b-hex', 'data-part': 'builder-hex' }, h('span', { class: 'b-head' }, head), body ? ` ${body}` : ''),
        h('span', { class: 'b-desc small' },
          `${f.opcode_name}${f.fin ? ', FIN' : ''}${f.rsv1 ? ', RSV1' : ''}${f.rsv2 ? ', RSV2' : ''}${f.rsv3 ? ', RSV3' : ''}, `,
          `${f.masked ? STRINGS.masked(f.mask_key) : STRINGS.unmasked}, ${STRINGS.bytes(f.payload_length)} (${f.length_bits}-bit length)`,
          v.length ? h('ul', { class: 'b-viol' }, v.map((x) => h('li', {}, `⚠ ${x.message} (RFC ${x.rfc})`))) : h('span', { class: 'muted' }, ` · ${STRINGS.clean}`)));
    })),
    b.messages.some((m) => m.compressed || m.problem || (m.violations && m.violations.length)) ? h('ul', { class: 'b-msgs small' }, b.messages.map((m) => h('li', {},
      `message ${m.index}: ${m.opcode_name}, ${STRINGS.bytes(m.length)}`,
      m.compressed ? `, ${STRINGS.compressed} to ${STRINGS.bytes(m.compressed_length ?? 0)}` : '',
      m.problem ? h('span', { class: 'warn' }, ` ⚠ ${m.problem}`) : '',
      (m.violations || []).map((x) => h('span', { class: 'warn' }, ` ⚠ ${x.message}`))))) : null,
  ];
}
