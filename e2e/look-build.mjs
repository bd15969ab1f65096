// look-build.mjs: screenshots of the frame builder and the ladder to look
// at, not tests: node look-build.mjs saves artifacts/look-build-*.png at
// 1024×768 and a phone's 390×844, in light and dark, in English and
// Japanese (SIZES=1920 adds 1920×1080).
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { start } from './server.js';
import { ARGS, ARTIFACTS, CHROMIUM } from './harness.js';

const cap = (name) => new URL(`../testdata/captures/${name}`, import.meta.url).pathname;
fs.mkdirSync(ARTIFACTS, { recursive: true });
const server = await start();
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS, timeout: 30_000 });
const shot = (page, name, o = {}) => page.screenshot({ path: path.join(ARTIFACTS, `look-build-${name}.png`), ...o });

const all = { '1024': { width: 1024, height: 768 }, '1920': { width: 1920, height: 1080 }, phone: { width: 390, height: 844 } };
const sizes = Object.fromEntries(Object.entries(all).filter(([k]) => (process.env.SIZES || '1024,phone').split(',').includes(k)));
try {
  for (const lang of ['en', 'ja']) for (const scheme of ['light', 'dark']) {
    for (const [size, viewport] of Object.entries(sizes)) {
      const page = await browser.newPage({ viewport });
      page.on('pageerror', (e) => console.error('page error:', e.message));
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`${server.url}?lang=${lang}`);
      await page.waitForSelector('svg.diagram');
      // The builder: three fragments with a ping between, then in the paste box.
      await page.click('#builder > summary');
      await page.fill('#b-text', 'Hello, world!!');
      await page.fill('#b-fragment', '5');
      await page.check('#b-ping');
      await page.waitForFunction(() => document.querySelector('[data-part="builder"]').dataset.frames === '4');
      await page.locator('#builder').scrollIntoViewIfNeeded();
      await shot(page, `panel-${size}-${scheme}-${lang}`);
      await page.click('[data-action="builder-paste"]');
      await page.waitForFunction(() => document.querySelector('#frame-count').textContent === '4');
      await page.click('#ladder > summary');
      await page.waitForSelector('svg[data-part="ladder"] [data-frame="3"]');
      await page.locator('#ladder-sec').scrollIntoViewIfNeeded();
      await shot(page, `ladder-paste-${size}-${scheme}-${lang}`);
      // The ladder of a capture.
      await page.click('#mode-capture');
      await page.setInputFiles('#capture-file', cap('d-gorilla-ws-fragments-lengths-lo4.pcapng'));
      await page.waitForSelector('.conns .conn', { timeout: 30_000 });
      await page.waitForTimeout(300);
      await page.locator('#ladder-sec').scrollIntoViewIfNeeded();
      await shot(page, `ladder-capture-${size}-${scheme}-${lang}`);
      await page.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
