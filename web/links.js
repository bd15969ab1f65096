// links.js: what is on screen as a link. A paste, its options and the
// selected frame live in the URL fragment (hash.js): saveHash writes it,
// applyHash reads it (on load and when it changes). copyLink copies a link
// that reopens the view; a capture's frame travels as a paste.

import { replace } from './dom.js';
import * as hash from './hash.js';
import { fullWords, num, t } from './i18n.js';
import { crashedBefore, linkCrashedNotice, linkTooBigNotice } from './notice.js';
import { client } from './engine.js';
import { EMPTY, setMode, state, toast, ui } from './state.js';
import { showResult } from './frameview.js';
import { decodePaste, pasteText, setPaste } from './pastemode.js';
import { drawFirstView, takeOverFirstView } from './firstview.js';
import { fbox } from './filterbox.js';

let hashTimer = 0;
let applied = ''; // the fragment last read or written by the page

/**
 * Writes the paste, its options and the selected frame into the fragment,
 * soon. A paste too large for a link (hash.MAX_HASH) is not written, and
 * the fragment is emptied rather than left saying an earlier paste.
 */
export function saveHash() {
  if (state.mode !== 'paste') return;
  if (state.shared) return; // a capture's frame was put in the paste to be shared; the user has not edited it yet
  clearTimeout(hashTimer);
  hashTimer = window.setTimeout(() => {
    // A fragment changed from outside and not yet applied wins over ours.
    if (location.hash.slice(1) !== applied) return;
    const frag = linkFragment();
    if (!frag) {
      if (location.hash) history.replaceState(null, '', location.pathname + location.search);
      applied = '';
      return;
    }
    if (location.hash.slice(1) !== frag) history.replaceState(null, '', `#${frag}`);
    applied = location.hash.slice(1);
  }, 100);
}

let bigText = ''; // the last paste too large for a link by itself (a held one's, asked again at every frame opened)

/** The fragment for the paste, its options and the selected frame; '' when it is too large for a link (hash.MAX_HASH). */
function linkFragment() {
  const text = pasteText();
  if (text === bigText) return '';
  const view = { text, frame: state.frame, from: /** @type {any} */ (ui.from.value), ext: ui.ext.value.trim(), format: ui.format.value, filter: fbox.value };
  const frag = hash.encode(view);
  if (frag.length <= hash.MAX_HASH) return frag;
  if (hash.encode({ ...view, frame: -1, from: '', ext: '', format: '', filter: '' }).length > hash.MAX_HASH) bigText = text;
  return '';
}

/** Opens what the fragment says (the seed when it says nothing). */
export async function applyHash() {
  const seq = state.seq;
  if (!location.hash.slice(1) && !seq) drawFirstView(); // the seed, before the decoder
  await client.ready; // the seed and the paste forms come from the decoder
  // The fragment the page wrote itself (the first view's, or none) is not
  // a link to open: what is on screen stays, the first view taken over.
  const ours = location.hash.slice(1) === applied;
  applied = location.hash.slice(1);
  if (await takeOverFirstView(ours)) return;
  // Pasted, typed, an example or a file chosen while the decoder loaded:
  // the user's, sent to it already, and not replaced by the seed.
  if (ours && (state.seq !== seq || pasteText())) return;
  const big = hash.tooBig(location.hash);
  if (big) {
    // Not opened: say so, with an empty paste view.
    setPaste('');
    setMode('paste');
    state.seq++;
    showResult(EMPTY);
    replace(ui.status);
    linkTooBigNotice(ui.error, big, hash.MAX_HASH);
    return;
  }
  const st = hash.decode(location.hash);
  const v = st || { text: client.seed, frame: 1, from: '', ext: '', format: '', filter: '' };
  fbox.set(v.filter || '');
  state.shared = false;
  setPaste(v.text);
  ui.from.value = v.from;
  ui.ext.value = v.ext;
  ui.format.value = client.formats.includes(v.format) ? v.format : '';
  if (st && crashedBefore(v.text)) {
    setMode('paste');
    state.seq++;
    showResult(EMPTY);
    replace(ui.status);
    linkCrashedNotice(ui.error, () => decodePaste(v.frame, {}, true));
    return;
  }
  return decodePaste(v.frame, {}, Boolean(st));
}

/**
 * Copies a link that reopens what is on screen. A capture cannot travel in
 * a link, so for a capture the link carries the selected frame's bytes as a
 * paste, after the handshake it was negotiated under, and says so.
 */
export async function copyLink() {
  let url = location.href;
  let note = t('copy.done');
  if (state.mode === 'capture') {
    const d = state.detail;
    if (!d || state.frame < 0) { toast(t('copy.nothing'), true); return; }
    const text = sharedPaste(d);
    const frag = hash.encode({ text, frame: 0, from: /** @type {any} */ (d.frame.from), ext: '', format: '' });
    if (frag.length > hash.MAX_HASH) { toast(t('copy.toolong', { n: num(d.frame.payload_length) }), true); return; }
    const u = new URL(location.href);
    u.hash = frag;
    url = u.href;
    note = t(d.handshake ? 'copy.capture.hs' : 'copy.capture', { i: d.frame.index });
  } else {
    if (!linkFragment()) {
      // Too large for a link: said, rather than copying an earlier paste's.
      await fullWords();
      toast(t('copy.toolong.paste', { n: num(pasteText().length) }), true);
      return;
    }
    saveHash();
    await new Promise((r) => setTimeout(r, 120));
    url = location.href;
  }
  try {
    await navigator.clipboard.writeText(url);
    toast(note);
  } catch {
    toast(t('copy.manual', { url: url.slice(0, 200) }));
  }
  document.body.dataset.copied = url;
}

/** A capture's frame as a paste: its handshake's request and response, then its bytes. */
function sharedPaste(d) {
  const hs = d.handshake;
  const headText = (hd) => (hd ? [hd.method ? `${hd.method} ${hd.target || ''} ${hd.version || ''}`.trim() : `${hd.version || ''} ${hd.status || ''} ${hd.reason || ''}`.trim(),
    ...(hd.headers || []).map((x) => `${x.name}: ${x.value}`)].join('\n') + '\n\n' : '');
  const bytes = (d.bytes.match(/../g) || []).join(' ');
  return (hs ? headText(hs.request) + headText(hs.response) : '') + bytes;
}
