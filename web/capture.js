// capture.js: the capture view. A file button and drop-anywhere for
// .pcap/.pcapng/.cap (gzipped or not). The worker reads the file piece by
// piece (decodeFile) while a progress bar follows it; opening another file
// meanwhile cancels the first. Then the connections it found, each with its
// ends, counts, handshake ✓/✗, whether the capture began mid-stream and the
// bytes it never saw; choosing one filters the lists to it.

import { byId, h, replace } from './dom.js';

/** @typedef {import('./contract.js').Result} Result */
/** @typedef {import('./contract.js').Connection} Connection */
/** @typedef {import('./contract.js').Gap} Gap */

const ACCEPT = '.pcap,.pcapng,.cap,.gz,.pcap.gz,.pcapng.gz,application/vnd.tcpdump.pcap';
export const PREVIEW = 64; // bytes of payload kept per row for the lists
export const ROWS = 2000; // rows that come with the result; the lists fetch the others

const mib = (n) => (n < 1 << 20 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / (1 << 20)).toFixed(1)} MiB`);

const plural = (n, one) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** "1460 bytes never captured at byte 2920 of client → server (before packet 12)" @param {Gap} g */
export function gapText(g) {
  return `${plural(g.bytes, 'byte')} never captured at byte ${g.offset} of ${g.from === 'client' ? 'client → server' : 'server → client'}${g.packet ? ` (before packet ${g.packet})` : ''}`;
}

/**
 * The connections, each a toggle that filters the lists, and "All".
 * @param {Connection[]} conns @param {number|null} active @param {(id: number|null) => void} onPick
 */
export function connectionList(conns, active, onPick) {
  if (!conns.length) return h('p', { class: 'muted' }, 'No WebSocket connection found in this capture.');
  const all = h('li', {}, h('button', { type: 'button', class: 'conn all', 'aria-pressed': String(active == null), onclick: () => onPick(null) },
    h('span', { class: 'hs none', 'aria-hidden': 'true' }, '∗'), h('span', { class: 'ends' }, `All ${plural(conns.length, 'connection')}`)));
  return h('div', {},
    h('h2', { class: 'conns-h' }, 'Connections ', h('span', { class: 'muted small' }, 'choose one to list only its frames')),
    h('ul', { class: 'conns', 'aria-label': 'Connections' }, conns.length > 1 ? all : null, conns.map((c) => {
      const hs = c.handshake;
      const mark = !hs ? h('span', { class: 'hs none', title: 'no opening handshake captured' }, '–')
        : hs.accept_valid ? h('span', { class: 'hs ok', title: 'handshake checks passed' }, '✓')
          : h('span', { class: 'hs bad', title: 'handshake check failed' }, '✗');
      return h('li', {}, h('button', {
        type: 'button', class: 'conn', 'data-conn': c.id, 'aria-pressed': String(active === c.id),
        onclick: () => onPick(active === c.id && conns.length > 1 ? null : c.id),
      },
      mark,
      h('span', { class: 'ends' }, `${c.client} ⇄ ${c.server}`),
      h('span', { class: 'muted' }, `${plural(c.frames, 'frame')} · ${plural(c.messages, 'message')}${hs ? '' : ' · no handshake'}`),
      c.mid_stream ? h('span', { class: 'note' }, 'Capture began after the handshake: frames found mid-stream, extensions unknown.') : null,
      (c.gaps || []).map((g) => h('span', { class: 'note gap' }, `⚠ ${gapText(g)}`))));
    })));
}

/**
 * @param {{client: import('./client.js').Client, toast: (t: string, bad?: boolean) => void,
 *   onStart: () => void, onResult: (r: Result) => void, onConnection?: (id: number|null) => void,
 *   options?: () => Object}} o
 */
export function initCapture(o) {
  const input = /** @type {HTMLInputElement} */ (h('input', { type: 'file', id: 'capture-file', accept: ACCEPT, class: 'visually-hidden' }));
  const bar = /** @type {HTMLProgressElement} */ (h('progress', { id: 'capture-progress', max: 1, value: 0, 'aria-label': 'Reading the capture' }));
  const status = h('p', { class: 'status', role: 'status' });
  const conns = h('div', { class: 'conn-list' });
  const cancel = h('button', { type: 'button', class: 'link', hidden: true }, 'Cancel');
  bar.hidden = true;
  replace(byId('capture'),
    h('div', { class: 'filepick' },
      h('label', { for: 'capture-file', class: 'button primary' }, 'Open a capture…'), input,
      h('span', { class: 'muted' }, ' or drop it anywhere on the page')),
    h('p', { class: 'muted small' }, '.pcap, .pcapng or .cap, gzipped or not. The file is read here and never leaves your machine.'),
    bar, h('div', { class: 'loadline' }, status, cancel), conns);

  let seq = 0;
  let busy = false;
  /** @type {Result|null} */
  let shown = null;
  let active = /** @type {number|null} */ (null);

  const drawConns = () => replace(conns, shown ? connectionList(shown.connections, active, (id) => {
    active = id;
    drawConns();
    o.onConnection?.(id);
  }) : '');

  /** Stops a file being read, by replacing the worker. */
  function stop() {
    if (!busy) return;
    busy = false;
    seq++;
    o.client.cancel('another file or the paste replaced it');
    bar.hidden = true;
    cancel.hidden = true;
    status.textContent = 'Cancelled.';
  }

  let lastFile = null;
  async function load(file) {
    stop();
    lastFile = file;
    const my = ++seq;
    busy = true;
    o.onStart();
    bar.hidden = false;
    cancel.hidden = false;
    bar.max = file.size || 1;
    bar.value = 0;
    document.body.dataset.loading = 'capture';
    status.textContent = `Reading ${file.name} (${mib(file.size)})…`;
    try {
      await o.client.ready;
      if (my !== seq) return;
      const streaming = o.client.has('decodeFile');
      if (!streaming && !o.client.has('decodeCapture')) throw new Error('this build of the decoder cannot read captures yet');
      const t0 = performance.now();
      const onProgress = (done) => {
        if (my !== seq) return;
        bar.value = done;
        status.textContent = done >= file.size
          ? `Decoding ${file.name}: listing ${mib(file.size)}…`
          : `Reading and decoding ${file.name}: ${mib(done)} of ${mib(file.size)} (${Math.floor((done / (file.size || 1)) * 100)}%)`;
        if (done >= file.size) bar.removeAttribute('value');
      };
      const opts = { preview: PREVIEW, rows: ROWS, ...(o.options ? o.options() : {}) };
      const r = streaming ? await o.client.decodeFile(file, opts, onProgress)
        : await o.client.decodeCapture(new Uint8Array(await file.arrayBuffer()), opts);
      if (my !== seq) return;
      const ms = Math.round(performance.now() - t0);
      const n = r.totals ? r.totals.frames : r.frames.length;
      status.textContent = `${file.name}: ${r.input.kind}, ${mib(r.input.bytes)}, ${plural(r.connections.length, 'connection')}, ${plural(n, 'frame')} in ${ms} ms`;
      if (r.errors.length) status.append(h('span', { class: 'warn' }, ` · ${plural(r.errors.length, 'problem')}: ${r.errors[0].message}`));
      shown = r;
      active = null;
      drawConns();
      o.onResult(r);
    } catch (e) {
      if (my !== seq || e.cancelled) return;
      status.replaceChildren(h('span', { class: 'warn' }, `Could not read ${file.name}: ${e.message}`));
      o.toast(`Could not read ${file.name}: ${e.message}`, true);
    } finally {
      if (my === seq) {
        busy = false;
        bar.hidden = true;
        cancel.hidden = true;
        delete document.body.dataset.loading;
      }
    }
  }

  cancel.addEventListener('click', stop);
  input.addEventListener('change', () => { if (input.files && input.files[0]) load(input.files[0]); input.value = ''; });
  const drop = byId('drop');
  let depth = 0;
  const hasFiles = (ev) => ev.dataTransfer && [...ev.dataTransfer.types].includes('Files');
  document.addEventListener('dragenter', (ev) => { if (hasFiles(ev)) { depth++; drop.hidden = false; } });
  document.addEventListener('dragleave', () => { if (--depth <= 0) { depth = 0; drop.hidden = true; } });
  document.addEventListener('dragover', (ev) => { if (hasFiles(ev)) ev.preventDefault(); });
  document.addEventListener('drop', (ev) => {
    if (!hasFiles(ev)) return;
    ev.preventDefault();
    depth = 0;
    drop.hidden = true;
    const f = ev.dataTransfer && ev.dataTransfer.files[0];
    if (f) load(f);
  });
  /** Reads the last file again (after an option changed). */
  const reload = () => { if (lastFile) load(lastFile); };
  return { load, stop, reload, get busy() { return busy; } };
}
