// app.js: the page's wiring. The input, options and selected frame are the
// state (state.js); they live in the URL fragment (links.js). Decoding
// happens in the worker (engine.js, client.js); the page asks for a compact
// result (the first rows, payloads cut to a preview), fills the lists
// (listview.js), which fetch further rows as they scroll, and asks for one
// frame's detail when it is opened (frameview.js). The paste is read in
// pastemode.js, a capture in capture.js; keys.js has the shortcuts.

import { byId, h, replace } from './dom.js';
import { initPrefs } from './prefs.js';
import { syncBackdrop } from './paste.js';
import { examplesMenu } from './examples.js';
import { wireLinks } from './scope.js';
import { downloadPNG, downloadSVG } from './download.js';
import { initCapture } from './capture.js';
import { protocolOptions } from './reading.js';
import { lazyPanel } from './lazypanel.js';
import { remember } from './sections.js';
import { fullWords, getLang, localize, onLang, setLang, t } from './i18n.js';
import { initPresent } from './present.js';
import { initKeyLog } from './tls.js';
import { EMPTY, parts, setMode, state, toast, ui } from './state.js';
import { client, showEngine } from './engine.js';
import { counts, filterTo, frameRows, frames, messageRows, messages, refilter } from './listview.js';
import { fbox } from './filterbox.js';
import { drawHandshake, moveFrame, openFrame, showApp, showResult } from './frameview.js';
import { decodePaste, decodeSoon, onPasteBegin, onPasteInput, onPasteSoon, setPaste } from './pastemode.js';
import { applyHash, copyLink, saveHash } from './links.js';
import { onKey, openHelp } from './keys.js';

fbox.onChange(() => { refilter(); saveHash(); });

/** Draws everything in the language just chosen. */
function relocalize() {
  showEngine();
  frames.refresh();
  messages.refresh();
  if (state.result) counts();
  drawHandshake();
  const proto = ui.protocol.value;
  replace(ui.protocol, protocolOptions(client.protocols));
  ui.protocol.value = proto;
  if (state.result) showApp(state.result);
  parts.capture.redraw();
  parts.present.label();
  parts.prefs.apply();
  if (state.mode === 'paste') decodePaste(state.frame);
  else if (state.frame >= 0) openFrame(state.frame, state.unmask ? state.unmask.position : 0, true);
}

