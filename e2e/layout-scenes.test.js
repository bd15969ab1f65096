// The classroom and the laptop at every width (issue 22): one page a
// viewport, several geometric checks each: bounding boxes on screen, the
// diagram's smallest text in CSS px, the lists' text column in characters,
// heads over their cells, nothing overlapping. Not pixel snapshots.
// Presentation at 1920x1080 and 1024x768, Large text at 1024, 1366 and
// 1920, a capture beside its frame from 1280 px, a phone both ways.
import { suite, assert } from './harness.js';

const suiteIt = suite(import.meta.url);
/** Each test starts without Large text, whatever the one before it left. */
const it = (name, fn, o = {}) => suiteIt(name, fn, {
  ...o,
  setup: async (p) => {
    await p.addInitScript(() => {
      if (sessionStorage.getItem('wsframe.test')) return; // a reload keeps what the test did
      sessionStorage.setItem('wsframe.test', '1');
      for (const k of ['wsframe.large', 'wsframe.open.connections', 'wsframe.reveal']) localStorage.removeItem(k);
    });
    if (o.setup) await o.setup(p);
  },
});
const cap = (name) => new URL(`../testdata/captures/${name}`, import.meta.url).pathname;
const FRAGMENTS = cap('d-gorilla-ws-fragments-lengths-lo4.pcapng');
const DEFLATE = cap('b-ws-chromium-deflate-lo4.pcapng');

/** The diagram's smallest text (14 of its units) in CSS px, its box and its bits a row. */
const diagram = (page) => page.evaluate(() => {
  const svg = /** @type {SVGSVGElement} */ (document.querySelector('svg.diagram'));
  const r = svg.getBoundingClientRect();
  return { min: (14 * r.width) / svg.viewBox.baseVal.width, left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, cols: Number(svg.dataset.cols) };
});

/** Box of the first element matching sel, in the viewport. */
const box = (page, sel) => page.evaluate((s) => {
  const el = document.querySelector(s);
  if (!el) return null;
  const r = el.getBoundingClientRect();
  return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height };
}, sel);

const noSideways = async (page) => assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), 'no sideways scrolling');
const overlaps = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;

/**
 * The text column of a list (the last one): its width in characters of its
 * own font, and whether every visible head sits over its cells (left edges
 * within 2 px) and no other cell of the first rows is cut.
 */
const columns = (page, list) => page.evaluate((id) => {
  const el = document.getElementById(id);
  const head = /** @type {HTMLElement} */ (el.parentElement.querySelector('.vhead'));
  const rows = [...el.querySelectorAll('.vrow')].slice(0, 4);
  const shown = (x) => getComputedStyle(x).display !== 'none';
  const heads = [...head.children].filter(shown);
  const canvas = document.createElement('canvas').getContext('2d');
  const misaligned = [];
  const clipped = [];
  let chars = 0;
  for (const row of rows) {
    const cells = [...row.children].filter(shown);
    if (cells.length !== heads.length) { misaligned.push(`${cells.length} cells under ${heads.length} heads`); continue; }
    cells.forEach((c, i) => {
      const d = Math.abs(c.getBoundingClientRect().left - heads[i].getBoundingClientRect().left);
      if (d > 2) misaligned.push(`${heads[i].textContent}: ${d.toFixed(1)} px`);
      if (i < cells.length - 1 && c.scrollWidth > c.clientWidth + 1) clipped.push(`${heads[i].textContent}: ${c.textContent}`);
    });
    const last = /** @type {HTMLElement} */ (cells[cells.length - 1]);
    canvas.font = getComputedStyle(last).font;
    chars = last.getBoundingClientRect().width / canvas.measureText('0').width;
    if (!last.title) misaligned.push('the text column has no tooltip');
  }
  return { chars, misaligned, clipped, rows: rows.length };
}, list);

async function openCapture(page, file = FRAGMENTS) {
  await page.click('#mode-capture');
  await page.setInputFiles('#capture-file', file);
  await page.waitForSelector('.conns .conn', { timeout: 30_000, state: 'attached' });
  await page.waitForSelector('#frames .vrow[data-i="0"]');
  await page.waitForSelector('svg.diagram');
  await page.waitForTimeout(200);
}

