// A bad paste shows its error at its place (line, column, the character
// marked); the next good paste decodes and the error goes away. A worker
// crash is reported and the page keeps working.
import { suite, assert, paste, grown } from './harness.js';

const it = suite(import.meta.url);

/**
 * Whether the excerpt's caret starts where its marked character does, and
 * its gutter's bar lines up with the line's above it.
 * @param {import('./harness.js').Page} page
 */
const caretUnder = (page) => page.evaluate(() => {
  const box = (/** @type {string} */ sel) => /** @type {Element} */ (document.querySelector(`#paste-error .excerpt ${sel}`)).getBoundingClientRect();
  const pre = /** @type {Element} */ (document.querySelector('#paste-error .excerpt'));
  const bars = [...pre.textContent.matchAll(/│/g)].map((m) => {
    const r = document.createRange();
    const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
    let at = /** @type {number} */ (m.index);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const len = /** @type {string} */ (n.textContent).length;
      if (at < len) { r.setStart(n, at); r.setEnd(n, at + 1); break; }
      at -= len;
    }
    return r.getBoundingClientRect().left;
  });
  return [Math.abs(box('.caret-mark').left - box('.at').left) < 0.5, bars.length === 2 && Math.abs(bars[0] - bars[1]) < 0.5];
});

it('shows a located error, then decodes the next good paste', async (page) => {
  await paste(page, '81 0c 48 65 6c 6c\n6f 2c 20 7g 6f 72 6c 64');
  assert.equal(await page.textContent('#paste-error .emsg'), "line 2, column 11: 'g' is not a hex digit");
  assert.equal(await page.textContent('#paste-backdrop mark'), 'g');
  assert.match(await page.textContent('#paste-error .excerpt'), /^ {3}2 │ 6f 2c 20 7g 6f 72 6c 64\n {4} │ /);
  assert.equal(await page.textContent('#paste-error .excerpt .at'), 'g');
  assert.deepEqual(await caretUnder(page), [true, true]);
  assert.equal(await page.getAttribute('#paste', 'aria-invalid'), 'true');
  await page.click('#paste-error button');
  assert.deepEqual(await page.evaluate(() => { const t = /** @type {HTMLTextAreaElement} */ (document.querySelector('#paste')); return [t.selectionStart, t.selectionEnd]; }), [28, 29]);

  await paste(page, '81 05 48 65 6c 6c 6f');
  assert.equal(await page.textContent('#paste-error'), '');
  assert.equal(await page.locator('#paste-backdrop mark').count(), 0);
  assert.equal(await page.getAttribute('#paste', 'aria-invalid'), null);
  await page.waitForSelector('svg.diagram[aria-label^="Frame 0"]');
  assert.match(await page.textContent('#payload'), /Hello/);
});

it('says when a frame is cut short', async (page) => {
  await paste(page, '81 0c 48 65 6c');
  const text = `${await page.textContent('#paste-error')} ${await page.textContent('#scope')}`;
  assert.match(text, /missing|cut short|remain/i);
});

it('recovers from a decoder crash', async (page) => {
  await page.evaluate(() => globalThis.wsframe.crashForTest());
  // Said in the paste view; the input is not sent again by itself (it may
  // be what killed the decoder), the retry button sends it on request.
  await page.waitForSelector('#paste-error [data-part=crash]', { timeout: 10_000 });
  assert.match(await page.textContent('#paste-error'), /The decoder stopped on this input/);
  await page.click('[data-action=retry-smaller]');
  await page.waitForSelector('svg.diagram[aria-label^="Frame 1"]');
  await page.focus('.unmask');
  await page.keyboard.press('End');
  assert.equal(await grown(page), 'Good bye.');
  await paste(page, '81 05 48 65 6c 6c 6f');
  assert.match(await page.textContent('#paste-status'), /1 frame/);
  const r = await page.evaluate(() => globalThis.wsframe.decode('81 02 68 69', {}));
  assert.equal(r.messages[0].text, 'hi');
});

it('the caret stays under its character on line 12000, in a line cut with "…" in Japanese, under a control character made visible', async (page) => {
  const bad = `81 ${'7f '.repeat(20)}\u202eab`;
  await paste(page, `${'00\n'.repeat(11_999)}${bad}`);
  await page.waitForSelector('#paste-error .excerpt .at');
  assert.match(await page.textContent('#paste-error .emsg'), /12000 行 64 列/);
  const first = (await page.textContent('#paste-error .excerpt')).split('\n')[0];
  assert.match(first, /^12000 │ …/);
  assert.ok(!first.includes('\u202e'), 'the control character is not in the excerpt as itself');
  assert.equal(await page.textContent('#paste-error .excerpt .at'), '⟨U+202E⟩');
  assert.deepEqual(await caretUnder(page), [true, true], 'caret under its character, bars in line');
}, { hash: '?lang=ja' });
