// look.mjs: screenshots to look at, not tests. Each scene is a viewport, a
// language, a theme, maybe Large text, and what to open; it saves its views
// as e2e/artifacts/look/SCENE-VIEW.png:
//   node look.mjs              every scene
//   node look.mjs present 1024 the scenes whose names contain every word
//   node look.mjs kinds        a paste with a problem, a key log, a file
//                              that is not a capture, a key log's fit
//   node look.mjs i18n         Go's sentences in Japanese, in context
//   node look.mjs filter       the display filter box, right and wrong
// A tall view is cut into pieces of one screen, which an image viewer shows
// legibly. A scene whose page is wider than its viewport says so.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { start } from './server.js';
import { ARGS, ARTIFACTS, CHROMIUM, generatedCapture, pasteAsBrowser } from './harness.js';

const OUT = path.join(ARTIFACTS, 'look');
const data = (name) => new URL(`../testdata/${name}`, import.meta.url).pathname;
const cap = (name) => data(`captures/${name}`);
const hex = (buf) => [...buf].map((b) => b.toString(16).padStart(2, '0')).join(' ');

const SIZES = {
  1024: { width: 1024, height: 768 }, 1280: { width: 1280, height: 720 }, 1366: { width: 1366, height: 768 },
  1440: { width: 1440, height: 900 }, 1536: { width: 1536, height: 864 }, 1920: { width: 1920, height: 1080 },
  phone: { width: 390, height: 844 }, landscape: { width: 844, height: 390 },
};

/* ---------- what a scene can do ---------- */