async function example(page, name) {
  const before = await page.evaluate(() => document.body.dataset.decodes || '0');
  await page.click(`[data-example="${name}"]`);
  await page.waitForFunction((b) => (document.body.dataset.decodes || '0') !== b, before);
  await page.waitForSelector('svg.diagram');
  await page.waitForTimeout(200);
}

/** Large text on or off, waiting for the diagram to be drawn again. */
async function large(page, on) {
  if ((await page.getAttribute('#large-text', 'aria-pressed')) !== String(on)) await page.click('#large-text');
  await page.waitForTimeout(300);
}

async function present(page, on) {
  if ((await page.getAttribute('[data-action="present"]', 'aria-pressed')) !== String(on)) await page.click('[data-action="present"]');
  await page.waitForTimeout(400);
}

it('1920x1080: presentation fills the screen, reveals step by step, goes frame to frame; lists show 60 characters', async (page) => {
  const normal = await diagram(page);
  const cols = await columns(page, 'frames');
  assert.ok(cols.chars >= 60, `paste: the preview column holds ${cols.chars.toFixed(1)} characters`);
  assert.deepEqual(cols.misaligned, []);

  await present(page, true);
  const d = await diagram(page);
  assert.ok(d.width >= 0.6 * 1920, `the diagram takes ${(d.width / 19.2).toFixed(1)} % of the width`);
  assert.ok(d.min >= 22, `its smallest text is ${d.min.toFixed(1)} px`);
  assert.ok(d.top >= 0 && d.bottom <= 1080, 'the diagram is whole on the screen');
  assert.match(await page.textContent('[data-part="present-at"]'), /^2 of 2$/);
  assert.match(await page.textContent('#present-msg'), /Good bye\./, 'what the message says');
  assert.ok(!(await page.isVisible('#present-msg')), 'under reveal, once the steps reach its end');
  await page.keyboard.press('End');
  assert.ok(await page.isVisible('#present-msg'));
  await page.keyboard.press('Home');
  // Reveal: nothing unmasked before the first step; the byte being unmasked is lit with its key byte.
  assert.equal(await page.locator('html.reveal').count(), 1, 'reveal is on by default');
  const hidden = () => page.evaluate(() => [...document.querySelectorAll('svg.diagram .rv')].map((e) => getComputedStyle(e).visibility));
  assert.deepEqual(await hidden(), ['hidden', 'hidden']);
  await page.keyboard.press('ArrowRight');
  assert.deepEqual(await hidden(), ['visible', 'hidden']);
  assert.equal(await page.locator('svg.diagram .paybyte.step-byte[data-pi="0"]').count(), 1, 'payload byte 0 lit in the diagram');
  assert.equal(await page.locator('svg.diagram .keybyte.step-key[data-key="0"]').count(), 1, 'with key byte 0');
  assert.equal(await page.locator('.hb.step-byte').count(), 1, 'and in the hex view');
  const right = await box(page, '#unmask-sec');
  assert.ok(!overlaps(d, right), 'the unmask sits beside the diagram');
  for (const sel of ['.xor', '.grown']) {
    const b = await box(page, sel);
    assert.ok(b.top >= 0 && b.bottom <= 1080, `${sel} on the screen`);
  }
  // The buttons and k go back a frame.
  await page.click('[data-action="present-prev"]');
  await page.waitForSelector('svg.diagram[aria-label^="Frame 0"]');
  assert.match(await page.textContent('[data-part="present-at"]'), /^1 of 2$/);
  assert.ok(await page.locator('[data-action="present-prev"]').isDisabled());
  await page.keyboard.press('j');
  await page.waitForSelector('svg.diagram[aria-label^="Frame 1"]');
  // Turning reveal off shows every unmasked character at once, and is remembered.
  await page.click('[data-action="reveal"]');
  assert.deepEqual(await hidden(), ['visible', 'visible']);
  await page.click('[data-action="reveal"]');

  // Broken rules: the violations are shown in presentation.
  await present(page, false);
  await example(page, 'violations');
  await present(page, true);
  const v = await box(page, '#violations .violations');
  assert.ok(v && v.height > 0 && v.bottom <= 1080, 'the violations are on the screen');
  assert.match(await page.textContent('#violations'), /125 bytes/);

  // Large text and presentation: never smaller than either alone.
  await present(page, false);
  await example(page, 'seed');
  await page.waitForSelector('svg.diagram[aria-label^="Frame 1"]');
  await present(page, true);
  const presented = await diagram(page);
  await present(page, false);
  await large(page, true);
  const big = await diagram(page);
  assert.ok(big.min >= 1.25 * normal.min, `Large text: ${big.min.toFixed(1)} px against ${normal.min.toFixed(1)}`);
  await present(page, true);
  const both = await diagram(page);
  assert.ok(both.min >= Math.max(big.min, presented.min) - 0.5, `both: ${both.min.toFixed(1)} px, Large text ${big.min.toFixed(1)}, presentation ${presented.min.toFixed(1)}`);
  await present(page, false);
  await large(page, false);

  // A capture beside its frame; its text columns keep 60 characters.
  await openCapture(page, DEFLATE);
  const f = await columns(page, 'frames');
  const m = await columns(page, 'messages');
  assert.ok(f.chars >= 60 && m.chars >= 60, `capture: ${f.chars.toFixed(1)} and ${m.chars.toFixed(1)} characters`);
  assert.deepEqual([...f.misaligned, ...m.misaligned, ...f.clipped], []);
  assert.ok(!overlaps(await box(page, '.side'), await box(page, '#scope')));
}, { viewport: { width: 1920, height: 1080 }, timeout: 90_000 });

