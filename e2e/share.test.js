// The view lives in the URL fragment: a reload or a shared link reopens the
// same input, options and frame; Copy link puts that link on the clipboard.
import { suite, assert, paste } from './harness.js';

const it = suite(import.meta.url);

it('writes the view into the fragment', async (page) => {
  await page.waitForFunction(() => location.hash.includes('f=1'));
  const h = new URLSearchParams((await page.evaluate(() => location.hash)).slice(1));
  assert.equal(h.get('v'), '1');
  assert.equal(h.get('hex'), '810c48656c6c6f2c20776f726c64.81899539ffddd25690b9b55b86b8bb');
  assert.equal(h.get('f'), '1');
});

it('restores a shared view on reload', async (page) => {
  await paste(page, 'gQxIZWxsbywgd29ybGSBiZU5/93SVpC5tVuGuLs=');
  await page.click('#frames [role=option][data-i="0"]');
  await page.click('#options summary');
  await page.selectOption('#opt-from', 'server');
  await page.waitForFunction(() => location.hash.includes('from=server') && location.hash.includes('f=0'));
  const url = page.url();
  await page.reload();
  await page.waitForSelector('svg.diagram[aria-label^="Frame 0"]');
  assert.equal(page.url(), url);
  assert.equal(await page.inputValue('#paste'), 'gQxIZWxsbywgd29ybGSBiZU5/93SVpC5tVuGuLs=');
  assert.equal(await page.inputValue('#opt-from'), 'server');
  assert.equal(await page.getAttribute('body', 'data-frame'), '0');
  assert.match(await page.textContent('#payload'), /Hello, world/);
});

it('opens a link in a new page', async (page) => {
  await page.goto(`${page.base}#v=1&hex=8105.48656c6c6f&f=0`);
  await page.waitForFunction(() => document.querySelector('#paste')?.value === '81 05\n48 65 6c 6c 6f');
  await page.waitForSelector('svg.diagram[aria-label^="Frame 0"]');
  assert.match(await page.textContent('#payload'), /Hello/);
});

it('copies the link', async (page) => {
  await page.click('#copy-link');
  await page.waitForSelector('.toast.show');
  assert.match(await page.textContent('#toast'), /Link copied/);
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, page.url());
  assert.match(copied, /#v=1&hex=.*&f=1/);
});
