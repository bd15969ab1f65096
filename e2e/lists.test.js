// The frame list stays fast with many frames: rows are virtualised, and the
// keyboard walks them.
import { suite, assert, paste } from './harness.js';

const it = suite(import.meta.url);

it('virtualises thousands of frames', async (page) => {
  const n = 5000;
  // n small text frames "0".."4999", one a line.
  const lines = [];
  for (let i = 0; i < n; i++) {
    const t = Buffer.from(String(i));
    lines.push(`81 ${t.length.toString(16).padStart(2, '0')} ${t.toString('hex').match(/../g).join(' ')}`);
  }
  const t0 = Date.now();
  await paste(page, lines.join('\n'));
  const ms = Date.now() - t0;
  console.log(`# ${n} frames decoded and listed in ${ms} ms`);
  assert.equal(await page.textContent('#frame-count'), String(n));
  const rows = await page.locator('#frames [role=option]').count();
  assert.ok(rows > 0 && rows < 100, `${rows} rows in the DOM`);
  await page.focus('#frames');
  await page.keyboard.press('End');
  await page.waitForSelector(`#frames [role=option][data-i="${n - 1}"][aria-selected="true"]`);
  await page.waitForSelector(`svg.diagram[aria-label^="Frame ${n - 1}"]`);
  assert.match(await page.textContent(`#frames [role=option][data-i="${n - 1}"]`), /4999/);
  await page.keyboard.press('ArrowUp');
  await page.waitForSelector(`svg.diagram[aria-label^="Frame ${n - 2}"]`);
  await page.keyboard.press('Home');
  await page.waitForSelector('svg.diagram[aria-label^="Frame 0"]');
  assert.ok(await page.locator('#frames [role=option]').count() < 100);
});

it('chooses a frame from the message list', async (page) => {
  await page.click('#messages [role=option][data-i="0"]');
  await page.waitForSelector('svg.diagram[aria-label^="Frame 0"]');
  assert.equal(await page.getAttribute('#frames [role=option][data-i="0"]', 'aria-selected'), 'true');
});

it('a row pressed, drawn again (its data came, the list scrolled) and released is still chosen', async (page) => {
  // The seed: frame 1 is shown; press message 0's row, draw the list again
  // as a fetch of rows does, and release: Chromium sends the click to the
  // list, since the row pressed is gone.
  const row = page.locator('#messages [role=option][data-i="0"]');
  const box = await row.boundingBox();
  if (!box) throw new Error('no row 0');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  const before = await row.elementHandle();
  await page.evaluate(() => document.querySelector('#messages')?.dispatchEvent(new Event('scroll')));
  await page.waitForFunction((el) => !el?.isConnected, before);
  await page.mouse.up();
  await page.waitForSelector('svg.diagram[aria-label^="Frame 0"]');
  assert.equal(await page.getAttribute('#messages [role=option][data-i="0"]', 'aria-selected'), 'true');
});

it('follows the window resized (1440, 1024, a phone, 1920): rows fill the box, End shows the last row inside it', async (page) => {
  const n = 3000;
  await paste(page, '81 05 48 65 6c 6c 6f\n'.repeat(n));
  assert.equal(await page.textContent('#frame-count'), String(n));
  for (const [width, height] of [[1440, 900], [1024, 768], [390, 844], [1920, 1080]]) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(200); // the resize observer, then a frame
    await page.locator('#frames').evaluate((el) => { el.scrollTop = 0; });
    await page.waitForTimeout(100);
    const gap = await page.locator('#frames').evaluate((el) => {
      const box = el.getBoundingClientRect();
      const rows = [...el.querySelectorAll('[role=option]')].map((r) => r.getBoundingClientRect());
      return rows.length ? box.bottom - Math.max(...rows.map((r) => r.bottom)) : box.height;
    });
    assert.ok(gap <= 1, `${width}×${height}: ${gap} px of the box without rows`);
    await page.focus('#frames');
    await page.keyboard.press('End');
    await page.waitForSelector(`#frames [role=option][data-i="${n - 1}"][aria-selected="true"]`);
    const inside = await page.locator('#frames').evaluate((el, last) => {
      const box = el.getBoundingClientRect();
      const row = /** @type {Element} */ (el.querySelector(`[role=option][data-i="${last}"]`)).getBoundingClientRect();
      return row.top >= box.top - 1 && row.bottom <= box.bottom + 1;
    }, n - 1);
    assert.ok(inside, `${width}×${height}: the last row is inside the list after End`);
    await page.keyboard.press('Home');
    await page.waitForSelector('#frames [role=option][data-i="0"][aria-selected="true"]');
  }
}, { timeout: 60_000 });

// A new decode draws the frame list's rows once, its frame selected
// (lists.js update): not again to select it, nor when its detail opens, nor
// when the box grows to its height as the rows come (the rows drawn fill
// its largest height). Each drawing builds every row on screen, on the
// path from a file read to its list (issue 24); main drew 4 times here.
it('a new decode draws the frame list once: not again to select, to open the frame, or as the box grows', async (page) => {
  const lines = [];
  for (let i = 0; i < 50; i++) lines.push(`81 01 ${(0x41 + (i % 26)).toString(16)}`);
  await page.evaluate(() => {
    const w = /** @type {any} */ (window);
    w.__drawn = 0;
    new MutationObserver((rs) => { w.__drawn += rs.filter((r) => r.addedNodes.length > 0).length; })
      .observe(/** @type {Element} */ (document.querySelector('#frames .vspacer')), { childList: true });
  });
  await paste(page, lines.join('\n'));
  await page.waitForTimeout(500); // anything still coming (the detail's select) has come
  assert.equal(await page.textContent('#frame-count'), '50');
  assert.equal(await page.locator('#frames [role=option][aria-selected=true]').count(), 1);
  assert.equal(await page.evaluate(() => /** @type {any} */ (window).__drawn), 1);
});