it('1024x768: presentation keeps diagram, step and text on one screen; Large text enlarges; an example comes into view', async (page) => {
  const normal = await diagram(page);
  await present(page, true);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => window.scrollY), 0, 'no scrolling');
  const d = await diagram(page);
  assert.ok(d.min >= 16, `the diagram's smallest text is ${d.min.toFixed(1)} px`);
  for (const sel of ['svg.diagram', '.xorcard', '.grown']) {
    const b = await box(page, sel);
    assert.ok(b && b.top >= 0 && b.bottom <= 768 && b.right <= 1024, `${sel} is on the screen: ${JSON.stringify(b)}`);
  }
  assert.ok(await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.xbin')).fontSize)) >= 16);
  assert.equal(await page.textContent('.grown .done'), 'Go');
  await present(page, false);

  await large(page, true);
  const big = await diagram(page);
  assert.ok(big.min >= 1.25 * normal.min, `Large text: ${big.min.toFixed(1)} px against ${normal.min.toFixed(1)}`);
  await noSideways(page);
  // Broken rules with Large text: every column of the frame list is there, none cut.
  await example(page, 'violations');
  const cols = await columns(page, 'frames');
  assert.deepEqual([...cols.misaligned, ...cols.clipped], []);
  assert.match(await page.textContent('#frames .vrow[data-i="0"] .col-viol'), /⚠ 1/);
  await present(page, true);
  const both = await diagram(page);
  assert.ok(both.min >= big.min - 0.5, `Large text in presentation: ${both.min.toFixed(1)} px, Large text alone ${big.min.toFixed(1)}`);
  await present(page, false);
  await large(page, false);

  // An example brings its diagram into view.
  await page.evaluate(() => window.scrollTo(0, 0));
  await example(page, 'len16');
  await page.waitForTimeout(200);
  const top = await box(page, 'svg.diagram');
  assert.ok(top.top >= 0 && top.top < 768, `the diagram starts at ${top.top} px`);
}, { viewport: { width: 1024, height: 768 }, timeout: 90_000 });

