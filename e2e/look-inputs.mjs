// look-inputs.mjs: screenshots to look at, not tests (issue 12). The hint a
// DevTools payload gets, the paste shown as a message, a pasted Follow TCP
// Stream and a HAR file, at 1024x768 and on a phone, light and dark,
// English and Japanese, into artifacts/look-inputs-*.png:
//   node look-inputs.mjs
import fs from 'node:fs';
import { chromium } from 'playwright-core';
import { start } from './server.js';
import { ARGS, ARTIFACTS, CHROMIUM } from './harness.js';

const data = (name) => new URL(`../testdata/${name}`, import.meta.url).pathname;

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

try {
  for (const lang of ['en', 'ja']) {
    for (const scheme of /** @type {const} */ (['light', 'dark'])) {
      for (const [device, viewport] of /** @type {const} */ ([['desk', { width: 1024, height: 768 }], ['phone', { width: 390, height: 844 }]])) {
        const name = (what) => `${ARTIFACTS}/look-inputs-${lang}-${scheme}-${device}-${what}.png`;
        const page = await browser.newPage({ viewport, colorScheme: scheme });
        page.on('pageerror', (e) => console.error('page error:', e.message));
        await page.goto(`${server.url}?lang=${lang}`);
        await page.waitForSelector('svg.diagram');
        await paste(page, '{"type":"chat","text":"hi"}');
        await page.waitForSelector('[data-part="hint"]');
        await page.locator('#paste-status').evaluate((el) => el.scrollIntoView({ block: 'center' }));
        await page.screenshot({ path: name('hint') });
        await paste(page, 'AAECAwQFBgcICQ==');
        await page.waitForSelector('[data-part="hint"][data-hint="payload-base64"]');
        await page.locator('#paste-status').evaluate((el) => el.scrollIntoView({ block: 'center' }));
        await page.screenshot({ path: name('hint-base64') });
        const b = await page.evaluate(() => document.body.dataset.decodes);
        await page.click('[data-action="as-payload-binary"]');
        await page.waitForFunction((x) => document.body.dataset.decodes !== x, b);
        await page.waitForSelector('[data-part="as-payload"]');
        await page.locator('#paste-status').evaluate((el) => el.scrollIntoView({ block: 'center' }));
        await page.screenshot({ path: name('as-payload') });
        await paste(page, fs.readFileSync(data('dumps/streams/h-socketio-node-lo4.s0.tshark-x.txt'), 'utf8'));
        await page.waitForSelector('[data-part="input-note"]');
        await page.locator('#paste-status').evaluate((el) => el.scrollIntoView({ block: 'center' }));
        await page.screenshot({ path: name('packets') });
        await page.click('#mode-capture');
        await page.setInputFiles('#capture-file', data('har/ws-chromium-deflate.har'));
        await page.waitForSelector('.conns .conn');
        await page.click('#frames [data-i="3"]');
        await page.waitForSelector('[data-part="reconstructed"]');
        await page.waitForTimeout(800);
        await page.locator('#mode-capture').evaluate((el) => el.scrollIntoView());
        await page.screenshot({ path: name('har') });
        await page.locator('[data-part="reconstructed"]').evaluate((el) => el.scrollIntoView({ block: 'center' }));
        await page.screenshot({ path: name('har-frame') });
        await page.close();
      }
    }
  }
  console.log(`screenshots in ${ARTIFACTS}/look-inputs-*.png`);
} finally {
  await browser.close();
  await server.close();
}
