// harness.js: what every browser test shares. One Chromium (Debian's
// /usr/bin/chromium, headless, fresh profile) and one static server per test
// file; a fresh page per test that records every request, console error,
// page error, dialog and CSP violation; a screenshot of every test in
// artifacts/ (NAME.png, or NAME-FAILED.png when it failed).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { start } from './server.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ARTIFACTS = path.join(HERE, 'artifacts');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const SEED_CLIENT = '81 89 95 39 ff dd d2 56 90 b9 b5 5b 86 b8 bb';
export const SEED_SERVER = '81 0c 48 65 6c 6c 6f 2c 20 77 6f 72 6c 64';

export const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

/**
 * Sets up a browser and server for this file and returns `it`, a test()
 * that hands each test a fresh page.
 * @param {string} file import.meta.url of the test file
 * @param {{wrongWasmType?: boolean, missing?: string[]}} [opts] missing: paths the server answers 404
 */
export function suite(file, opts = {}) {
  const prefix = path.basename(fileURLToPath(file)).replace(/\.test\.js$/, '');
  /** @type {{server: any, context: import('playwright-core').BrowserContext, dir: string}} */
  const env = /** @type {any} */ ({});
  before(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    env.server = await start({ wrongWasmType: opts.wrongWasmType, missing: opts.missing });
    env.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wsframe-e2e-'));
    env.context = await chromium.launchPersistentContext(env.dir, {
      executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1280, height: 800 },
      acceptDownloads: true, timeout: 30_000,
    });
    await env.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.url.replace(/\/$/, '') });
  });
  after(async () => {
    await env.context?.close().catch(() => {});
    await env.server?.close();
    fs.rmSync(env.dir, { recursive: true, force: true });
  });

  /**
   * @param {string} name
   * @param {(p: Page) => Promise<void>} fn
   * @param {{setup?: (p: Page) => Promise<void>, hash?: string, viewport?: {width: number, height: number}, colorScheme?: 'light'|'dark', timeout?: number, wait?: boolean}} [o]
   */
  function it(name, fn, o = {}) {
    test(name, { timeout: o.timeout || 45_000 }, async () => {
      const page = await env.context.newPage();
      const rec = record(page, env.server.url);
      if (o.viewport) await page.setViewportSize(o.viewport);
      await page.emulateMedia({ colorScheme: o.colorScheme || 'light' });
      const shot = path.join(ARTIFACTS, `${prefix}-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`);
      fs.rmSync(`${shot}-FAILED.png`, { force: true });
      const p = Object.assign(page, { rec, base: env.server.url, server: env.server });
      try {
        if (o.setup) await o.setup(p);
        await page.goto(env.server.url + (o.hash || ''));
        if (o.wait !== false) {
          await page.waitForSelector('svg.diagram', { timeout: 15_000 });
          // A first visit draws the seed from first-view.json before the decoder has come.
          await page.waitForFunction(() => !document.body.dataset.firstView, null, { timeout: 15_000 });
        }
        await fn(p);
        await page.screenshot({ path: `${shot}.png`, fullPage: true });
        rec.check();
        assert.deepEqual(await rec.csp(), [], 'CSP violations');
      } catch (e) {
        await page.screenshot({ path: `${shot}-FAILED.png`, fullPage: true }).catch(() => {});
        throw e;
      } finally {
        await page.close();
      }
    });
  }
  return it;
}

/**
 * @typedef {import('playwright-core').Page & {rec: ReturnType<typeof record>, base: string, server: any}} Page
 */

/** Records what a page does that a test may want to forbid. */
function record(page, base) {
  const rec = {
    requests: /** @type {string[]} */ ([]),
    errors: /** @type {string[]} */ ([]),
    dialogs: /** @type {string[]} */ ([]),
    /** The CSP violations the page saw. */
    async csp() { return page.evaluate(() => /** @type {any} */ (window).__csp || []); },
    /** Fails on a foreign request, a page error or a dialog. */
    check() {
      const foreign = rec.requests.filter((u) => !u.startsWith(base) && !u.startsWith('data:') && !u.startsWith('blob:'));
      assert.deepEqual(foreign, [], 'requests outside the page\'s origin');
      assert.deepEqual(rec.errors, [], 'page errors');
      assert.deepEqual(rec.dialogs, [], 'dialogs opened');
    },
  };
  page.on('request', (r) => rec.requests.push(r.url()));
  page.on('pageerror', (e) => rec.errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) rec.errors.push(m.text()); });
  page.on('dialog', (d) => { rec.dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  page.addInitScript(() => {
    /** @type {any} */ (window).__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      /** @type {any} */ (window).__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return rec;
}

/** Replaces the paste and waits for the decode it causes. */
export async function paste(page, text) {
  const before = await page.evaluate(() => document.body.dataset.decodes || '0');
  if (text.length < 2000) {
    await page.fill('#paste', text);
  } else {
    // As a paste does: the whole text at once, one input event (fill() types
    // long texts slowly).
    await page.evaluate((t) => {
      const el = /** @type {HTMLTextAreaElement} */ (document.querySelector('#paste'));
      el.value = t;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }, text);
  }
  await page.waitForFunction((b) => (document.body.dataset.decodes || '0') !== b, before, { timeout: 10_000 });
}

/**
 * Pastes text into the box as a browser does: the paste event, then, when
 * the page did not take the text from it, the text inserted and an input
 * event. Returns whether the page took it (a paste held outside the box).
 * Does not wait for the decode.
 * @param {Page} page @param {string} text
 */
export const pasteAsBrowser = (page, text) => page.evaluate((t) => {
  const el = /** @type {HTMLTextAreaElement} */ (document.querySelector('#paste'));
  el.focus();
  const data = new DataTransfer();
  data.setData('text/plain', t);
  if (!el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))) return true;
  el.value = t;
  el.dispatchEvent(new InputEvent('input', { inputType: 'insertFromPaste', bubbles: true }));
  return false;
}, text);

/** The text content of the grown unmask text. */
export const grown = (page) => page.locator('.grown .done').textContent();

/**
 * Writes a generated capture of `frames` short text frames (with a 64 KiB
 * binary frame every 2000) to `file` with the Go generator
 * (tools/gencapture, the pcap writer the Go tests share).
 * @param {string} file @param {number} frames
 */
export function generatedCapture(file, frames) {
  execFileSync(process.env.GO || 'go', ['run', './tools/gencapture', '-frames', String(frames), '-o', file],
    { cwd: path.join(HERE, '..'), stdio: ['ignore', 'ignore', 'inherit'] });
  return file;
}

/**
 * Writes a hostile capture for the memory tests to `file` with the same
 * generator: "empty" sends `count` empty text frames (81 00); "bombs"
 * negotiates permessage-deflate and sends `count` compressed messages of
 * zeros, each inflating to `size` bytes; "gzip-bombs" sends `count` binary
 * messages, each a gzip member of zeros inflating to `size` bytes, which
 * the readings inflate; "fragments" sends one text message in `count`
 * empty continuations (and a first and a last frame). Returns `count`.
 * @param {string} file @param {'empty'|'bombs'|'gzip-bombs'|'fragments'} kind @param {number} count @param {number} [size]
 */
export function hostileCapture(file, kind, count, size = 0) {
  execFileSync(process.env.GO || 'go', ['run', './tools/gencapture', '-kind', kind, '-frames', String(count), '-size', String(size), '-o', file],
    { cwd: path.join(HERE, '..'), stdio: ['ignore', 'ignore', 'inherit'] });
  return count;
}

export { assert };
