// sections.js: collapsible sections (<details>: the key log, the
// connections, the builder) that remember, in localStorage, whether the
// reader left them open or closed.

const key = (name) => `wsframe.open.${name}`;

/** Whether section name was left open; fallback when it never was toggled. */
export function wasOpen(name, fallback) {
  try {
    const v = localStorage.getItem(key(name));
    return v == null ? fallback : v === '1';
  } catch { return fallback; }
}

/**
 * Opens or closes details as it was left, and remembers each toggle.
 * @param {HTMLDetailsElement} details @param {string} name @param {boolean} [fallback] its state the first time
 */
export function remember(details, name, fallback = details.open) {
  details.open = wasOpen(name, fallback);
  details.dataset.section = name;
  details.addEventListener('toggle', () => {
    try { localStorage.setItem(key(name), details.open ? '1' : '0'); } catch { /* this visit only */ }
  });
  return details;
}
