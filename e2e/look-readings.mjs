// look-readings.mjs: screenshots of the readings (issue 13) to look at, not
// tests: an MQTT capture's message list, packets and a message's reading
// tree with a part lit; a CBOR message with its value; at 1024x768 and on a
// phone, light and dark, English and Japanese. Saves artifacts/look-r-*.png:
//   node look-readings.mjs
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
  { name: 'desk-en-light', viewport: { width: 1024, height: 768 }, lang: 'en', theme: 'light' },
  { name: 'desk-ja-dark', viewport: { width: 1024, height: 768 }, lang: 'ja', theme: 'dark' },
  { name: 'phone-en-dark', viewport: { width: 390, height: 844 }, lang: 'en', theme: 'dark' },
  { name: 'phone-ja-light', viewport: { width: 390, height: 844 }, lang: 'ja', theme: 'light' },
];

try {
  for (const v of VIEWS) {
    const page = await browser.newPage({ viewport: v.viewport });
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.addInitScript((th) => localStorage.setItem('wsframe.theme', th), v.theme);
    await page.goto(`${server.url}?lang=${v.lang}`);
    await page.waitForSelector('svg.diagram');
    const shot = (what) => page.screenshot({ path: path.join(ARTIFACTS, `look-r-${v.name}-${what}.png`) });
    const w = await page.evaluate(() => document.documentElement.scrollWidth);
    if (w > v.viewport.width) console.error(`${v.name}: the page is ${w} px wide`);

    // A pasted JSON message: the first program hands it to the full one.
    const json = Buffer.from('{"type":"next","id":"1","payload":{"data":{"hello":"world"}}}');
    await page.fill('#paste', [0x81, json.length, ...json].map((b) => b.toString(16).padStart(2, '0')).join(' '));
    await page.waitForSelector('#messages .mnote.reading');
    await shot('paste-top');
    await page.click('#mode-capture');
    await page.setInputFiles('#capture-file', cap('r-mqtt-aedes-lo4.pcap'));
    await page.waitForSelector('.conns .conn');
    await page.waitForSelector('#messages .mnote.reading');
    await page.locator('#message-list').scrollIntoViewIfNeeded();
    await shot('mqtt-list');
    await page.locator('#app-sec').scrollIntoViewIfNeeded();
    await shot('mqtt-packets');
    for (let i = 0; i < 20 && !(await page.$('#messages [data-i="14"]')); i++) await page.locator('#messages').evaluate((el) => { el.scrollTop += 60; });
    await page.click('#messages [data-i="14"]');
    await page.waitForSelector('svg.diagram[aria-label*="14"]');
    const r = page.locator('#message .reading');
    await r.scrollIntoViewIfNeeded();
    await r.locator('.rnode').nth(2).hover();
    await shot('mqtt-reading');

    await page.setInputFiles('#capture-file', cap('r-binary-lo4.pcap'));
    await page.waitForFunction(() => document.querySelector('#messages [data-i="6"] .mnote.reading'));
    await page.click('#messages [data-i="6"]');
    await page.waitForSelector('#message .reading[data-protocol="cbor"]');
    const c = page.locator('#message .reading');
    await c.scrollIntoViewIfNeeded();
    await c.locator('.rb[data-i="3"]').hover();
    await shot('cbor');
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
