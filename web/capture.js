// capture.js: the capture view. A file button and drop-anywhere for
// .pcap/.pcapng/.cap (gzipped or not). The worker reads the file piece by
// piece (decodeFile) while a progress bar follows it; opening another file
// meanwhile cancels the first. Then the connections it found, each with its
// ends, counts, handshake ✓/✗, whether the capture began mid-stream and the
// bytes it never saw; choosing one filters the lists to it.

import { remember } from './sections.js';
import { byId, h, replace } from './dom.js';
import { num, peerName, t, tn, sentence } from './i18n.js';
import { tlsFit, tlsNote } from './tls.js';
import { errorWords } from './busy.js';
import { noteText } from './paste.js';
import { BLOCK } from './rows.js';

/** @typedef {import('./contract.js').Result} Result */
/** @typedef {import('./contract.js').Connection} Connection */
/** @typedef {import('./contract.js').Gap} Gap */

const ACCEPT = '.pcap,.pcapng,.cap,.gz,.pcap.gz,.pcapng.gz,application/vnd.tcpdump.pcap,.har';
export const PREVIEW = 64; // bytes of payload kept per row for the lists
export const ROWS = 2000; // rows that come with a paste's result; the lists fetch the others
// A file's result brings each list's first block only: the lists fetch the
// others as they scroll, and 2000 rows read again from the file and written
// as JSON were a sixth of a 127 MB capture's time in the page.
const FILE_ROWS = BLOCK;

const mib = (n) => (n < 1 << 20 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / (1 << 20)).toFixed(1)} MiB`);

/** "1460 bytes never captured at byte 2920 of client → server (before packet 12)" @param {Gap} g */
export function gapText(g) {
  return t('gap', { bytes: tn('chip.bytes', g.bytes, { n: num(g.bytes) }), offset: num(g.offset), dir: t(`dir.${g.from}.arrow`) })
    + (g.packet ? t('gap.packet', { n: g.packet }) : '');
}

/** An error's message, with its key log line when it is the key log's. @param {{message: string, source?: string, line?: number, column?: number}} e */
const errorText = (e) => (e.source === 'keylog' ? t('cap.keylog.where', { line: e.line, column: e.column, message: sentence(e) }) : sentence(e));

/**
 * The connections, each a toggle that filters the lists, and "All".
 * @param {Connection[]} conns @param {number|null} active @param {(id: number|null) => void} onPick
 */
export function connectionList(conns, active, onPick) {
  if (!conns.length) return h('p', { class: 'muted' }, t('conn.none'));
  const all = h('li', {}, h('button', { type: 'button', class: 'conn all', 'aria-pressed': String(active == null), onclick: () => onPick(null) },
    h('span', { class: 'hs none', 'aria-hidden': 'true' }, '∗'), h('span', { class: 'ends' }, tn('conn.all', conns.length))));
  return remember(/** @type {HTMLDetailsElement} */ (h('details', { class: 'fold conns-sec', open: true },
    h('summary', {}, h('h2', { class: 'conns-h' }, t('conn.h'), ' ', h('span', { class: 'muted small' }, tn('conn.n', conns.length)), ' ', h('span', { class: 'muted small' }, t('conn.hint')))),
    h('ul', { class: 'conns', 'aria-label': t('conn.h') }, conns.length > 1 ? all : null, conns.map((c) => {
      const hs = c.handshake;
      const mark = !hs ? h('span', { class: 'hs none', title: t('conn.hs.none') }, '–')
        : hs.accept_valid ? h('span', { class: 'hs ok', title: t('conn.hs.ok') }, '✓')
          : h('span', { class: 'hs bad', title: t('conn.hs.bad') }, '✗');
      return h('li', {}, h('button', {
        type: 'button', class: 'conn', 'data-conn': c.id, 'aria-pressed': String(active === c.id),
        onclick: () => onPick(active === c.id && conns.length > 1 ? null : c.id),
      },
      mark,
      h('span', { class: 'ends' }, `#${c.id} ${peerName(c.client)} ⇄ ${c.server}`),
      h('span', { class: 'muted' }, `${tn('paste.frames', c.frames)} · ${tn('conn.messages', c.messages)}${hs || (c.tls && !c.tls.decrypted) ? '' : ` · ${t('conn.nohs')}`}`),
      c.mid_stream ? h('span', { class: 'note' }, t('conn.midstream')) : null,
      tlsNote(c),
      (c.gaps || []).map((g) => h('span', { class: 'note gap' }, `⚠ ${gapText(g)}`))));
    })))), 'connections', true);
}

/**
 * @param {{client: import('./client.js').Client, toast: (t: string, bad?: boolean) => void,
 *   onStart: () => void, onResult: (r: Result) => void, onConnection?: (id: number|null) => void,
 *   keylog?: () => string, keylogName?: () => string, isKeyLog?: (f: File) => Promise<boolean>, onKeyLog?: (f: File) => void,
 *   options?: () => Object}} o
 */
