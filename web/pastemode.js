// pastemode.js: the paste as input. The text is decoded as it is typed
// (after a pause), with the options beside it; errors are marked in the
// text (paste.js); a crash of the worker is said here, with a retry, and
// so is a worker stopped past its deadline (busy.js).

import { replace } from './dom.js';
import { showError, showNotDecoded, statusLine } from './paste.js';
import { ROWS } from './capture.js';
import { BLOCK } from './rows.js';
import { fullWords, onLang, t } from './i18n.js';
import { crashNotice, rememberCrash, SMALLER, STRINGS as NOTICE } from './notice.js';
import { errorWords, stoppedNotice } from './busy.js';
import { client } from './engine.js';
import { EMPTY, PREVIEW, setMode, state, toast, ui } from './state.js';
import { showResult } from './frameview.js';
import { MAX_HASH } from './hash.js';

/**
 * A pasted or dropped text longer than this (characters) is held outside
 * the box (state.held) and the box shows a stand-in (lazy/held.js): a
 * megabyte in a textarea costs Chromium 0.7-1 s of style and layout, more
 * than the decode, and about 50 ms at this size; the largest link's
 * fragment (hash.js) is the same number, and a held paste goes in one
 * whenever it fits (plain hex under about 90,000 characters).
 */
export const HOLD = MAX_HASH;

/**
 * The decode options the paste's controls say, for a text of n characters:
 * one read through the index (over pasteWhole) brings the lists' first
 * block, as a file does (README: 2000 rows were a third of its CPU).
 * @param {number} [n]
 */
export function options(n = 0) {
  const rows = client.pasteWhole && n > client.pasteWhole ? BLOCK : ROWS;
  return { from: ui.from.value, extension: ui.ext.value.trim(), format: ui.format.value, preview: PREVIEW, rows, protocol: ui.protocol.value, as_payload: state.asPayload };
}

/**
 * The hint under the status line (lazy/hint.js, loaded the first time a
 * paste has one): what a paste that is not frames looks like, or the line
 * saying it is shown as a payload.
 * @param {import('./contract.js').Result} r @param {number} seq
 */
function showHint(r, seq) {
  if (!r.hint && r.input.kind !== 'payload') { replace(ui.hint); return; }
  Promise.all([import('./lazy/hint.js'), fullWords()]).then(([m]) => { // its words are in i18n/full/
    if (seq !== state.seq) return;
    replace(ui.hint, r.input.kind === 'payload' ? m.payloadLine(r, () => showAs('')) : m.hintBox(r, showAs));
  });
}

/** Shows the paste as one message's payload ("text", "binary"), or as frames (""). */
export function showAs(as) {
  state.asPayload = as;
  decodePaste(0);
}

/**
 * The worker died (client.js has replaced it, and sends nothing again by
 * itself): what the lists showed is gone with it. Say what happened and
 * offer a retry with smaller limits; a link that did it is remembered, so
 * that a reload does not do it again.
 */
export function onCrash(st) {
  const { mode, frame } = state;
  if (notThePaste(st)) return;
  state.seq++;
  showResult(EMPTY);
  if (mode !== 'paste') { toast(NOTICE.crashCapture, true); return; }
  replace(ui.status);
  if (state.linkInput) rememberCrash(state.linkInput);
  crashNotice(ui.error, errorWords(st), () => decodePaste(frame, SMALLER));
}

/**
 * The worker was busy past its deadline and was replaced (client.js): as
 * after a crash, what the lists showed is gone, the paste view says why,
 * and a link that did it is not decoded again by itself.
 */
export function onStopped(st) {
  if (notThePaste(st)) return;
  state.seq++;
  showResult(EMPTY);
  if (state.mode !== 'paste') { toast(t('busy.stopped.title', { what: t(`busy.op.${st.op}`), s: Math.round((st.ms || 0) / 1000) }), true); return; }
  replace(ui.status);
  if (state.linkInput) rememberCrash(state.linkInput);
  stoppedNotice(ui.error, st);
}

/**
 * A worker lost in a call that was not a decode (building frames): the
 * paste did not do it, so the paste view decodes it again on the new
 * worker, and the call's own view (the builder) says what happened.
 */
function notThePaste(st) {
  if (!st.op || st.op.startsWith('decode') || state.mode !== 'paste') return false;
  toast(errorWords(st), true);
  decodePaste(state.frame);
  return true;
}

let timer = 0;
/** Decodes the paste after a pause in typing, opening frame want (the one shown when not given). */
export function decodeSoon(want = -1) {
  clearTimeout(timer);
  timer = window.setTimeout(() => decodePaste(want >= 0 ? want : state.frame), 150);
}

/**
 * Text is being pasted or dropped (the event before it is inserted): one
 * larger than the first program decodes whole has the full program
 * fetched and started now, not after the first program says it needs it.
 * @param {ClipboardEvent|DragEvent} ev
 */