it('1366x768: a capture beside its frame, both on the first screen; 24 characters of text; Large text enlarges', async (page) => {
  const cols = await columns(page, 'frames');
  assert.ok(cols.chars >= 24, `paste: ${cols.chars.toFixed(1)} characters`);
  assert.deepEqual(cols.misaligned, []);
  const normal = await diagram(page);
  await large(page, true);
  const big = await diagram(page);
  assert.ok(big.min >= 1.25 * normal.min, `Large text: ${big.min.toFixed(1)} px against ${normal.min.toFixed(1)}`);
  const lc = await columns(page, 'frames');
  assert.deepEqual(lc.clipped, [], 'no column cut with Large text');
  await noSideways(page);
  await large(page, false);

  await openCapture(page);
  const side = await box(page, '.side');
  const scope = await box(page, '#scope');
  assert.ok(side.right <= scope.left, 'the lists on one side, the frame on the other');
  const row = await box(page, '#frames .vrow[data-i="1"]');
  const d = await diagram(page);
  assert.ok(row.bottom <= 768, `frame rows on the first screen (${row.bottom})`);
  assert.ok(d.top < 768, `the diagram on the first screen (${d.top})`);
  assert.ok(d.min >= 12, `its text ${d.min.toFixed(1)} px`);
  const f = await columns(page, 'frames');
  const m = await columns(page, 'messages');
  assert.ok(f.chars >= 24 && m.chars >= 24, `capture: ${f.chars.toFixed(1)} and ${m.chars.toFixed(1)} characters`);
  assert.deepEqual([...f.misaligned, ...m.misaligned, ...f.clipped], []);
  // The connections fold away, and stay folded.
  await page.click('.conns-sec > summary');
  assert.equal(await page.locator('.conns-sec[open]').count(), 0);
  await page.reload();
  await page.waitForSelector('svg.diagram');
  await openCapture(page);
  assert.equal(await page.locator('.conns-sec[open]').count(), 0, 'remembered');
  await page.click('.conns-sec > summary');
  assert.equal(await page.locator('.conns-sec[open]').count(), 1);
  // A second capture starts at its top.
  await page.evaluate(() => window.scrollTo(0, 600));
  await openCapture(page, DEFLATE);
  assert.equal(await page.evaluate(() => window.scrollY), 0);
}, { viewport: { width: 1366, height: 768 }, timeout: 90_000 });

it('1366x768 in Japanese: the same, with its words', async (page) => {
  await noSideways(page);
  const cols = await columns(page, 'frames');
  assert.ok(cols.chars >= 24, `${cols.chars.toFixed(1)} characters`);
  assert.deepEqual(cols.misaligned, []);
  await openCapture(page);
  assert.ok((await box(page, '#frames .vrow[data-i="1"]')).bottom <= 768);
  assert.ok((await diagram(page)).top < 768);
  await present(page, true);
  assert.match(await page.textContent('[data-part="present-at"]'), /^1 \/ 31$/);
  assert.match(await page.textContent('.reveal-set'), /明かす/);
  const d = await diagram(page);
  assert.ok(d.bottom <= 768 && d.min >= 16, `${d.min.toFixed(1)} px`);
}, { viewport: { width: 1366, height: 768 }, hash: '?lang=ja', timeout: 60_000 });

for (const [w, h] of [[1280, 720], [1440, 900], [1536, 864]]) {
  it(`${w}x${h}: a capture's lists and frame side by side, nothing overlapping`, async (page) => {
    await openCapture(page);
    const side = await box(page, '.side');
    const scope = await box(page, '#scope');
    assert.ok(side.right <= scope.left && !overlaps(side, scope), 'side by side');
    assert.ok((await box(page, '#frames .vrow[data-i="1"]')).bottom <= h, 'frame rows on the first screen');
    const d = await diagram(page);
    assert.ok(d.top < h && d.right <= w && d.min >= 12, `the diagram on the first screen at ${d.min.toFixed(1)} px`);
    const f = await columns(page, 'frames');
    assert.deepEqual([...f.misaligned, ...f.clipped], []);
    await noSideways(page);
    // Paste mode too, from 1320 px; stacked below.
    await page.click('#mode-paste');
    await page.waitForSelector('svg.diagram');
    const ps = await box(page, '.side');
    const pf = await box(page, '#scope');
    assert.ok(w >= 1320 ? ps.right <= pf.left : ps.bottom <= pf.top, `paste: ${JSON.stringify([ps, pf])}`);
    await noSideways(page);
  }, { viewport: { width: w, height: h } });
}

