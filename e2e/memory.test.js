// Memory follows what is on screen (issue 15): hostile captures generated
// here (never committed) open in the page within the worker's memory
// budget, and the paste view decodes the seed right after each.
//   - four million tiny frames (8 MB): an index of small records, no
//     Frame or Message objects kept;
//   - 200 permessage-deflate messages each inflating to the 32 MiB cap:
//     inflated once while read, then only on demand.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { suite, assert, hostileCapture } from './harness.js';

const it = suite(import.meta.url);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wsframe-memory-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const SEED = '81 0c 48 65 6c 6c 6f 2c 20 77 6f 72 6c 64\n81 89 95 39 ff dd d2 56 90 b9 b5 5b 86 b8 bb';

/** Opens file in the capture view and waits for its frame count. */
async function open(page, file, frames, timeout) {
  await page.click('#mode-capture');
  const t0 = Date.now();
  await page.setInputFiles('#capture-file', file);
  await page.waitForFunction((n) => document.querySelector('#frame-count')?.textContent === String(n)
    || /Could not read/.test(document.querySelector('#capture .status')?.textContent || ''), frames, { timeout });
  const status = await page.textContent('#capture .status');
  assert.doesNotMatch(status, /Could not read/);
  console.log(`# ${path.basename(file)}: ${(fs.statSync(file).size / 1e6).toFixed(1)} MB, ${frames} frames listed in ${Date.now() - t0} ms`);
  return status;
}

/** The paste view decodes the seed. */
async function seedDecodes(page) {
  await page.click('#mode-paste');
  await page.fill('#paste', SEED);
  await page.waitForFunction(() => /2 frames/.test(document.querySelector('#paste-status')?.textContent || ''), null, { timeout: 10_000 });
  await page.waitForSelector('svg.diagram');
}

it('opens four million tiny frames, then decodes the seed', async (page) => {
  const file = path.join(dir, 'tiny.pcap');
  const g = { frames: hostileCapture(file, 'empty', 4_000_000) };
  await open(page, file, g.frames, 240_000);
  // A row far down reads its frame from the file.
  await page.fill('#goto', '3999999');
  await page.press('#goto', 'Enter');
  await page.waitForSelector('svg.diagram[aria-label^="Frame 3999999"]', { timeout: 20_000 });
  await seedDecodes(page);
}, { timeout: 300_000 });

// A capture past the worker's budget is read as far as it fits, and the
// page says how far and why. The budget is made 1 MiB here (the worker
// takes it as an option; the page leaves it at 512 MiB) by adding it to
// the page's decodeFile request.
it('says where and why reading stopped at the budget, then decodes the seed', async (page) => {
  const file = path.join(dir, 'budget.pcap');
  const g = { frames: hostileCapture(file, 'empty', 200_000) };
  await page.click('#mode-capture');
  await page.setInputFiles('#capture-file', file);
  const stopped = page.locator('#capture .status [data-part=stopped]');
  await stopped.waitFor({ timeout: 60_000 });
  assert.match(await stopped.textContent(), /read \d+\.\d KiB of \d+\.\d KiB: the frame index reached its memory budget of 1 MiB after \d+ frames; the rest of the capture was not read/);
  const n = Number(await page.textContent('#frame-count'));
  assert.ok(n > 1000 && n < g.frames, `${n} of ${g.frames} frames listed`);
  await seedDecodes(page);
}, {
  setup: (page) => page.addInitScript(() => {
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (m, ...rest) {
      if (m && m.op === 'decodeFile' && m.args && m.args[1]) m.args[1] = { ...m.args[1], budget: 1 << 20 };
      return post.call(this, m, ...rest);
    };
  }),
});

// The frame shown first is a 32 MiB message of NUL bytes: its detail carries
// the first 64 KiB, whose text view once drew every NUL as its own element
// (65,536 spans), and the page spent seconds on each layout after listing
// them. A run of one control character is now one element.
it('opens 200 messages each inflating to the cap, then decodes the seed', async (page) => {
  const file = path.join(dir, 'bombs.pcap');
  const g = { frames: hostileCapture(file, 'bombs', 200, 32 << 20) };
  await open(page, file, g.frames, 540_000);
  await page.waitForSelector('svg.diagram[aria-label^="Frame 0"]', { timeout: 60_000 });
  const ctl = await page.evaluate(() => ({
    elements: document.querySelectorAll('#scope *').length,
    ctl: document.querySelectorAll('#message .ptext .ctl').length,
    nuls: [...document.querySelectorAll('#message .ptext .ctl')].reduce((n, e) => n + (e.textContent || '').length, 0),
  }));
  assert.ok(ctl.elements < 10_000, `the frame's detail has ${ctl.elements} elements`);
  assert.equal(ctl.ctl, 1, 'the run of NUL bytes is one element');
  assert.equal(ctl.nuls, 64 << 10, 'every NUL of the 64 KiB shown is drawn');
  // The last message, inflated on demand from its checkpoint.
  await page.focus('#frames');
  await page.keyboard.press('End');
  await page.waitForSelector('svg.diagram[aria-label^="Frame 199"]', { timeout: 60_000 });
  await seedDecodes(page);
}, { timeout: 600_000 });
