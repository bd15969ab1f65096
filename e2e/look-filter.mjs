// look-filter.mjs: screenshots of the display filter box to look at, not
// tests: a capture filtered, and a wrong filter, at 1024x768, 1366x768,
// 1920x1080 and a phone, in English and Japanese, light and dark, into
// artifacts/look-filter-*.png.
//   node look-filter.mjs
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { start } from './server.js';
import { ARGS, ARTIFACTS, CHROMIUM } from './harness.js';

const cap = new URL('../testdata/captures/h-socketio-node-lo4.pcap', import.meta.url).pathname;
fs.mkdirSync(ARTIFACTS, { recursive: true });
const server = await start();
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS, timeout: 30_000 });
try {
  for (const [w, h] of [[1024, 768], [1366, 768], [1920, 1080], [390, 844]]) {
    for (const lang of ['en', 'ja']) {
      for (const scheme of /** @type {const} */ (['light', 'dark'])) {
        const page = await browser.newPage({ viewport: { width: w, height: h }, colorScheme: scheme, isMobile: w < 500 });
        await page.goto(`${server.url}?lang=${lang}`);
        await page.waitForSelector('svg.diagram');
        await page.click('#mode-capture');
        await page.setInputFiles('#capture-file', cap);
        await page.waitForFunction(() => /^\d+$/.test(document.querySelector('#frame-count')?.textContent || '') && document.querySelector('#frame-count')?.textContent !== '2');
        await page.fill('[data-part=filter]', 'socketio.event == "chat message"');
        await page.waitForFunction(() => /\d.*\d/.test(document.querySelector('#frame-count')?.textContent || '') && document.querySelector('#frame-count')?.textContent !== '23');
        await page.locator('[data-part=filter]').scrollIntoViewIfNeeded();
        const name = `${w}x${h}-${lang}-${scheme}`;
        await page.screenshot({ path: path.join(ARTIFACTS, `look-filter-${name}.png`) });
        if (scheme === 'light') {
          await page.fill('[data-part=filter]', 'opcode == close and (len > 2');
          await page.waitForFunction(() => (document.querySelector('#filter-problem')?.textContent || '') !== '');
          await page.screenshot({ path: path.join(ARTIFACTS, `look-filter-${name}-wrong.png`) });
        }
        await page.close();
      }
    }
  }
} finally {
  await browser.close();
  await server.close();
}
