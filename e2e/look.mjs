// look.mjs: screenshots to look at, not tests. Opens the page in Chromium
// and saves views of the capture screens into artifacts/look-*.png:
//   node look.mjs
// b (a compressed message with its DEFLATE blocks), f (three connections,
// one chosen), a generated capture of 200,000 frames scrolled to its end,
// the compressed paste example, and the phone layout.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { start } from './server.js';
import { ARGS, ARTIFACTS, CHROMIUM, generatedCapture } from './harness.js';

const cap = (name) => new URL(`../testdata/captures/${name}`, import.meta.url).pathname;

fs.mkdirSync(ARTIFACTS, { recursive: true });
const server = await start();
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS, timeout: 30_000 });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wsframe-look-'));
const shot = (page, name, o = {}) => page.screenshot({ path: path.join(ARTIFACTS, `look-${name}.png`), ...o });

/** A tall page in pieces of 1200 px, which an image viewer shows legibly. */
async function pieces(page, name) {
  const h = await page.evaluate(() => document.documentElement.scrollHeight);
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  if (w > 390) console.error(`${name}: the page is ${w} px wide on a 390 px phone`);
  for (let y = 0, i = 0; y < h; y += 1200, i++) {
    await shot(page, `${name}-${i}`, { fullPage: true, clip: { x: 0, y, width: 390, height: Math.min(1200, h - y) } });
  }
}

async function fresh(viewport = { width: 1280, height: 900 }) {
  const page = await browser.newPage({ viewport });
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(server.url);
  await page.waitForSelector('svg.diagram');
  return page;
}

async function openCapture(page, file) {
  await page.click('#mode-capture');
  await page.setInputFiles('#capture-file', file);
  await page.waitForSelector('.conns .conn', { timeout: 30_000 });
  await page.waitForSelector('svg.diagram');
}

try {
  let page = await fresh();
  await openCapture(page, cap('b-ws-chromium-deflate-lo4.pcapng'));
  await page.click('#messages [data-i="1"]');
  await page.waitForSelector('svg.diagram[aria-label^="Frame 1"]');
  await shot(page, 'b-top');
  await page.locator('#message-sec').evaluate((el) => el.scrollIntoView());
  await shot(page, 'b-message');
  await page.close();

  page = await fresh();
  await openCapture(page, cap('f-ws-ws-3conns-any-sll2.pcap'));
  await shot(page, 'f-all');
  await page.click('.conns .conn[data-conn="1"]');
  await page.waitForFunction(() => /of/.test(document.querySelector('#frame-count')?.textContent || ''));
  await page.waitForTimeout(300);
  await shot(page, 'f-conn1');
  await page.close();

  const big = path.join(tmp, 'big.pcap');
  generatedCapture(big, 200_000);
  page = await fresh();
  await page.click('#mode-capture');
  await page.setInputFiles('#capture-file', big);
  await page.waitForSelector('#capture-progress:not([hidden])');
  await shot(page, 'large-progress');
  await page.waitForFunction(() => document.querySelector('#frame-count')?.textContent === '200000', null, { timeout: 30_000 });
  await page.focus('#frames');
  await page.keyboard.press('End');
  await page.waitForSelector('svg.diagram[aria-label^="Frame 199999"]');
  await page.keyboard.press('PageUp');
  await page.waitForTimeout(500);
  await shot(page, 'large-end');
  await page.close();

  page = await fresh();
  await page.click('[data-example="deflate"]');
  await page.waitForSelector('table.blocks');
  await shot(page, 'paste-deflate-top');
  await page.locator('#message-sec').evaluate((el) => el.scrollIntoView());
  await shot(page, 'paste-deflate-message');
  await page.close();

  page = await fresh({ width: 390, height: 844 });
  await pieces(page, 'phone-seed');
  await page.click('[data-example="deflate"]');
  await page.waitForSelector('table.blocks');
  await pieces(page, 'phone-deflate');
  await openCapture(page, cap('b-ws-chromium-deflate-lo4.pcapng'));
  await page.click('#messages [data-i="1"]');
  await page.waitForSelector('svg.diagram[aria-label^="Frame 1"]');
  await pieces(page, 'phone-capture');
  await page.close();
  console.log(`screenshots in ${ARTIFACTS}/look-*.png`);
} finally {
  await browser.close();
  await server.close();
  fs.rmSync(tmp, { recursive: true, force: true });
}
