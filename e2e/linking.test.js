// The hex view and the diagram light each other up, on hover and on focus;
// a violation points at its field.
import { suite, assert, paste } from './harness.js';

const it = suite(import.meta.url);

const lit = (page, sel) => page.$$eval(sel, (els) => els.map((e) => e.getAttribute('data-i') || e.getAttribute('data-fields')));

it('a hex byte lights its field in the diagram', async (page) => {
  await page.hover('.hb[data-i="3"]');
  assert.deepEqual(await lit(page, 'svg.diagram .field.hl'), ['websocket.masking_key']);
  assert.deepEqual(await lit(page, '.hb.hl'), ['2', '3', '4', '5']);
  await page.hover('.hb[data-i="0"]');
  assert.deepEqual(await lit(page, 'svg.diagram .field.hl'),
    ['websocket.fin', 'websocket.rsv1', 'websocket.rsv2', 'websocket.rsv3', 'websocket.opcode']);
});

it('a diagram field lights its bytes in the hex view', async (page) => {
  await page.locator('svg.diagram .field[data-fields="websocket.payload_length"] .box').hover({ force: true });
  assert.deepEqual(await lit(page, '.hb.hl'), ['1']);
  await page.locator('svg.diagram .field[aria-label][data-fields="websocket.payload"] .box').nth(1).hover({ force: true });
  assert.deepEqual(await lit(page, '.hb.hl'), ['6', '7', '8', '9', '10', '11', '12', '13', '14']);
});

it('keyboard focus links them too and explains the field', async (page) => {
  await page.focus('svg.diagram .field[data-fields="websocket.mask"]');
  assert.deepEqual(await lit(page, '.hb.hl'), ['1']);
  assert.match(await page.textContent('#field-desc'), /MASK.*bit 8/s);
  await page.focus('.hb[data-i="0"]');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-i')), '2');
  assert.deepEqual(await lit(page, 'svg.diagram .field.hl'), ['websocket.masking_key']);
});

it('a violation points at its field', async (page) => {
  // An unmasked frame declared as the client's: "client frames must be masked".
  await paste(page, '81 05 48 65 6c 6c 6f');
  await page.click('#options summary');
  await page.selectOption('#opt-from', 'client');
  await page.waitForSelector('.violations .viol');
  const v = page.locator('.violations .viol').first();
  const target = await v.getAttribute('data-target');
  assert.ok(target, 'the violation names a field');
  await v.click();
  assert.ok(await page.locator(`svg.diagram .field.pinned[data-fields="${target}"]`).count() > 0);
  assert.ok(await page.locator('.hb.pinned').count() > 0);
  assert.match(await page.locator('#frames [role=option]').first().textContent(), /⚠ 1/);
});
