// A paste too large for the box (over 64 KiB, pastemode.js HOLD) is held
// outside it (issue 24): taken from the paste event, decoded at once, every
// frame listed; the box shows a stand-in that says what was pasted, its
// size, and that typing replaces it, in English and Japanese. What used
// the box's text works with the held one: an error's place, options,
// links (none: too large, said), edit, clear, typing, the examples.
import { suite, assert, pasteAsBrowser, SEED_CLIENT } from './harness.js';

const it = suite(import.meta.url);

/** n text frames "81 05 Hello", one a line. */
const hellos = (n) => '81 05 48 65 6c 6c 6f\n'.repeat(n);

/**
 * Pastes text into the box as a browser does (the paste event; the text
 * inserted and an input event only when the page did not take it), and
 * waits for the decode it causes. Returns whether the page took the text.
 * @param {import('./harness.js').Page} page @param {string} text
 */
async function pasteEvent(page, text) {
  const before = await page.evaluate(() => document.body.dataset.decodes || '0');
  const taken = await pasteAsBrowser(page, text);
  await page.waitForFunction((b) => (document.body.dataset.decodes || '0') !== b, before, { timeout: 20_000 });
  return taken;
}

const count = (page) => page.textContent('#frame-count');
const placeholder = (page) => page.evaluate(() => /** @type {HTMLTextAreaElement} */ (document.querySelector('#paste')).placeholder);

it('a paste over 64 KiB is held outside the box: the stand-in says what and how much, every frame is listed, the fragment holds no earlier paste', async (page) => {
  await page.waitForFunction(() => location.hash.includes('v=1'));
  const n = 20_000; // 420,000 characters: past the first program too
  const text = hellos(n);
  assert.equal(await pasteEvent(page, text), true, 'the page took the text from the paste event');
  await page.waitForFunction((c) => document.querySelector('#frame-count')?.textContent === String(c), n);
  assert.equal(await page.inputValue('#paste'), '', 'the box does not hold the text');
  await page.waitForSelector('#paste-held');
  const ph = await placeholder(page);
  assert.match(ph, /Pasted: 420000 characters in 20000 lines, starting “81 05 48 65 6c 6c 6f”\./);
  assert.match(ph, /Held outside this box/);
  assert.match(ph, /Typing or pasting here replaces it/);
  assert.match(await page.textContent('#paste-held'), /Held outside the box:.*Edit in the box.*Clear/);
  assert.match(await page.textContent('#paste-status'), /Recognised.*20000 frames/);
  // The last frame opens (its bytes read again from the held text).
  await page.focus('#frames');
  await page.keyboard.press('End');
  await page.waitForSelector(`svg.diagram[aria-label^="Frame ${n - 1}"]`);
  // No link: the fragment is emptied (it said the seed), and Copy link says why.
  await page.waitForFunction(() => location.hash === '');
  await page.click('#copy-link');
  await page.waitForFunction(() => /too big for a link/.test(document.querySelector('#toast')?.textContent || ''));
  assert.match(await page.textContent('#toast'), /This paste \(420000 characters\) is too big for a link/);
  assert.equal(await page.evaluate(() => document.body.dataset.copied), undefined, 'no link copied');
  // An option changed decodes the held text again, with the option.
  const before = await page.evaluate(() => document.body.dataset.decodes);
  await page.click('#options summary');
  await page.selectOption('#opt-from', 'server');
  await page.waitForFunction((b) => document.body.dataset.decodes !== b, before);
  assert.equal(await count(page), String(n));
  assert.equal(await page.inputValue('#paste'), '');
}, { timeout: 90_000 });

