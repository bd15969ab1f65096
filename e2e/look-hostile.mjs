// look-hostile.mjs: screenshots to look at, not tests, of what the page says
// about hostile input (node look-hostile.mjs → artifacts/look-hostile-*.png):
// the crash notice, a link too big to open, the JSON view stopping at its
// depth, invisible characters as marks.
import fs from 'node:fs';
import { chromium } from 'playwright-core';
import { start } from './server.js';
import { ARGS, ARTIFACTS, CHROMIUM } from './harness.js';

fs.mkdirSync(ARTIFACTS, { recursive: true });
const server = await start();
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS, timeout: 30_000 });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const shot = (sel, name) => page.locator(sel).screenshot({ path: `${ARTIFACTS}/look-hostile-${name}.png` });
const hex = (s) => Buffer.from(s, 'utf8').toString('hex').match(/../g).join(' ');
try {
  await page.goto(server.url);
  await page.waitForSelector('svg.diagram');
  await page.evaluate(() => wsframe.crashForTest());
  await page.waitForSelector('[data-part=crash]');
  await shot('.side', 'crash');
  await page.goto(`${server.url}#v=1&t=${'x'.repeat(70_000)}`);
  await page.waitForSelector('[data-part=link-too-big]');
  await shot('.side', 'link-too-big');
  const deep = `{"a":${'['.repeat(300)}"invoice\u202efdp.exe"${']'.repeat(300)}}`;
  const n = Buffer.byteLength(deep);
  const h2 = (x) => x.toString(16).padStart(2, '0');
  await page.fill('#paste', `81 7e ${h2(n >> 8)} ${h2(n & 255)} ${hex(deep)}`);
  await page.waitForSelector('#payload [data-part=json-cut]');
  await shot('#payload', 'json-depth');
  await page.click('#payload [data-view=text]');
  await shot('#payload', 'text-marks');
} finally {
  await browser.close();
  await server.close();
}
