// The first view at laptop, projector (large text) and phone sizes, light
// and dark, and the keyboard path through it. Screenshots in artifacts/.
import { suite, assert } from './harness.js';

const it = suite(import.meta.url);

const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

it('laptop 1280x800', async (page) => {
  assert.ok(await overflow(page) <= 0);
  const box = await page.locator('svg.diagram').boundingBox();
  assert.ok(box && box.width > 600, `the diagram is ${box?.width}px wide`);
  await page.screenshot({ path: 'artifacts/layout-laptop-viewport.png' });
});

it('phone 390x844, one column', async (page) => {
  assert.ok(await overflow(page) <= 0, 'no sideways scrolling');
  const side = await page.locator('.side').boundingBox();
  const scope = await page.locator('#frame-head').boundingBox();
  assert.ok(side && scope && scope.y > side.y + side.height - 1, 'the microscope comes under the input');
  await page.screenshot({ path: 'artifacts/layout-phone-viewport.png' });
}, { viewport: { width: 390, height: 844 } });

it('dark scheme', async (page) => {
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r, g, b] = bg.match(/\d+/g).map(Number);
  assert.ok(r + g + b < 120, `dark background, got ${bg}`);
  await page.screenshot({ path: 'artifacts/layout-dark-viewport.png' });
}, { colorScheme: 'dark' });

it('theme toggle overrides the system', async (page) => {
  await page.click('#theme'); // auto -> light
  await page.click('#theme'); // light -> dark
  assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.notEqual(bg, 'rgb(244, 245, 247)');
  await page.reload();
  await page.waitForSelector('svg.diagram');
  assert.equal(await page.getAttribute('html', 'data-theme'), 'dark', 'the choice is remembered');
  await page.click('#theme'); // back to auto for the next tests
  assert.equal(await page.getAttribute('html', 'data-theme'), 'auto');
});

it('large text for a projector', async (page) => {
  const before = await page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
  await page.click('#large-text');
  assert.equal(await page.getAttribute('#large-text', 'aria-pressed'), 'true');
  const after = await page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
  assert.ok(parseFloat(after) > parseFloat(before));
  assert.ok(await overflow(page) <= 0);
  await page.screenshot({ path: 'artifacts/layout-large-viewport.png' });
  await page.click('#large-text');
}, { viewport: { width: 1280, height: 720 } });

it('keyboard alone: help, tab order, visible focus', async (page) => {
  await page.keyboard.press('?');
  assert.ok(await page.locator('#help[open]').count() === 1);
  assert.match(await page.textContent('#help'), /xxd/);
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('#help[open]').count(), 0);
  // The first Tab stops: skip link, then the top bar, then the source tabs and the paste.
  const order = [];
  await page.focus('body');
  for (let i = 0; i < 11; i++) {
    await page.keyboard.press('Tab');
    order.push(await page.evaluate(() => document.activeElement?.id || document.activeElement?.className || document.activeElement?.tagName));
  }
  assert.deepEqual(order.slice(1, 10), ['present', 'copy-link', 'large-text', 'theme', 'lang', 'help-open', 'mode-paste', 'mode-capture', 'paste']);
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none');
  // Fields of the diagram are reachable and explain themselves.
  await page.focus('svg.diagram .field[data-fields="websocket.opcode"]');
  assert.match(await page.textContent('#field-desc'), /opcode/);
  // j / k move between frames.
  await page.focus('svg.diagram .field[data-fields="websocket.opcode"]');
  await page.keyboard.press('k');
  await page.waitForSelector('svg.diagram[aria-label^="Frame 0"]');
  await page.keyboard.press('j');
  await page.waitForSelector('svg.diagram[aria-label^="Frame 1"]');
});