/** Replaces the paste, as typing does, and waits for its decode. */
async function paste(page, text) {
  const before = await page.evaluate(() => document.body.dataset.decodes || '0');
  await page.evaluate((t) => {
    const el = /** @type {HTMLTextAreaElement} */ (document.querySelector('#paste'));
    el.value = t;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, text);
  await page.waitForFunction((b) => (document.body.dataset.decodes || '0') !== b, before, { timeout: 20_000 });
}

async function example(page, name) {
  const before = await page.evaluate(() => document.body.dataset.decodes || '0');
  await page.click(`[data-example="${name}"]`);
  await page.waitForFunction((b) => (document.body.dataset.decodes || '0') !== b, before, { timeout: 20_000 });
  await page.waitForSelector('svg.diagram');
}

async function capture(page, file) {
  await page.click('#mode-capture');
  await page.setInputFiles('#capture-file', file);
  await page.waitForSelector('.conns .conn', { timeout: 30_000 });
  await page.waitForSelector('svg.diagram');
  await page.waitForTimeout(300);
}

/** Waits until the page has no decode running. */
const idle = (page) => page.waitForFunction(() => !document.body.dataset.loading, null, { timeout: 30_000 });

const present = async (page) => { await page.click('[data-action="present"]'); await page.waitForTimeout(300); };
const into = (page, sel, block = 'start') => page.locator(sel).first().evaluate((el, b) => el.scrollIntoView({ block: b }), block);

/* ---------- scenes ---------- */

/**
 * @typedef {{name: string, size: keyof SIZES, lang?: 'en'|'ja', theme?: 'light'|'dark', large?: boolean, mobile?: boolean,
 *   run: (page: any, shot: (view: string, o?: {full?: boolean, sel?: string}) => Promise<void>, tmp: string) => Promise<void>}} Scene
 */

/** The first screen, a paste example and a capture at a size. */
const firstViews = (size, lang, theme, large = false) => ({
  name: `first-${size}-${lang}-${theme}${large ? '-large' : ''}`, size, lang, theme, large,
  run: async (page, shot) => {
    await shot('seed');
    await example(page, 'violations');
    await shot('violations');
    await capture(page, cap('d-gorilla-ws-fragments-lengths-lo4.pcapng'));
    await shot('capture');
    await shot('capture-page', { full: true });
  },
});

/** A teacher at a projector: the seed and "Broken rules" presented, stepped. */
const classroom = (size, lang, theme, large = false) => ({
  name: `present-${size}-${lang}-${theme}${large ? '-large' : ''}`, size, lang, theme, large,
  run: async (page, shot) => {
    await present(page);
    await shot('seed');
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    await shot('seed-step5');
    await page.keyboard.press('Escape');
    await example(page, 'violations');
    await present(page);
    await shot('violations');
    await page.keyboard.press('j');
    await page.waitForTimeout(300);
    await shot('violations-next');
  },
});

/** Every language and theme at the four sizes a change is looked at. */
const everyLook = (make) => ['1024', '1366', '1920', 'phone'].flatMap((size) =>
  ['en', 'ja'].flatMap((lang) => ['light', 'dark'].map((theme) => make(size, lang, theme))));

/** What inspect says of a paste with a problem, a pasted key log, a file
 * that is not a capture, and how a key log fits a wss:// capture (issue 21). */
const kinds = (size, lang, theme) => ({
  name: `kinds-${size}-${lang}-${theme}`, size, lang, theme,
  run: async (page, shot) => {
    await paste(page, '81 0c 48 6z 6c');
    await into(page, '#paste-status', 'center');
    await shot('problem');
    await paste(page, `CLIENT_RANDOM ${'3f2a'.repeat(16)} ${'ab'.repeat(48)}\n`);
    await into(page, '#paste-status', 'center');
    await shot('keylog');
    await page.click('#mode-capture');
    await page.setInputFiles('#capture-file', { name: 'screenshot.png', mimeType: 'image/png', buffer: Buffer.from('\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x00\x00\x00\x00', 'latin1') });
    await page.waitForSelector('#capture [data-part="refused"]');
    await into(page, '#capture .status', 'center');
    await shot('png');
    await page.setInputFiles('#keylog-file', cap('tls/t12-chacha20.keys'));
    await page.setInputFiles('#capture-file', cap('tls/t13-aes128gcm-deflate.pcap'));
    await page.waitForFunction(() => /0/.test(document.querySelector('[data-part="tls-fit"]')?.textContent || ''));
    await into(page, '#capture .status');
    await shot('tls-fit');
  },
});

/** Go's sentences in Japanese, read in context (issue 23): a paste error,
 * a handshake's broken extension headers, the builder's and the filter's
 * refusals, an MQTT capture's list, reading and packets, Socket.IO 0.9,
 * SignalR over MessagePack, a wss:// capture without its key log, a broken
 * DEFLATE message. */
const i18n = (size, theme = 'light') => ({
  name: `i18n-${size}-ja-${theme}`, size, lang: 'ja', theme,
  run: async (page, shot) => {
    await page.fill('#paste', '81 0c 48 zz 6c\n81 05 4');
    await page.waitForTimeout(400);
    await shot('paste-error', { sel: '#paste-pane' });
    await paste(page, 'GET /chat HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ByrM/ZMQsliJ3ARpSzF6lg==\r\n'
      + 'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Extensions: permessage-deflate; level=3; server_max_window_bits=10\r\n\r\n'
      + 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: j+6fEtOsvfgsycBMCfLxWNzPFxk=\r\n'
      + 'Sec-WebSocket-Extensions: permessage-deflate; server_max_window_bits=12; client_max_window_bits="1 0"\r\n\r\n81 05 48 65 6c 6c 6f');
    await page.evaluate(() => { for (const d of document.querySelectorAll('[data-part=handshake]')) /** @type {HTMLDetailsElement} */ (d).open = true; });
    await page.waitForTimeout(600);
    await into(page, '[data-part=handshake] .checks, [data-part=handshake]');
    await shot('extensions');
    await page.click('#builder > summary');
    await page.waitForSelector('[data-part="builder"][data-frames]');
    await page.fill('#b-key', '12');
    await page.waitForSelector('#builder .perror .emsg');
    await page.waitForTimeout(300);
    await into(page, '#builder');
    await shot('builder-error');
    await page.fill('#b-key', '');
    await page.click('#builder > summary');
    await page.fill('[data-part=filter]', 'text matches "ab**"');
    await page.waitForFunction(() => (document.querySelector('#filter-problem')?.textContent || '') !== '', null, { timeout: 60_000 });
    await into(page, '[data-part=filter]');
    await shot('filter-regexp');
    await page.fill('[data-part=filter]', '');
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
    for (const [view, file] of [['sio09', 'r-sio09-lo4.pcap'], ['signalr-msgpack', 'r-signalr-msgpack-lo4.pcap'], ['tls-nokey', 'tls/t13-aes128gcm-deflate.pcap'], ['deflate-drop', 'e-ws-pywebsockets-nocontext-window9-lo4.drop.pcap']]) {
      await page.setInputFiles('#capture-file', cap(file));
      await idle(page);
      await page.waitForTimeout(300);
      if (view === 'tls-nokey') await page.locator('.conns').scrollIntoViewIfNeeded();
      await shot(view);
      if (view === 'signalr-msgpack') {
        await page.click('#messages [data-i="3"]');
        await page.waitForTimeout(400);
        await page.locator('.reading').first().scrollIntoViewIfNeeded();
        await shot('signalr-reading');
      }
    }
  },
});

/** The display filter box: a capture filtered, and (light) a wrong filter. */
const filter = (size, lang, theme) => ({
  name: `filter-${size}-${lang}-${theme}`, size, lang, theme, mobile: size === 'phone',
  run: async (page, shot) => {
    await page.click('#mode-capture');
    await page.setInputFiles('#capture-file', cap('h-socketio-node-lo4.pcap'));
    await page.waitForFunction(() => /^\d+$/.test(document.querySelector('#frame-count')?.textContent || '') && document.querySelector('#frame-count')?.textContent !== '2');
    await page.fill('[data-part=filter]', 'socketio.event == "chat message"');
    await page.waitForFunction(() => /\d.*\d/.test(document.querySelector('#frame-count')?.textContent || '') && document.querySelector('#frame-count')?.textContent !== '23');
    await page.locator('[data-part=filter]').scrollIntoViewIfNeeded();
    await shot('filtered');
    if (theme === 'light') {
      await page.fill('[data-part=filter]', 'opcode == close and (len > 2');
      await page.waitForFunction(() => (document.querySelector('#filter-problem')?.textContent || '') !== '');
      await shot('wrong');
    }
  },
});

/** A paste too large for the box, held outside it (issue 24): the
 * stand-in in the box, the line under it, the list; then an error's place. */
const held = (size, lang, theme) => ({
  name: `held-${size}-${lang}-${theme}`, size, lang, theme, mobile: size === 'phone',
  run: async (page, shot) => {
    const lines = '81 05 48 65 6c 6c 6f\n'.repeat(20_000);
    await page.waitForFunction(() => location.hash.includes('v=1')); // the page wired
    await pasteAsBrowser(page, lines);
    await page.waitForFunction(() => document.querySelector('#frame-count')?.textContent === '20000', null, { timeout: 30_000 });
    await page.waitForSelector('#paste-held');
    await into(page, '#paste', 'center');
    await shot('held');
    await pasteAsBrowser(page, lines.replace(/6f\n$/, '6g\n'));
    await page.waitForSelector('#paste-error .emsg', { timeout: 30_000 });
    await into(page, '#paste-error', 'center');
    await shot('held-error');
  },
});

/** @type {Scene[]} */
const SCENES = [
  ...everyLook(held),
  ...everyLook(kinds), i18n('1024'), i18n('1024', 'dark'), i18n('phone'), i18n('phone', 'dark'), ...everyLook(filter),
  ...['1024', '1280', '1366', '1440', '1536', '1920'].flatMap((s) => [firstViews(s, 'en', 'light'), firstViews(s, 'ja', 'dark', s === '1366' || s === '1024')]),
  firstViews('phone', 'en', 'light'), firstViews('phone', 'ja', 'dark'), firstViews('landscape', 'en', 'dark'),
  classroom('1920', 'en', 'light'), classroom('1920', 'ja', 'dark', true), classroom('1024', 'en', 'light'),
  classroom('1024', 'ja', 'light', true), classroom('1366', 'en', 'dark'), classroom('1366', 'en', 'light'), classroom('phone', 'en', 'light'),
  {
    name: 'capture-deflate-1280', size: '1280',
    run: async (page, shot) => {
      await capture(page, cap('b-ws-chromium-deflate-lo4.pcapng'));
      await page.click('#messages [data-i="1"]');
      await page.waitForSelector('svg.diagram[aria-label^="Frame 1"]');
      await shot('top');
      await into(page, '#message-sec');
      await shot('message');
      await capture(page, cap('f-ws-ws-3conns-any-sll2.pcap'));
      await shot('3conns');
      await page.click('.conns .conn[data-conn="1"]');
      await page.waitForFunction(() => /of/.test(document.querySelector('#frame-count')?.textContent || ''));
      await page.waitForTimeout(300);
      await shot('conn1');
    },
  },
  {
    name: 'capture-large-1280', size: '1280',
    run: async (page, shot, tmp) => {
      const big = path.join(tmp, 'big.pcap');
      generatedCapture(big, 200_000);
      await page.click('#mode-capture');
      await page.setInputFiles('#capture-file', big);
      await page.waitForSelector('#capture-progress:not([hidden])');
      await shot('progress');
      await page.waitForFunction(() => document.querySelector('#frame-count')?.textContent === '200000', null, { timeout: 30_000 });
      await page.focus('#frames');
      await page.keyboard.press('End');
      await page.waitForSelector('svg.diagram[aria-label^="Frame 199999"]');
      await page.keyboard.press('PageUp');
      await page.waitForTimeout(500);
      await shot('end');
    },
  },
  ...[['1024', 'en', 'light'], ['1024', 'ja', 'dark'], ['phone', 'en', 'dark'], ['phone', 'ja', 'light']].map(([size, lang, theme]) => ({
    name: `builder-ladder-${size}-${lang}-${theme}`, size, lang, theme,
    run: async (page, shot) => {
      await page.click('#builder > summary');
      await page.fill('#b-text', 'Hello, world!!');
      await page.fill('#b-fragment', '5');
      await page.check('#b-ping');
      await page.waitForFunction(() => document.querySelector('[data-part="builder"]').dataset.frames === '4');
      await into(page, '#builder');
      await shot('builder');
      await page.click('[data-action="builder-paste"]');
      await page.waitForFunction(() => document.querySelector('#frame-count').textContent === '4');
      await page.click('#ladder > summary');
      await page.waitForSelector('svg[data-part="ladder"] [data-frame="3"]');
      await into(page, '#ladder-sec');
      await shot('ladder-paste');
      await capture(page, cap('d-gorilla-ws-fragments-lengths-lo4.pcapng'));
      await into(page, '#ladder-sec');
      await shot('ladder-capture');
      await capture(page, cap('b-ws-chromium-deflate-lo4.pcapng'));
      await into(page, '#ladder-sec');
      await shot('ladder-deflate');
    },
  })),
  ...[['1024', 'en', 'light'], ['phone', 'ja', 'dark']].map(([size, lang, theme]) => ({
    name: `inputs-${size}-${lang}-${theme}`, size, lang, theme,
    run: async (page, shot) => {
      await paste(page, '{"type":"chat","text":"hi"}');
      await page.waitForSelector('[data-part="hint"]');
      await into(page, '#paste-status', 'center');
      await shot('hint');
      await paste(page, 'AAECAwQFBgcICQ==');
      await page.waitForSelector('[data-part="hint"][data-hint="payload-base64"]');
      const b = await page.evaluate(() => document.body.dataset.decodes);
      await page.click('[data-action="as-payload-binary"]');
      await page.waitForFunction((x) => document.body.dataset.decodes !== x, b);
      await into(page, '#paste-status', 'center');
      await shot('as-payload');
      await paste(page, fs.readFileSync(data('dumps/streams/h-socketio-node-lo4.s0.tshark-x.txt'), 'utf8'));
      await page.waitForSelector('[data-part="input-note"]');
      await into(page, '#paste-status', 'center');
      await shot('packets');
      await page.click('#mode-capture');
      await page.setInputFiles('#capture-file', data('har/ws-chromium-deflate.har'));
      await page.waitForSelector('.conns .conn');
      await page.click('#frames [data-i="3"]');
      await page.waitForSelector('[data-part="reconstructed"]');
      await into(page, '[data-part="reconstructed"]', 'center');
      await shot('har-frame');
    },
  })),
  ...[['1024', 'en', 'light'], ['phone', 'ja', 'dark']].map(([size, lang, theme]) => ({
    name: `readings-${size}-${lang}-${theme}`, size, lang, theme,
    run: async (page, shot) => {
      const json = Buffer.from('{"type":"next","id":"1","payload":{"data":{"hello":"world"}}}');
      await paste(page, hex([0x81, json.length, ...json]));
      await page.waitForSelector('#messages .mnote.reading');
      await shot('paste');
      await capture(page, cap('r-mqtt-aedes-lo4.pcap'));
      await page.waitForSelector('#messages .mnote.reading');
      await into(page, '#app-sec');
      await shot('mqtt-packets');
      for (let i = 0; i < 20 && !(await page.$('#messages [data-i="14"]')); i++) await page.locator('#messages').evaluate((el) => { el.scrollTop += 60; });
      await page.click('#messages [data-i="14"]');
      await page.waitForSelector('svg.diagram[aria-label*="14"]');
      await into(page, '#message .reading');
      await page.locator('#message .reading .rnode').nth(2).hover();
      await shot('mqtt-reading');
      await capture(page, cap('r-binary-lo4.pcap'));
      await page.waitForFunction(() => document.querySelector('#messages [data-i="6"] .mnote.reading'));
      await page.click('#messages [data-i="6"]');
      await page.waitForSelector('#message .reading[data-protocol="cbor"]');
      await into(page, '#message .reading');
      await shot('cbor');
    },
  })),
  {
    name: 'hostile-1280', size: '1280',
    run: async (page, shot) => {
      const deep = `{"a":${'['.repeat(300)}"invoice\u202efdp.exe"${']'.repeat(300)}}`;
      const n = Buffer.byteLength(deep);
      await paste(page, `81 7e ${hex([n >> 8, n & 255])} ${hex(Buffer.from(deep))}`);
      await page.waitForSelector('#payload [data-part=json-cut]');
      await shot('json-depth', { sel: '#payload' });
      await page.click('#payload [data-view=text]');
      await shot('text-marks', { sel: '#payload' });
      await page.goto(`${page.url().split('#')[0]}#v=1&t=${'x'.repeat(70_000)}`);
      await page.waitForSelector('[data-part=link-too-big]');
      await shot('link-too-big', { sel: '.side' });
      await page.evaluate(() => /** @type {any} */ (window).wsframe.crashForTest());
      await page.waitForSelector('[data-part=crash]');
      await shot('crash', { sel: '.side' });
    },
  },
];

/* ---------- running them ---------- */

const words = process.argv.slice(2);
const chosen = SCENES.filter((s) => words.every((w) => s.name.includes(w)));
if (!chosen.length) {
  console.error(`no scene has ${words.join(' and ')} in its name; scenes:\n${SCENES.map((s) => `  ${s.name}`).join('\n')}`);
  process.exit(2);
}
fs.mkdirSync(OUT, { recursive: true });
const server = await start();
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS, timeout: 30_000 });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wsframe-look-'));
let failed = 0;
try {
  for (const s of chosen) {
    const viewport = SIZES[s.size];
    const page = await browser.newPage({ viewport, colorScheme: s.theme || 'light', isMobile: Boolean(s.mobile) });
    page.on('pageerror', (e) => console.error(`${s.name}: page error: ${e.message}`));
    await page.addInitScript(([th, large]) => {
      localStorage.setItem('wsframe.theme', th);
      localStorage.setItem('wsframe.large', large ? '1' : '0');
    }, [s.theme || 'light', Boolean(s.large)]);
    const shot = async (view, o = {}) => {
      const file = (i) => path.join(OUT, `${s.name}-${view}${i == null ? '' : `-${i}`}.png`);
      const w = await page.evaluate(() => document.documentElement.scrollWidth);
      if (w > viewport.width) console.error(`${s.name} ${view}: the page is ${w} px wide in a ${viewport.width} px viewport`);
      if (o.sel) { await page.locator(o.sel).screenshot({ path: file() }); return; }
      if (!o.full) { await page.screenshot({ path: file() }); return; }
      const h = await page.evaluate(() => document.documentElement.scrollHeight);
      for (let y = 0, i = 0; y < h && i < 8; y += viewport.height, i++) {
        await page.screenshot({ path: file(i), fullPage: true, clip: { x: 0, y, width: viewport.width, height: Math.min(viewport.height, h - y) } });
      }
    };
    try {
      await page.goto(`${server.url}?lang=${s.lang || 'en'}`);
      await page.waitForSelector('svg.diagram');
      await s.run(page, shot, tmp);
      console.log(`${s.name}: done`);
    } catch (e) {
      failed++;
      console.error(`${s.name}: ${e.message.split('\n')[0]}`);
    } finally {
      await page.close();
    }
  }
  console.log(`screenshots in ${OUT}/`);
} finally {
  await browser.close();
  await server.close();
  fs.rmSync(tmp, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