it('phone 390x844: no sideways scrolling, hex bytes apart, the ladder note between the lanes, an empty masked frame', async (page) => {
  await noSideways(page);
  const gaps = await page.evaluate(() => {
    const b = [...document.querySelectorAll('.hexrow')][0].querySelectorAll('.hb');
    const out = [];
    for (let i = 1; i < b.length; i++) out.push(b[i].getBoundingClientRect().left - b[i - 1].getBoundingClientRect().right);
    return out;
  });
  assert.ok(Math.min(...gaps) >= 2, `gaps between hex bytes: ${gaps.map((g) => g.toFixed(1))}`);
  assert.ok((await box(page, '#hex')).right <= 390);
  await page.click('#ladder > summary');
  await page.waitForSelector('svg[data-part="ladder"] .ld-note');
  const note = await page.evaluate(() => {
    const lanes = [...document.querySelectorAll('svg[data-part="ladder"] .ld-lanehead')].map((e) => e.getBoundingClientRect());
    const notes = [...document.querySelectorAll('svg[data-part="ladder"] .ld-note')].map((e) => e.getBoundingClientRect());
    const xc = (lanes[0].left + lanes[0].right) / 2;
    const xs = (lanes[1].left + lanes[1].right) / 2;
    return { inside: notes.every((n) => n.left >= Math.min(xc, xs) && n.right <= Math.max(xc, xs)), lines: notes.length, text: [...document.querySelectorAll('svg[data-part="ladder"] .ld-note')].map((e) => e.textContent).join(' ') };
  });
  assert.ok(note.inside, `the note stays between the lanes: ${JSON.stringify(note)}`);
  assert.match(note.text, /no opening/);
  // A masked frame with no payload: nothing to step through.
  await page.fill('#paste', '81 80 01 02 03 04');
  await page.waitForSelector('#frame-count:text("1")');
  await page.waitForSelector('svg.diagram[aria-label^="Frame 0"]');
  assert.match(await page.textContent('[data-part="unmask"]'), /nothing to unmask/);
  assert.ok(await page.locator('[data-part="unmask"] .play').isDisabled());
  assert.ok(await page.locator('[data-part="unmask"] .step-next').isDisabled());
  await present(page, true);
  await noSideways(page);
  assert.ok((await diagram(page)).right <= 390);
}, { viewport: { width: 390, height: 844 } });

it('phone on its side 844x390: no sideways scrolling; presentation keeps the diagram in the width', async (page) => {
  await noSideways(page);
  await present(page, true);
  const d = await diagram(page);
  assert.ok(d.right <= 844 && d.left >= 0 && d.min >= 12, JSON.stringify(d));
  await noSideways(page);
  await present(page, false);
  await openCapture(page);
  await noSideways(page);
}, { viewport: { width: 844, height: 390 } });

it('position: pasted text opens its first frame at the top of its diagram; the ladder shows what compressed messages inflate to', async (page) => {
  // The seed opens frame 1; a pasted input of three frames opens its frame 0.
  await page.waitForSelector('svg.diagram[aria-label^="Frame 1"]');
  const three = ['81 03 61 62 63', '81 03 64 65 66', '81 03 67 68 69'].join('\n');
  const before = await page.evaluate(() => document.body.dataset.decodes);
  await page.evaluate((text) => {
    const el = /** @type {HTMLTextAreaElement} */ (document.querySelector('#paste'));
    el.value = text;
    el.dispatchEvent(new InputEvent('input', { inputType: 'insertFromPaste', bubbles: true }));
  }, three);
  await page.waitForFunction((b) => document.body.dataset.decodes !== b, before);
  await page.waitForSelector('svg.diagram[aria-label^="Frame 0"]');
  await page.waitForTimeout(200);
  const d = await diagram(page);
  assert.ok(d.top >= 0 && d.top < 800, `the diagram's top is on screen (${d.top})`);
  // RFC 7692's example: the ladder's arrows say "Hello", not "(compressed)".
  await example(page, 'deflate');
  await page.click('#ladder > summary');
  await page.waitForSelector('svg[data-part="ladder"] [data-frame="1"]');
  await page.waitForFunction(() => /Hello/.test(document.querySelector('svg[data-part="ladder"] [data-frame="0"] .ld-label')?.textContent || ''));
  assert.doesNotMatch(await page.textContent('svg[data-part="ladder"] [data-frame="0"] .ld-label'), /compressed/);
});