it('a held paste that fits in a link (plain hex) goes in the fragment as before, and a reload holds it again', async (page) => {
  const n = 3_500; // 73,500 characters, a 52,500-character fragment
  await pasteEvent(page, hellos(n));
  await page.waitForFunction((c) => document.querySelector('#frame-count')?.textContent === String(c), n);
  await page.waitForSelector('#paste-held');
  await page.waitForFunction(() => location.hash.startsWith('#v=1&hex=8105'));
  await page.reload();
  await page.waitForFunction((c) => document.querySelector('#frame-count')?.textContent === String(c), n);
  await page.waitForSelector('#paste-held');
  assert.equal(await page.inputValue('#paste'), '');
  assert.match(await placeholder(page), /Pasted: 73499 characters in 3500 lines/); // the link's lines, without the last newline
});

it('the stand-in in Japanese', async (page) => {
  const text = hellos(5_000); // 105,000 characters: the first program decodes it whole
  await pasteEvent(page, text);
  await page.waitForFunction(() => document.querySelector('#frame-count')?.textContent === '5000');
  await page.waitForSelector('#paste-held');
  const ph = await placeholder(page);
  assert.match(ph, /貼り付けたテキスト: 5000 行、105000 文字、先頭は「81 05 48 65 6c 6c 6f」。/);
  assert.match(ph, /入力欄の外に保持しています/);
  assert.match(ph, /ここに入力または貼り付けると置き換わります/);
  assert.match(await page.textContent('#paste-held'), /入力欄で編集.*消去/);
  assert.equal(await page.evaluate(() => /** @type {any} */ (globalThis).wsframe.full), false, 'under 256 KiB the first program decodes it');
  // The language switched with the text held: the stand-in follows.
  await page.selectOption('#lang', 'en');
  await page.waitForFunction(() => /** @type {HTMLTextAreaElement} */ (document.querySelector('#paste')).placeholder.startsWith('Pasted: 105000 characters'));
}, { hash: '?lang=ja' }); // left in English, for the tests after it (the choice is kept)

it('an error in a held paste is said with its line and column and a window of its text; "Select it" puts the text in the box at that place', async (page) => {
  const lines = hellos(4_000).split('\n');
  lines[2999] = '81 05 48 65 6c 6c 6g';
  const text = lines.join('\n');
  await pasteEvent(page, text);
  await page.waitForSelector('#paste-error .emsg');
  const said = await page.textContent('#paste-error');
  assert.match(said, /line 3000, column 20/);
  assert.match(await page.textContent('#paste-error .excerpt'), /3000 │ 81 05 48 65 6c 6c 6g\n {5}│ 81 05 48 65 6c 6c 6\^/);
  assert.equal(await page.evaluate(() => document.querySelector('#paste-backdrop')?.textContent), '', 'no megabyte drawn behind the box');
  await page.click('#paste-error button.link');
  assert.equal(await page.evaluate(() => document.querySelector('#paste').value.length), text.length, 'the text is in the box');
  const sel = await page.evaluate(() => { const el = /** @type {HTMLTextAreaElement} */ (document.querySelector('#paste')); return [el.selectionStart, el.selectionEnd, el.value.slice(el.selectionStart, el.selectionEnd)]; });
  assert.deepEqual(sel, [2999 * 21 + 19, 2999 * 21 + 20, 'g']);
  assert.equal(await page.$('#paste-held'), null, 'the stand-in is gone');
  assert.equal(await placeholder(page), '');
  assert.equal(await page.evaluate(() => document.querySelector('#paste-backdrop mark')?.textContent), 'g', 'the mark drawn behind it');
});