export function initCapture(o) {
  const input = /** @type {HTMLInputElement} */ (h('input', { type: 'file', id: 'capture-file', accept: ACCEPT, class: 'visually-hidden' }));
  const bar = /** @type {HTMLProgressElement} */ (h('progress', { id: 'capture-progress', max: 1, value: 0, 'data-i18n-attr': 'aria-label=cap.reading' }));
  const status = h('p', { class: 'status', role: 'status' });
  const conns = h('div', { class: 'conn-list' });
  const cancel = h('button', { type: 'button', class: 'link', hidden: true, 'data-i18n': 'cap.cancel' });
  bar.hidden = true;
  replace(byId('capture'),
    h('div', { class: 'filepick' },
      h('label', { for: 'capture-file', class: 'button primary', 'data-i18n': 'cap.open' }), input,
      h('span', { class: 'muted', 'data-i18n': 'cap.drop' })),
    h('p', { class: 'muted small', 'data-i18n': 'cap.note' }),
    remember(/** @type {HTMLDetailsElement} */ (h('details', { class: 'fold keylog-sec', id: 'keylog-sec' },
      h('summary', { 'data-i18n': 'tls.section' }), h('div', { id: 'keylog' }))), 'keylog', false),
    bar, h('div', { class: 'loadline' }, status, cancel), conns);
  /** @type {() => (string|Node)[]} the status line, drawn again in another language */
  let said = () => [];
  const say = (fn) => { said = fn; status.replaceChildren(...fn()); };

  let seq = 0;
  let busy = false;
  /** @type {Result|null} */
  let shown = null;
  let active = /** @type {number|null} */ (null);
  /** @type {File|null} the capture shown, decoded again when keys arrive */
  let lastFile = null;

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
    say(() => [t('cap.cancelled')]);
  }

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
    say(() => [t('cap.start', { name: file.name, size: mib(file.size) })]);
    try {
      await o.client.ready;
      if (my !== seq) return;
      const t0 = performance.now();
      // Told four times a second (worker.js, PROGRESS_MS), and at the end.
      const onProgress = (done) => {
        if (my !== seq) return;
        // Read to the end, the bar stays full while Go lists the file (an
        // indeterminate one would be drawn again at every frame meanwhile).
        bar.value = done;
        say(() => [done >= file.size
          ? t('cap.listing', { name: file.name, size: mib(file.size) })
          : t('cap.progress', { name: file.name, done: mib(done), size: mib(file.size), p: Math.floor((done / (file.size || 1)) * 100) })]);
      };
      // The connections' handshakes but the first's come brief; the lists
      // ask for one whole when it is shown (listview.js).
      const opts = { preview: PREVIEW, rows: FILE_ROWS, handshakes: 'brief', ...(o.options ? o.options() : {}) };
      const keylog = o.keylog?.();
      if (keylog) opts.keylog = keylog;
      // Read piece by piece in the worker (decodeFile); the program that
      // lacks the capture capability hands it to the full one.
      const r = await o.client.decodeFile(file, opts, onProgress);
      if (my !== seq) return;
      if (r.input.refused === 'keylog' && o.onKeyLog) {
        // A key log that the quick look (isKeyLog) missed: Go named it.
        lastFile = null;
        o.onKeyLog(file);
        return;
      }
      const ms = Math.round(performance.now() - t0);
      const n = r.totals ? r.totals.frames : r.frames.length;
      // Not a capture, nor frames (an image, an archive …): named, nothing listed.
      if (r.input.refused) say(() => [h('span', { class: 'warn', 'data-part': 'refused' }, t('cap.refused', { name: file.name, why: noteText(r.input) }))]);
      else say(() => [t('cap.done', { name: file.name, kind: r.input.kind, size: mib(r.input.bytes), conns: tn('conn.n', r.connections.length), frames: tn('paste.frames', n), ms }),
        // Read as far as the worker's memory budget allows: say how far and why.
        r.stopped ? h('span', { class: 'warn', 'data-part': 'stopped' }, t('cap.stopped', { read: mib(r.stopped.offset), of: mib(r.stopped.bytes), why: sentence({ id: r.stopped.reason_id, params: r.stopped.reason_params, message: r.stopped.reason }) }))
        : r.errors.length ? h('span', { class: 'warn' }, ` · ${tn('cap.problems', r.errors.length)}: ${errorText(r.errors[0])}`) : '',
        r.input.note ? h('span', { class: 'input-note', 'data-part': 'input-note' }, noteText(r.input)) : '',
        tlsFit(r.input, o.keylogName?.() || '') || '']);
      shown = r.input.refused ? null : r; // not a capture: no list of its connections
      active = null;
      drawConns();
      o.onResult(r);
    } catch (e) {
      if (my !== seq || e.cancelled) return;
      // The full decoder not loaded is not the file's fault: not "could not read".
      const words = t(e.id === 'worker.full-missing' ? 'cap.fail.full' : 'cap.fail', { name: file.name, message: errorWords(e) });
      say(() => [h('span', { class: 'warn' }, words)]);
      o.toast(words, true);
    } finally {
      if (my === seq) {
        busy = false;
        bar.hidden = true;
        cancel.hidden = true;
        delete document.body.dataset.loading;
      }
    }
  }

  /** Opens a file from any entry (the button, a drop): a key log goes beside the capture. @param {File} f */
  const open = (f) => Promise.resolve(o.isKeyLog ? o.isKeyLog(f) : false).then((k) => (k ? o.onKeyLog?.(f) : load(f)));
  cancel.addEventListener('click', stop);
  input.addEventListener('change', () => { if (input.files && input.files[0]) open(input.files[0]); input.value = ''; });
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
    for (const f of ev.dataTransfer ? [...ev.dataTransfer.files] : []) open(f); // a key log beside (or with) the capture
  });
  /** Draws the connections and the status line again (another language). */
  const redraw = () => { drawConns(); status.replaceChildren(...said()); };
  /** Decodes the capture shown again (when keys arrive or are forgotten, or an option changed). */
  const reload = () => { if (lastFile) load(lastFile); };
  return { load, stop, redraw, reload, get busy() { return busy; } };
}
