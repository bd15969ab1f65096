// capture.js: the capture view. A file button and drop-anywhere for
// .pcap/.pcapng/.cap (gzipped or not), a progress bar while the file is
// read, then decodeCapture in the worker and a list of the connections it
// found (client ⇄ server, frames, messages, handshake ✓/✗).

import { byId, h, replace } from './dom.js';

/** @typedef {import('./contract.js').Result} Result */
/** @typedef {import('./contract.js').Connection} Connection */

const ACCEPT = '.pcap,.pcapng,.cap,.gz,.pcap.gz,.pcapng.gz,application/vnd.tcpdump.pcap';
const PREVIEW = 64; // bytes of payload kept per frame for the lists

/** Reads a file with progress. @param {File} file @param {(done: number) => void} onProgress */
async function readFile(file, onProgress) {
  const out = new Uint8Array(file.size);
  const reader = file.stream().getReader();
  let done = 0;
  for (;;) {
    const { value, done: end } = await reader.read();
    if (end) break;
    out.set(value, done);
    done += value.length;
    onProgress(done);
  }
  return out.subarray(0, done);
}

const mib = (n) => (n < 1 << 20 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / (1 << 20)).toFixed(1)} MiB`);

/** The connections list. @param {Connection[]} conns @param {(id: number) => void} onPick */
export function connectionList(conns, onPick) {
  if (!conns.length) return h('p', { class: 'muted' }, 'No WebSocket connection found in this capture.');
  return h('ul', { class: 'conns', 'aria-label': 'Connections' }, conns.map((c) => {
    const hs = c.handshake;
    const mark = !hs ? h('span', { class: 'hs none', title: 'no opening handshake captured' }, '–')
      : hs.accept_valid ? h('span', { class: 'hs ok', title: 'handshake checks passed' }, '✓')
        : h('span', { class: 'hs bad', title: 'handshake check failed' }, '✗');
    return h('li', {}, h('button', { type: 'button', class: 'conn', onclick: () => onPick(c.id) },
      mark,
      h('span', { class: 'ends' }, `${c.client} ⇄ ${c.server}`),
      h('span', { class: 'muted' }, `${c.frames} frames · ${c.messages} messages${c.mid_stream ? ' · joined mid-stream' : ''}`)));
  }));
}

/**
 * @param {{client: import('./client.js').Client, toast: (t: string, bad?: boolean) => void,
 *   onStart: () => void, onResult: (r: Result) => void, onConnection?: (id: number) => void}} o
 */
export function initCapture(o) {
  const input = /** @type {HTMLInputElement} */ (h('input', { type: 'file', id: 'capture-file', accept: ACCEPT, class: 'visually-hidden' }));
  const bar = /** @type {HTMLProgressElement} */ (h('progress', { max: 1, value: 0, 'aria-label': 'Reading the capture' }));
  const status = h('p', { class: 'status', role: 'status' });
  const conns = h('div', { class: 'conn-list' });
  bar.hidden = true;
  replace(byId('capture'),
    h('div', { class: 'filepick' },
      h('label', { for: 'capture-file', class: 'button primary' }, 'Open a capture…'), input,
      h('span', { class: 'muted' }, ' or drop it anywhere on the page')),
    h('p', { class: 'muted small' }, '.pcap, .pcapng or .cap, gzipped or not. The file is read here and never leaves your machine.'),
    bar, status, conns);

  async function load(file) {
    o.onStart();
    bar.hidden = false;
    bar.removeAttribute('value');
    bar.max = file.size || 1;
    status.textContent = `Reading ${file.name} (${mib(file.size)})…`;
    try {
      const bytes = await readFile(file, (n) => { bar.value = n; });
      status.textContent = `Decoding ${file.name}…`;
      bar.removeAttribute('value');
      await o.client.ready;
      if (!o.client.has('decodeCapture')) throw new Error('this build of the decoder cannot read captures yet');
      const t0 = performance.now();
      const r = await o.client.decodeCapture(bytes, { preview: PREVIEW });
      const ms = Math.round(performance.now() - t0);
      status.textContent = `${file.name}: ${r.input.kind}, ${mib(r.input.bytes)}, ${r.connections.length} connection${r.connections.length === 1 ? '' : 's'}, ${r.frames.length} frames in ${ms} ms`;
      if (r.errors.length) status.append(h('span', { class: 'warn' }, ` · ${r.errors.length} problem${r.errors.length === 1 ? '' : 's'}: ${r.errors[0].message}`));
      replace(conns, connectionList(r.connections, (id) => o.onConnection?.(id)));
      o.onResult(r);
    } catch (e) {
      status.replaceChildren(h('span', { class: 'warn' }, `Could not read ${file.name}: ${e.message}`));
      o.toast(`Could not read ${file.name}: ${e.message}`, true);
    } finally {
      bar.hidden = true;
    }
  }

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
  return { load };
}