function init() {
  document.documentElement.lang = getLang();
  localize(document);
  const langSel = /** @type {HTMLSelectElement} */ (byId('lang'));
  langSel.value = getLang();
  langSel.addEventListener('change', () => setLang(langSel.value));
  onLang(relocalize);
  parts.present = initPresent({ button: byId('present'), frame: byId('frame'), nav: byId('present-nav'), onMove: moveFrame });
  parts.prefs = initPrefs(byId('theme'), byId('large-text'));
  ui.paste.addEventListener('input', () => { state.shared = false; });
  syncBackdrop(ui.paste, ui.backdrop);
  wireLinks(ui.scope);
  ui.status.after(ui.hint);
  ui.paste.addEventListener('input', onPasteInput);
  for (const type of ['paste', 'drop']) ui.paste.addEventListener(type, (ev) => onPasteBegin(/** @type {ClipboardEvent|DragEvent} */ (ev)));
  ui.paste.addEventListener('keydown', (ev) => { if (ev.key === 'Control' || ev.key === 'Meta') onPasteSoon(); });
  ui.paste.addEventListener('contextmenu', onPasteSoon);
  ui.paste.addEventListener('mousedown', (ev) => { if (ev.button === 1) onPasteSoon(); });
  for (const el of [ui.from, ui.format]) el.addEventListener('change', () => decodePaste(state.frame));
  ui.ext.addEventListener('input', () => decodeSoon());
  byId('options').before(examplesMenu(async (ex) => {
    if (ex.text == null) await client.ready.catch(() => {}); // the seed is Go's: chosen before the decoder came, it waits for it
    setPaste(ex.text ?? client.seed);
    ui.ext.value = '';
    ui.from.value = '';
    ui.format.value = '';
    state.revealFrame = true; // an example brings its diagram into view
    decodePaste(ex.frame);
  }));
  byId('mode-paste').addEventListener('click', () => { parts.capture.stop(); decodePaste(0); });
  byId('mode-capture').addEventListener('click', () => { client.prefetch(); setMode('capture'); });
  // A file is coming: fetch the full program now, warmed with a capture; a
  // dragged text is a paste, whose decode comes next and waits for no warm-up.
  document.addEventListener('dragenter', (ev) => client.prefetch(Boolean(ev.dataTransfer?.types.includes('Files'))), { once: true });
  byId('help-open').addEventListener('click', openHelp);
  byId('help-close').addEventListener('click', () => /** @type {HTMLDialogElement} */ (byId('help')).close());
  byId('copy-link').addEventListener('click', copyLink);
  byId('dl-svg').addEventListener('click', () => state.svg && downloadSVG(state.svg, `wsframe-frame-${state.frame}.svg`));
  byId('dl-png').addEventListener('click', () => state.svg && downloadPNG(state.svg, `wsframe-frame-${state.frame}.png`).catch((e) => toast(e.message, true)));
  document.addEventListener('keydown', onKey);
  window.addEventListener('hashchange', applyHash);
  /** @type {ReturnType<typeof initKeyLog>|null} */
  let keylog = null;
  replace(ui.protocol, protocolOptions(client.protocols));
  ui.protocol.addEventListener('change', () => {
    if (state.mode === 'capture') parts.capture.reload();
    else decodePaste(state.frame);
  });
  parts.capture = initCapture({
    client, toast,
    options: () => ({ protocol: ui.protocol.value }),
    onStart: () => { setMode('capture'); state.seq++; showResult(EMPTY); },
    onResult: (r) => {
      setMode('capture');
      document.body.dataset.connection = '';
      showResult(r, 0);
      // A new capture starts at its top: the page's and the side's, at the
      // next frame (a scroll here would lay the page out mid-change).
      requestAnimationFrame(() => {
        window.scrollTo({ top: 0, behavior: 'auto' });
        document.querySelector('.side')?.scrollTo({ top: 0, behavior: 'auto' });
      });
    },
    onConnection: (id) => { filterTo(id); },
    keylog: () => (keylog ? keylog.text : ''),
    keylogName: () => (keylog ? keylog.name : ''),
    isKeyLog: (f) => (keylog ? keylog.isKeyLog(f) : Promise.resolve(false)),
    onKeyLog: (f) => { setMode('capture'); keylog?.add(f); },
  });
  // The ladder and the builder (web/lazy/) are loaded when first opened,
  // with their words (in i18n/full/, beside the full program's).
  const lazyFail = (e) => toast(t('lazy.fail', { message: e.message }), true);
  lazyPanel(/** @type {HTMLDetailsElement} */ (byId('ladder')), async () => {
    const [{ ladder }] = await Promise.all([import('./lazy/ladder.js'), fullWords()]);
    parts.ladder = ladder(byId('ladder-sec'), {
      rows: frameRows,
      messages: messageRows,
      onSelect: (i) => openFrame(i),
      view: () => ({ result: state.result, t0: state.t0, connection: document.body.dataset.connection ? Number(document.body.dataset.connection) : null }),
    });
    if (state.frame >= 0) parts.ladder.select(state.frame);
  }, lazyFail);
  lazyPanel(remember(/** @type {HTMLDetailsElement} */ (byId('builder')), 'builder'), async () => {
    const [{ initBuilder }] = await Promise.all([import('./lazy/builder.js'), fullWords()]);
    initBuilder(byId('builder-panel'), {
      encode: (spec) => client.encode(spec), current: () => state.detail, toast,
      onPaste: (b) => {
        // The built bytes become the paste, with the options that read them as built.
        parts.capture.stop();
        setPaste(b.paste);
        ui.from.value = b.from;
        ui.ext.value = b.extension || '';
        ui.format.value = '';
        decodePaste(0);
      },
    });
  }, lazyFail);
  localize(byId('capture'));
  // wss://: a key log beside the capture; the capture is decoded again when keys come or go.
  keylog = initKeyLog(byId('keylog'), { toast, onKeys: () => parts.capture.reload() });
  client.ready.then(() => {
    for (const f of client.formats) ui.format.append(h('option', { value: f }, f));
    const proto = ui.protocol.value;
    replace(ui.protocol, protocolOptions(client.protocols));
    ui.protocol.value = proto;
  }, () => {});
  applyHash();
}

init();
