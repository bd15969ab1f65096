// early.js: what a visit asks for before the page's modules have run. The
// first view (first-view.json, which index.html preloads) is read as soon
// as it comes, while the rest of the page's modules and its catalog arrive,
// so that firstview.js draws it the moment the page's wiring is done,
// rather than a task (and a render of the page without it) later. A visit
// with a link does not read it: the link opens what it says.

/** first-view.json's content (not yet checked), or null when it is missing or not read. @type {Promise<any>|null} */
export const firstView = typeof location !== 'undefined' && !location.hash.slice(1)
  ? fetch('first-view.json').then((res) => (res.ok ? res.json() : null)).catch(() => null)
  : null;
