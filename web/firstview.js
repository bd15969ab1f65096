// firstview.js: the seed exchange as the page first shows it, drawn before
// the decoder has arrived. `make build` writes first-view.json next to the
// page with Go's own answers (wasm/main_native.go): the decode of the seed
// paste, the frame the page opens and every frame's detail, with the page's
// options for a first visit. Nothing here computes anything: the file is
// drawn as the decoder's answers are, and the decoder takes over as soon as
// it is ready.

import { replace } from './dom.js';
import { statusLine } from './paste.js';
import { client } from './engine.js';
import { state, ui } from './state.js';
import { showResult } from './frameview.js';
import { decodePaste, options } from './pastemode.js';
import { firstView } from './early.js';

/**
 * @typedef {{text: string, want: number, result: import('./contract.js').Result, frames: import('./contract.js').FrameDetail[]}} FirstView
 */

/** The first view while it is on screen and the decoder has not taken it over. @type {FirstView|null} */
let view = null;
/** state.seq when it was drawn: it is taken over as it is while nothing else was asked. */
let drawnSeq = 0;

/**
 * The first view, or null when it is missing or not readable (the page then
 * simply waits for the decoder): the one early.js asked for as the visit
 * began, else asked now.
 * @returns {Promise<FirstView|null>}
 */
async function load() {
  let v = null;
  try {
    v = await (firstView || fetch('first-view.json').then((res) => (res.ok ? res.json() : null)));
  } catch {
    return null;
  }
  return v && typeof v.text === 'string' && v.result && Array.isArray(v.frames) ? v : null;
}

/** Draws the first view, unless the decoder or the user came first. */
export async function drawFirstView() {
  const v = await load();
  if (!v || state.seq || client.isReady) return;
  ui.paste.value = v.text;
  view = v;
  drawnSeq = ++state.seq;
  replace(ui.status, statusLine(v.result));
  showResult(v.result, v.want);
}

/** Frame i's detail from the first view while it is shown, else null. */
export function firstFrame(i) {
  return (view && view.frames.find((x) => x.frame.index === i)) || null;
}

/**
 * The decoder takes over the first view, if one is shown: it decodes the
 * same paste with the same options, so its answers are those on screen
 * (e2e/first-view-file.test.js checks it) and nothing is drawn again; a
 * paste or option changed meanwhile has been sent to it as usual. With
 * same false (a link came meanwhile) it is only dropped. Reports whether
 * it was taken over.
 */
export async function takeOverFirstView(same = true) {
  const v = view;
  view = null;
  if (!v || !same) return false;
  if (state.seq !== drawnSeq || ui.paste.value !== v.text) return true;
  try {
    await client.decode(v.text, options());
  } catch {
    if (state.seq === drawnSeq) decodePaste(state.frame);
    return true;
  }
  delete document.body.dataset.firstView;
  document.body.dataset.decodes = String(Number(document.body.dataset.decodes || 0) + 1);
  return true;
}
