// A frame's detail lists at most 64 of its message's frames (issue 26):
// a fragment of one message of 50,000 fragments (generated here) opens
// at once, says in words that the list is cut (English and Japanese), and
// its first and last frames are a click away. Screenshots of the cut at
// 1366x768 (light) and on a phone (dark), in both languages.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { suite, assert, hostileCapture, ARTIFACTS } from './harness.js';

const it = suite(import.meta.url);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wsframe-fragments-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const file = path.join(dir, 'fragments.pcap');
const n = hostileCapture(file, 'fragments', 50_000) + 2; // the first and last frames beside the continuations
const CUT = {
  en: new RegExp(`This message has ${n} frames; 64 are listed: its first, its last and those around this frame\\.`),
  ja: new RegExp(`このメッセージは ${n} フレームあります。最初と最後、このフレーム前後の 64 フレームだけを挙げています。`),
};

/**
 * Opens the capture, then frame i by its number; returns the milliseconds
 * from asking for the frame to its detail's cut sentence shown.
 * @param {import('./harness.js').Page} page @param {number} i
 */
async function openFragment(page, i) {
  await page.click('#mode-capture');
  await page.setInputFiles('#capture-file', file);
  await page.waitForFunction((k) => document.querySelector('#frame-count')?.textContent === String(k), n, { timeout: 60_000 });
  const t0 = Date.now();
  await page.fill('#goto', String(i));
  await page.press('#goto', 'Enter');
  await page.waitForFunction((k) => [...document.querySelectorAll('.frames-nav button')].some((b) => b.textContent === String(k))
    && document.querySelector('[data-part="frames-cut"]'), i, { timeout: 10_000 });
  return Date.now() - t0;
}

/** The buttons and the cut marks of the message's frame list. @param {import('./harness.js').Page} page */
const nav = (page) => page.evaluate(() => [...document.querySelectorAll('.frames-nav button, .frames-nav span')].map((e) => e.textContent));

for (const lang of /** @type {const} */ (['en', 'ja'])) {
  for (const viewport of [{ width: 1366, height: 768 }, { width: 390, height: 844 }]) {
    it(`a fragment of ${n} frames says its list is cut, ${lang}, ${viewport.width}x${viewport.height}`, async (page) => {
      const ms = await openFragment(page, 25_000);
      console.log(`# ${lang} ${viewport.width}: frame 25000's detail shown in ${ms} ms`);
      assert.match(await page.textContent('[data-part="frames-cut"]'), CUT[lang]);
      const list = await nav(page);
      const buttons = list.filter((x) => x !== '…');
      assert.equal(buttons.length, 64, list.join(' '));
      assert.deepEqual([buttons[0], buttons[63], list.filter((x) => x === '…').length], ['0', String(n - 1), 2], list.join(' '));
      assert.ok(buttons.includes('25000') && buttons.includes('24976') && buttons.includes('25023'), list.join(' '));
      await page.locator('[data-part="frames-cut"]').scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(ARTIFACTS, `fragments-detail-cut-${lang}-${viewport.width}.png`) });
      // The message's last frame is a click away, and its list ends there.
      await page.click(`.frames-nav button:text-is("${n - 1}")`);
      await page.waitForFunction((k) => document.querySelector('.frames-nav')?.lastElementChild?.textContent === String(k)
        && document.querySelectorAll('.frames-nav span').length === 1, n - 1, { timeout: 10_000 });
      assert.match(await page.textContent('[data-part="frames-cut"]'), CUT[lang]);
    }, {
      viewport, timeout: 120_000, colorScheme: viewport.width < 500 ? 'dark' : 'light',
      setup: lang === 'ja' ? (page) => page.addInitScript(() => localStorage.setItem('wsframe.lang', 'ja')) : undefined,
    });
  }
}

// The message list's row of the same message counts all its frames, though
// the row lists only 64 of them (frames_truncated): the cut is not shown as
// a message of 64 frames.
for (const lang of /** @type {const} */ (['en', 'ja'])) {
  it(`the message list counts all ${n} frames of a cut row, ${lang}`, async (page) => {
    await page.click('#mode-capture');
    await page.setInputFiles('#capture-file', file);
    await page.waitForFunction((k) => document.querySelector('#frame-count')?.textContent === String(k), n, { timeout: 60_000 });
    await page.waitForSelector('#messages [data-i="0"] .col-flags', { timeout: 10_000 });
    const cell = await page.textContent('#messages [data-i="0"] .col-flags');
    assert.equal(cell, lang === 'en' ? `${n} frames` : `${n} フレーム`);
    // The row itself carries 64 frame numbers and the total, not 50,002 numbers.
    const row = await page.evaluate(async () => {
      const r = await globalThis.wsframe.rows('messages', 0, 1, { preview: 64 });
      const list = typeof r === 'string' ? JSON.parse(r) : r;
      return { frames: list[0].frames.length, total: list[0].frames_total, cut: list[0].frames_truncated, size: JSON.stringify(list).length };
    });
    assert.deepEqual([row.frames, row.total, row.cut], [64, n, true], JSON.stringify(row));
    assert.ok(row.size < 2000, JSON.stringify(row));
  }, {
    viewport: { width: 1366, height: 768 }, timeout: 120_000,
    // The language is set either way: the browser's storage outlives a test.
    setup: (page) => page.addInitScript((l) => localStorage.setItem('wsframe.lang', l), lang),
  });
}