it('typing in the stand-in replaces the held text; Clear empties it; Edit puts it in the box; an example replaces it', async (page) => {
  const text = hellos(4_000);
  await pasteEvent(page, text);
  await page.waitForSelector('#paste-held');
  // Typing: the held text is dropped, what was typed decoded.
  await page.focus('#paste');
  await page.keyboard.type(SEED_CLIENT);
  await page.waitForFunction(() => document.querySelector('#frame-count')?.textContent === '1');
  assert.equal(await page.inputValue('#paste'), SEED_CLIENT);
  assert.equal(await page.$('#paste-held'), null);
  assert.equal(await placeholder(page), '');
  await page.waitForFunction(() => location.hash.includes('hex=8189'), null, { timeout: 5_000 });
  // Clear.
  await pasteEvent(page, text);
  await page.waitForSelector('#paste-held');
  await page.click('[data-action=held-clear]');
  await page.waitForFunction(() => document.querySelector('#paste-status')?.textContent === 'Paste a frame to decode it.');
  assert.equal(await page.$('#paste-held'), null);
  assert.equal(await page.inputValue('#paste'), '');
  // Edit in the box: the same paste, now in the box; nothing decoded again.
  await pasteEvent(page, text);
  await page.waitForSelector('#paste-held');
  const decodes = await page.evaluate(() => document.body.dataset.decodes);
  await page.click('[data-action=held-edit]');
  assert.equal(await page.inputValue('#paste'), text);
  assert.equal(await page.$('#paste-held'), null);
  assert.equal(await page.evaluate(() => document.body.dataset.decodes), decodes);
  // An example replaces a held paste.
  await pasteEvent(page, text);
  await page.waitForSelector('#paste-held');
  await page.click('[data-example] >> nth=0');
  await page.waitForFunction(() => !document.querySelector('#paste-held') && /** @type {HTMLTextAreaElement} */ (document.querySelector('#paste')).value.length > 0);
});

it('a text dropped on the box over 64 KiB is held as a pasted one', async (page) => {
  const before = await page.evaluate(() => document.body.dataset.decodes || '0');
  const taken = await page.evaluate((t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    return !document.querySelector('#paste').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, hellos(4_000));
  assert.equal(taken, true);
  await page.waitForFunction((b) => document.body.dataset.decodes !== b && document.querySelector('#frame-count')?.textContent === '4000', before);
  await page.waitForSelector('#paste-held');
  assert.equal(await page.inputValue('#paste'), '');
});

it('a paste under 64 KiB goes in the box as before; Ctrl in the box starts the full program, a visit alone does not', async (page) => {
  const fulls = () => page.server.requests.filter((p) => p === '/wsframe-full.wasm').length;
  const before = fulls();
  assert.equal(await pasteEvent(page, hellos(3_000)), false, '63,000 characters: the box takes them');
  assert.equal(await page.inputValue('#paste'), hellos(3_000));
  assert.equal(await page.$('#paste-held'), null);
  assert.equal(await page.evaluate(() => /** @type {any} */ (globalThis).wsframe.full), false);
  assert.equal(fulls(), before);
  await page.focus('#paste');
  await page.keyboard.down('Control');
  await page.keyboard.up('Control');
  await page.waitForFunction(async () => { await /** @type {any} */ (globalThis).wsframe.decode('81 00'); return /** @type {any} */ (globalThis).wsframe.full; });
  assert.equal(fulls(), before + 1);
});

it('the box\'s context menu starts the full program (a menu paste may come)', async (page) => {
  const fulls = () => page.server.requests.filter((p) => p === '/wsframe-full.wasm').length;
  const before = fulls();
  assert.equal(await page.evaluate(() => /** @type {any} */ (globalThis).wsframe.full), false);
  await page.click('#paste', { button: 'right' });
  await page.waitForFunction(async () => { await /** @type {any} */ (globalThis).wsframe.decode('81 00'); return /** @type {any} */ (globalThis).wsframe.full; });
  assert.equal(fulls(), before + 1);
});

it('a middle click in the box starts the full program (a primary-selection paste may come); a left click does not', async (page) => {
  const fulls = () => page.server.requests.filter((p) => p === '/wsframe-full.wasm').length;
  const before = fulls();
  const full = () => page.evaluate(async () => { await /** @type {any} */ (globalThis).wsframe.decode('81 00'); return /** @type {any} */ (globalThis).wsframe.full; });
  await page.click('#paste');
  assert.equal(await full(), false);
  assert.equal(fulls(), before);
  await page.click('#paste', { button: 'middle' });
  await page.waitForFunction(async () => { await /** @type {any} */ (globalThis).wsframe.decode('81 00'); return /** @type {any} */ (globalThis).wsframe.full; });
  assert.equal(fulls(), before + 1);
});
