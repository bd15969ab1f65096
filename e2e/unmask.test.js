// The XOR unmask of the seed client frame, stepped with the buttons, the
// arrow keys and play.
import { suite, assert, grown } from './harness.js';

const it = suite(import.meta.url);

const count = (page) => page.textContent('.unmask .count');

it('steps with Next to the end and reads Good bye.', async (page) => {
  assert.equal(await grown(page), '');
  const next = page.getByRole('button', { name: 'Next byte (Right)' });
  await next.click();
  assert.equal(await grown(page), 'G');
  assert.match(await page.textContent('.xorcard'), /payload\[0\].*1101 0010.*d2.*key\[0\].*1001 0101.*95.*0100 0111.*47.*'G'/s);
  // The key byte in use is lit in the diagram's masking-key box and the hex view.
  assert.equal(await page.locator('svg.diagram .keybyte.step-key').getAttribute('data-key'), '0');
  assert.equal(await page.locator('.hb.step-byte').getAttribute('data-i'), '6');
  await next.click();
  assert.equal(await page.locator('svg.diagram .keybyte.step-key').getAttribute('data-key'), '1');
  for (let i = 2; i < 9; i++) await next.click();
  assert.equal(await grown(page), 'Good bye.');
  assert.match(await count(page), /byte 9 of 9/);
  await next.click();
  assert.equal(await grown(page), 'Good bye.');
  await page.getByRole('button', { name: 'Previous byte (Left)' }).click();
  assert.equal(await grown(page), 'Good bye');
  await page.getByRole('button', { name: 'To the start (Home)' }).click();
  assert.equal(await grown(page), '');
  await page.getByRole('button', { name: 'To the end (End)' }).click();
  assert.equal(await grown(page), 'Good bye.');
});

it('steps with the arrow keys when nothing else wants them', async (page) => {
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.equal(await grown(page), 'Goo');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await grown(page), 'Go');
  await page.keyboard.press('End');
  assert.equal(await grown(page), 'Good bye.');
  await page.keyboard.press('Home');
  assert.equal(await grown(page), '');
  // With the unmask panel focused too.
  await page.focus('.unmask');
  await page.keyboard.press('ArrowRight');
  assert.equal(await grown(page), 'G');
  // But not while typing in the paste.
  await page.focus('#paste');
  await page.keyboard.press('ArrowRight');
  assert.equal(await grown(page), 'G');
});

it('plays to the end with Space', async (page) => {
  await page.focus('.unmask');
  await page.evaluate(() => { const r = /** @type {HTMLInputElement} */ (document.querySelector('.speed input')); r.value = '30'; });
  await page.keyboard.press(' ');
  assert.equal(await page.getAttribute('.unmask .play', 'aria-pressed'), 'true');
  await page.waitForFunction(() => document.querySelector('.grown .done')?.textContent === 'Good bye.', null, { timeout: 5000 });
  await page.waitForFunction(() => document.querySelector('.unmask .play')?.getAttribute('aria-pressed') === 'false');
});

it('explains why clients mask', async (page) => {
  const why = await page.textContent('.why');
  assert.match(why, /10\.3/);
  assert.match(why, /cache/);
});
