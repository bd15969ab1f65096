// The readings of one answer inflate at most 64 MiB in all (issue 26): a
// capture of gzip'd messages that each inflate to 31 MiB lists the first
// two read, and the rows past the budget say so; a row opened on its own
// is read whole, and rows asked again read as they did.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { suite, assert, paste, hostileCapture, SEED_CLIENT } from './harness.js';

const it = suite(import.meta.url);

it('rows past the inflation budget say so; the message opened is read whole', async (page) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wsframe-budget-'));
  const file = path.join(dir, 'gzip-bombs.pcap');
  const size = 31 << 20;
  hostileCapture(file, 'gzip-bombs', 6, size);
  try {
    await page.click('#mode-capture');
    await page.setInputFiles('#capture-file', file);
    await page.waitForFunction(() => document.querySelector('#frame-count')?.textContent === '6', null, { timeout: 60_000 });
    const note = (i) => page.textContent(`#messages [data-i="${i}"] .mnote.reading`);
    await page.waitForSelector('#messages [data-i="2"] .mnote.reading');
    assert.match(await note(0), new RegExp(`^gzip \\d+ bytes → ${size} bytes`));
    assert.match(await note(1), new RegExp(`→ ${size} bytes`));
    assert.match(await note(2), /^gzip not inflated in this list \(its 64 MiB for inflating is spent\); open the message to read it$/);
    assert.match(await note(5), /not inflated in this list/);
    // Opened on its own, the message past the budget is read whole.
    await page.click('#messages [data-i="4"]');
    await page.waitForSelector('svg.diagram[aria-label^="Frame 4"]');
    await page.waitForFunction((n) => (document.querySelector('#message .reading')?.textContent || '').includes(`${n} bytes inflated`), size, { timeout: 30_000 });
    // Rows asked again read as they did the first time.
    const again = await page.evaluate(() => wsframe.rows('messages', 0, 3, { preview: 64 }));
    assert.deepEqual(again.map((m) => Boolean(m.reading && m.reading.error)), [false, false, true]);
    // The paste view decodes the seed right after.
    await page.click('#mode-paste');
    await paste(page, SEED_CLIENT);
    await page.waitForSelector('svg.diagram[aria-label^="Frame 0"]');
    assert.match(await page.textContent('#messages'), /Good bye\./);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, { timeout: 120_000 });