export function onPasteBegin(ev) {
  const data = 'clipboardData' in ev ? ev.clipboardData : /** @type {DragEvent} */ (ev).dataTransfer;
  const text = data ? data.getData('text/plain') : '';
  prepareFor(text.length);
  if (text.length <= HOLD) return;
  // Too large for the box: held outside it, and decoded now.
  ev.preventDefault();
  setPaste(text);
  state.asPayload = '';
  state.shared = false;
  state.revealFrame = true;
  clearTimeout(timer);
  decodePaste(0);
}

/**
 * Makes text the paste: in the box, or held outside it (with the box's
 * stand-in) when it is longer than HOLD. The caller decodes it.
 * @param {string} text
 */
export function setPaste(text) {
  state.held = text.length > HOLD ? text : '';
  ui.paste.value = state.held ? '' : text;
  drawHeld();
}

/** The paste's text: the held one, or the box's. */
export const pasteText = () => state.held || ui.paste.value;

/** Draws the box's stand-in for the held text (or takes it away). */
function drawHeld() {
  const text = state.held;
  if (!text && !ui.paste.classList.contains('held')) return;
  Promise.all([import('./lazy/held.js'), fullWords()]).then(([m]) => {
    if (state.held !== text) return; // replaced meanwhile
    m.standIn(ui.paste, text, { edit: editHeld, clear: () => { setPaste(''); decodePaste(0); ui.paste.focus(); } });
  }, () => {}); // not downloaded (offline): drawn when the paste is tried again
}
onLang(drawHeld);

/**
 * Puts the held text in the box to be edited (the box draws it, a second
 * for a megabyte), selecting characters from..to.
 */
function editHeld(from = 0, to = 0) {
  if (state.held) {
    ui.paste.value = state.held;
    state.held = '';
    drawHeld();
  }
  ui.paste.focus();
  ui.paste.setSelectionRange(from, to);
}

/**
 * A paste may come (Ctrl or Cmd went down in the box, its context menu
 * opened, or its middle button: Linux's selection paste): the full
 * program, which a large one needs, is fetched and started now, its
 * download, compile and start (0.4-0.7 s at load 10, README) no longer on
 * the first large paste's path. Never on a visit alone: only on these signs.
 */
export function onPasteSoon() {
  if (!client.full && client.pasteWhole) client.prefetch(false);
}

/**
 * A text of n characters that the first program does not decode whole
 * has the full program fetched and started now, and its words loaded
 * (its answers wait for them).
 * @param {number} n
 */
function prepareFor(n) {
  if (client.needsFullFor(n)) { client.prefetch(false); fullWords()?.catch(() => {}); }
}

/**
 * The paste changed: typing keeps the frame shown, decoded after a pause;
 * a new input (pasted or dropped text) is decoded at once, opening its
 * first frame and bringing its diagram into view. A text grown too large
 * for the first program has the full one fetched, as onPasteBegin.
 * @param {Event} ev
 */
export function onPasteInput(ev) {
  // Typed or pasted in the stand-in's empty box: that text replaces the held one.
  if (state.held) setPaste(ui.paste.value);
  prepareFor(ui.paste.value.length);
  state.asPayload = '';
  const inputType = /** @type {InputEvent} */ (ev).inputType || '';
  if (!inputType.startsWith('insertFrom')) { decodeSoon(); return; }
  state.revealFrame = true;
  // One event brings the whole text: decoded now, the worker decodes while
  // the browser lays the text out (a second for a megabyte), not after.
  clearTimeout(timer);
  decodePaste(0);
}

/**
 * Decodes the paste and shows it, opening frame want. limits override the
 * options (a retry after a crash); fromLink says the text came from a link.
 */
export async function decodePaste(want, limits = {}, fromLink = false) {
  setMode('paste');
  const text = pasteText();
  const seq = ++state.seq;
  state.linkInput = fromLink ? text : '';
  /** @type {import('./contract.js').Result} */
  let r;
  try {
    r = await client.decode(text, { ...options(text.length), ...limits });
  } catch (e) {
    if (seq === state.seq && e.id === 'worker.full-missing') {
      // Not the text's fault: nothing listed for it, and a way to try again.
      showResult(EMPTY);
      replace(ui.status);
      showNotDecoded(errorView(), e, () => { drawHeld(); decodePaste(want, limits, fromLink); });
      return;
    }
    // A crash says so itself (onCrash), after or before this.
    if (seq === state.seq && !e.crashed && !e.stopped) showError(errorView(), text, [{ offset: e.offset || 0, message: e.message, id: e.id, params: e.params }]);
    return;
  }
  if (seq !== state.seq) return;
  replace(ui.status, text.trim() ? statusLine(r) : t('paste.empty'));
  showHint(r, seq);
  showError(errorView(), text, r.input.refused ? [] : r.errors); // a refusal is said by the status line
  showResult(r, want);
  document.body.dataset.decodes = String(Number(document.body.dataset.decodes || 0) + 1);
}

/**
 * Where paste errors are shown: the box under the paste and the marks
 * behind its text; for a held text, no marks (the box does not show it),
 * and the place is selected once the text is put in the box.
 */
const errorView = () => ({ box: ui.error, backdrop: ui.backdrop, textarea: ui.paste, held: Boolean(state.held), edit: editHeld });
