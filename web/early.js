// early.js: run by itself as soon as it arrives (index.html), it reads the
// first view (first-view.json, preloaded) while the other modules and the
// catalog come, so that firstview.js draws it as the page is wired. A visit
// with a link does not read it: the link opens what it says.

/** first-view.json's content (not yet checked), or null. @type {Promise<any>|null} */
export const firstView = typeof location !== 'undefined' && !location.hash.slice(1)
  ? fetch('first-view.json').then((res) => (res.ok ? res.json() : null)).catch(() => null)
  : null;
