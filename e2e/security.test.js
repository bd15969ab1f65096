// Payload bytes are untrusted: markup in a frame shows as text and runs
// nothing; the page loads nothing from elsewhere and breaks no CSP rule.
import { suite, assert, paste } from './harness.js';

const it = suite(import.meta.url);

const hex = (s) => Buffer.from(s, 'utf8').toString('hex').match(/../g).join(' ');
const XSS = '<img src=x onerror=alert(1)>';

it('shows markup in a payload as text and runs nothing', async (page) => {
  const payload = Buffer.from(XSS);
  const frame = `81 ${payload.length.toString(16).padStart(2, '0')} ${hex(XSS)}`;
  await paste(page, frame);
  await page.waitForSelector('svg.diagram[aria-label^="Frame 0"]');
  assert.match(await page.textContent('#payload'), /<img src=x onerror=alert\(1\)>/);
  assert.match(await page.textContent('#messages'), /<img src=x/);
  // A masked one, through the unmask too.
  const key = [0x12, 0x34, 0x56, 0x78];
  const masked = [...payload].map((b, i) => (b ^ key[i % 4]).toString(16).padStart(2, '0')).join(' ');
  await paste(page, `81 ${(0x80 | payload.length).toString(16)} 12 34 56 78 ${masked}`);
  await page.waitForSelector('.unmask .count');
  await page.focus('.unmask');
  await page.keyboard.press('End');
  assert.equal(await page.textContent('.grown .done'), XSS);
  await page.waitForTimeout(300);
  assert.equal(await page.locator('img').count(), 0, 'no img element was made');
  assert.deepEqual(page.rec.dialogs, []);
  assert.ok(!page.rec.requests.some((u) => u.endsWith('/x')), 'nothing fetched x');
});

it('keeps markup in the URL fragment inert', async (page) => {
  await page.goto(`${page.base}#v=1&t=${encodeURIComponent(`<script>alert(1)</script>${XSS}`)}`);
  await page.waitForSelector('#paste-error .emsg');
  assert.equal(await page.locator('img').count(), 0);
  assert.equal(await page.locator('script:not([src])').count(), 0);
});

it('asks nothing of other origins', async (page) => {
  await page.reload();
  await page.waitForSelector('svg.diagram');
  const foreign = page.rec.requests.filter((u) => !u.startsWith(page.base) && !/^(data|blob):/.test(u));
  assert.deepEqual(foreign, []);
  assert.ok(page.rec.requests.some((u) => u.endsWith('/wsframe.wasm')), 'the wasm came from the page\'s origin');
});

it('declares a strict Content-Security-Policy and breaks none of it', async (page) => {
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  for (const rule of ["default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "style-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'none'", "worker-src 'self'", "connect-src 'self'"]) {
    assert.ok(csp.includes(rule), rule);
  }
  // Exercise the parts that build DOM: help, theme, large text, downloads.
  await page.keyboard.press('?');
  await page.click('#help-close');
  await page.click('#theme');
  await page.click('#large-text');
  assert.deepEqual(await page.rec.csp(), []);
});
