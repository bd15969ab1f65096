// lazypanel.js: features whose code lives in web/lazy/, loaded the first
// time they are opened. On first load a feature is only its hook: a
// <details> whose summary is the button and whose body is the mount point.
// Opening it imports the module (a dynamic import(), which `make size`
// does not count as first load) and mounts it, once.

/**
 * @template T
 * @param {HTMLDetailsElement} details
 * @param {() => Promise<T>} load  imports the module and mounts it; called again only after it fails
 * @param {(e: Error) => void} fail  tells the reader a load failed (the next opening tries again)
 * @returns {() => Promise<T>} opens the feature: loads it if need be, and resolves to what load gave
 */
export function lazyPanel(details, load, fail) {
  /** @type {Promise<T>|null} */
  let p = null;
  const get = () => {
    if (!p) {
      details.dataset.state = 'loading';
      p = load().then((v) => { details.dataset.state = 'ready'; return v; }, (e) => {
        p = null;
        details.dataset.state = 'failed';
        details.open = false;
        fail(e);
        throw e;
      });
    }
    return p;
  };
  details.addEventListener('toggle', () => { if (details.open) get().catch(() => {}); });
  if (details.open) get().catch(() => {});
  return get;
}
