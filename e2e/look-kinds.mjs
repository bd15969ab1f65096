// look-kinds.mjs: screenshots to look at, not tests (issue 21). A paste read
// with a problem, a pasted key log, a file that is not a capture, and how a
// key log fits a wss:// capture, at 1024x768, 1366x768, 1920x1080 and on a
// phone, light and dark, English and Japanese, into
// artifacts/look-kinds-*.png:
//   node look-kinds.mjs
import fs from 'node:fs';
import { chromium } from 'playwright-core';
import { start } from './server.js';
import { ARGS, ARTIFACTS, CHROMIUM } from './harness.js';

const tls = (f) => new URL(`../testdata/captures/tls/${f}`, import.meta.url).pathname;
const KEYS = `CLIENT_RANDOM ${'3f2a'.repeat(16)} ${'ab'.repeat(48)}\n`;

fs.mkdirSync(ARTIFACTS, { recursive: true });
const server = await start();
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS, timeout: 30_000 });

/** Replaces the paste, as a paste does, and waits for its decode. */
async function paste(page, text) {
  const before = await page.evaluate(() => document.body.dataset.decodes || '0');
  await page.evaluate((t) => {
    const el = /** @type {HTMLTextAreaElement} */ (document.querySelector('#paste'));
    el.value = t;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, text);
  await page.waitForFunction((b) => (document.body.dataset.decodes || '0') !== b, before, { timeout: 20_000 });
}

const sizes = /** @type {const} */ ([['1024', { width: 1024, height: 768 }], ['1366', { width: 1366, height: 768 }], ['1920', { width: 1920, height: 1080 }], ['phone', { width: 390, height: 844 }]]);
try {
  for (const lang of ['en', 'ja']) {
    for (const scheme of /** @type {const} */ (['light', 'dark'])) {
      for (const [device, viewport] of sizes) {
        const name = (what) => `${ARTIFACTS}/look-kinds-${lang}-${scheme}-${device}-${what}.png`;
        const page = await browser.newPage({ viewport, colorScheme: scheme });
        page.on('pageerror', (e) => console.error('page error:', e.message));
        await page.goto(`${server.url}?lang=${lang}`);
        await page.waitForSelector('svg.diagram');
        await paste(page, '81 0c 48 6z 6c');
        await page.locator('#paste-status').evaluate((el) => el.scrollIntoView({ block: 'center' }));
        await page.screenshot({ path: name('problem') });
        await paste(page, KEYS);
        await page.locator('#paste-status').evaluate((el) => el.scrollIntoView({ block: 'center' }));
        await page.screenshot({ path: name('keylog') });
        await page.click('#mode-capture');
        await page.setInputFiles('#capture-file', { name: 'screenshot.png', mimeType: 'image/png', buffer: Buffer.from('\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x00\x00\x00\x00', 'latin1') });
        await page.waitForSelector('#capture [data-part="refused"]');
        await page.locator('#capture .status').evaluate((el) => el.scrollIntoView({ block: 'center' }));
        await page.screenshot({ path: name('png') });
        await page.setInputFiles('#keylog-file', tls('t12-chacha20.keys'));
        await page.setInputFiles('#capture-file', tls('t13-aes128gcm-deflate.pcap'));
        await page.waitForFunction(() => /0/.test(document.querySelector('[data-part="tls-fit"]')?.textContent || ''));
        await page.locator('#capture .status').evaluate((el) => el.scrollIntoView({ block: 'start' }));
        await page.screenshot({ path: name('tls-fit') });
        await page.close();
      }
    }
  }
} finally {
  await browser.close();
  server.close();
}
