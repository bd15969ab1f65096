// look-i18n.mjs: screenshots of Go's sentences in Japanese (issue 23) to
// read in context, not tests: an MQTT capture's list, packets and a
// message's reading; a wss:// capture without its key log; a broken DEFLATE
// message; a paste error. At 1024x768 and on a phone. Saves
// artifacts/look-i18n-*.png:
//   node look-i18n.mjs
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
  { name: 'desk', viewport: { width: 1024, height: 768 } },
  { name: 'phone', viewport: { width: 390, height: 844 } },
];
const idle = (page) => page.waitForFunction(() => !document.body.dataset.loading, null, { timeout: 30_000 });

try {
  for (const v of VIEWS) {
    const page = await browser.newPage({ viewport: v.viewport });
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(`${server.url}?lang=ja`);
    await page.waitForSelector('svg.diagram');
    const shot = (what, full = false) => page.screenshot({ path: path.join(ARTIFACTS, `look-i18n-${v.name}-${what}.png`), fullPage: full });

    await page.fill('#paste', '81 0c 48 zz 6c\n81 05 4');
    await page.waitForTimeout(400);
    await page.locator('#paste-pane').screenshot({ path: path.join(ARTIFACTS, `look-i18n-${v.name}-paste-error.png`) });

    await page.click('#mode-capture');
    await page.setInputFiles('#capture-file', cap('r-mqtt5-mosquitto-lo4.pcap'));
    await idle(page);
    await page.waitForSelector('#messages .mnote.reading');
    await page.click('#messages [data-i="0"]');
    await page.waitForTimeout(400);
    await shot('mqtt');
    await page.locator('.reading').first().scrollIntoViewIfNeeded();
    await shot('mqtt-reading');
    await page.locator('.app').first().scrollIntoViewIfNeeded().catch(() => {});
    await shot('mqtt-packets');

    await page.setInputFiles('#capture-file', cap('r-sio09-lo4.pcap'));
    await idle(page);
    await page.waitForTimeout(300);
    await shot('sio09');

    await page.setInputFiles('#capture-file', cap('tls/t13-aes128gcm-deflate.pcap'));
    await idle(page);
    await page.locator('.conns').scrollIntoViewIfNeeded();
    await shot('tls-nokey');

    await page.setInputFiles('#capture-file', cap('e-ws-pywebsockets-nocontext-window9-lo4.drop.pcap'));
    await idle(page);
    await page.waitForTimeout(300);
    await shot('deflate-drop');
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
