// firstview.js: the seed exchange as the page first shows it, drawn before
// the decoder has arrived. `make build` writes first-view.json next to the
// page with Go's own answers (wasm/main_native.go): the decode of the seed
// paste, the frame the page opens and every frame's detail, with the page's
// options for a first visit. Nothing here computes anything; the decoder's answers
// replace it as soon as they come.

/**
 * @typedef {{text: string, want: number, result: import('./contract.js').Result, frames: import('./contract.js').FrameDetail[]}} FirstView
 */

/**
 * The first view, or null when it is missing or not readable (the page then
 * simply waits for the decoder).
 * @returns {Promise<FirstView|null>}
 */
export async function loadFirstView() {
  try {
    const res = await fetch('first-view.json');
    if (!res.ok) return null;
    const v = await res.json();
    return v && typeof v.text === 'string' && v.result && Array.isArray(v.frames) ? v : null;
  } catch {
    return null;
  }
}
