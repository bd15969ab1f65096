// look-round.mjs: screenshots of the whole page after this round, to look
// at, not tests: the first view, a capture with readings, the builder and
// the ladder open, at 1024x768, 1920x1080 and a phone, light and dark,
// English and Japanese. Saves artifacts/look-round-*.png:
//   node look-round.mjs
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { start } from './server.js';
import { ARGS, ARTIFACTS, CHROMIUM } from './harness.js';

const cap = (name) => new URL(`../testdata/captures/${name}`, import.meta.url).pathname;
fs.mkdirSync(ARTIFACTS, { recursive: true });
const server = await start();
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS, timeout: 30_000 });

const VIEWS = [
  { name: '1024-en-light', viewport: { width: 1024, height: 768 }, lang: 'en', theme: 'light' },
  { name: '1920-ja-dark', viewport: { width: 1920, height: 1080 }, lang: 'ja', theme: 'dark' },
  { name: 'phone-en-dark', viewport: { width: 390, height: 844 }, lang: 'en', theme: 'dark' },
];

try {
  for (const v of VIEWS) {
    const page = await browser.newPage({ viewport: v.viewport });
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.addInitScript((th) => localStorage.setItem('wsframe.theme', th), v.theme);
    await page.goto(`${server.url}?lang=${v.lang}`);
    await page.waitForSelector('svg.diagram');
    const shot = (what, full = false) => page.screenshot({ path: path.join(ARTIFACTS, `look-round-${v.name}-${what}.png`), fullPage: full });
    await shot('first');
    await page.click('#ladder > summary');
    await page.waitForSelector('[data-part="ladder"]');
    await page.locator('#ladder').scrollIntoViewIfNeeded();
    await shot('ladder');
    await page.click('#builder > summary');
    await page.waitForSelector('#builder [data-action^="builder-"]');
    await page.locator('#builder').scrollIntoViewIfNeeded();
    await shot('builder');
    await page.click('#mode-capture');
    await page.setInputFiles('#capture-file', cap('r-sio09-lo4.pcap'));
    await page.waitForSelector('.conns .conn');
    await page.waitForSelector('#messages .mnote.reading');
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot('capture', true);
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
