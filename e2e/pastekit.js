// pastekit.js: what the paste benches share (bench-page.mjs, trace-paste.mjs):
// the test server's gzip made ahead, a fresh visit with its decoder ready,
// and a large paste timed in the page as a browser pastes it.

/**
 * Asks the server at url for both programs once, gzipped: the test server
 * gzips a file the first time it is asked for it (level 9: about a second
 * for the full program), as no static host does on a visit.
 * @param {string} url
 */
export async function gzipAhead(url) {
  for (const f of ['wsframe.wasm', 'wsframe-full.wasm']) await (await fetch(new URL(f, url), { headers: { 'accept-encoding': 'gzip' } })).arrayBuffer();
}

/**
 * A fresh context and page on url, its decoder ready and the first view
 * taken over by it.
 * @param {import('playwright-core').Browser} browser @param {string} url
 */
export async function visit(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => /** @type {any} */ (globalThis).wsframe);
  await page.evaluate(() => /** @type {any} */ (globalThis).wsframe.ready());
  await page.waitForSelector('body:not([data-first-view])');
  return { context, page };
}

/**
 * Pastes line count times into the box as a browser does (the paste event,
 * then the input), with Control pressed ctrlMs before when ctrlMs is not 0,
 * and answers the ms in the page from the paste to every frame listed. The
 * two moments are marked (trace:paste, trace:listed) for a trace.
 * @param {import('playwright-core').Page} page @param {string} line @param {number} count @param {number} [ctrlMs]
 * @returns {Promise<number>}
 */
export const pasteTimed = (page, line, count, ctrlMs = 0) => page.evaluate(async ([line, count, ctrlMs]) => {
  const el = /** @type {HTMLTextAreaElement} */ (document.querySelector('#paste'));
  const text = line.repeat(count);
  const before = document.body.dataset.decodes;
  const listed = new Promise((resolve) => {
    const done = () => document.body.dataset.decodes !== before && document.querySelector('#frame-count')?.textContent === String(count);
    const mo = new MutationObserver(() => { if (done()) { mo.disconnect(); resolve(performance.now()); } });
    mo.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  if (ctrlMs) {
    el.focus();
    el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Control', ctrlKey: true, bubbles: true }));
    await new Promise((r) => setTimeout(r, ctrlMs));
  }
  performance.mark('trace:paste');
  const t0 = performance.now();
  const data = new DataTransfer();
  data.setData('text/plain', text);
  if (el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))) {
    el.value = text;
    el.dispatchEvent(new InputEvent('input', { inputType: 'insertFromPaste', bubbles: true }));
  }
  const t = /** @type {number} */ (await listed);
  performance.mark('trace:listed');
  return t - t0;
}, /** @type {[string, number, number]} */ ([line, count, ctrlMs]));
