// The page in front of a class (issue 10): layouts at projector, laptop and
// phone sizes in paste and capture mode, measured (boxes inside the
// viewport, the diagram's smallest rendered text, the frame in view after
// choosing a row); presentation mode; keyboard-only walks; close frames;
// big frames; the examples; lists; Copy link for a capture.
import { suite, assert, paste } from './harness.js';

const it = suite(import.meta.url);
const cap = (name) => new URL(`../testdata/captures/${name}`, import.meta.url).pathname;

const VIEWPORTS = [[1024, 768], [1280, 800], [1920, 1080], [390, 844]];

/** Opens a capture and waits for its first frame. */
async function openCapture(page, file) {
  await page.click('#mode-capture');
  await page.setInputFiles('#capture-file', cap(file));
  await page.waitForSelector('.conns .conn', { timeout: 30_000 });
  await page.waitForSelector('svg.diagram[aria-label^="Frame 0"]');
}

/** The diagram's box, its smallest rendered text in CSS px, and the page's sideways overflow. */
const measure = (page) => page.evaluate(() => {
  const svg = /** @type {SVGSVGElement} */ (document.querySelector('[data-part="diagram"]'));
  const r = svg.getBoundingClientRect();
  const scale = r.width / svg.viewBox.baseVal.width;
  let min = Infinity;
  for (const t of svg.querySelectorAll('text')) if (t.textContent) min = Math.min(min, parseFloat(getComputedStyle(t).fontSize) * scale);
  const box = (el) => { const b = el.getBoundingClientRect(); return { left: b.left, top: b.top, right: b.right, bottom: b.bottom }; };
  const top = document.querySelector('.top');
  const cover = top && ['sticky', 'fixed'].includes(getComputedStyle(top).position) ? top.getBoundingClientRect().bottom : 0;
  return {
    svg: box(svg), min, cols: Number(svg.dataset.cols), cover,
    frame: box(/** @type {Element} */ (document.querySelector('[data-part="frame"]'))),
    head: box(/** @type {Element} */ (document.querySelector('#frame-head'))),
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    vw: innerWidth, vh: innerHeight,
  };
});

function assertLayout(m, label) {
  assert.ok(m.overflow <= 0, `${label}: the page scrolls sideways by ${m.overflow}px`);
  assert.ok(m.svg.left >= 0 && m.svg.right <= m.vw + 0.5, `${label}: the diagram is cut: ${JSON.stringify(m.svg)} in ${m.vw}px`);
  if (m.vw >= 1024) assert.ok(m.min >= 12, `${label}: the diagram's smallest text is ${m.min.toFixed(2)}px`);
  else assert.ok(m.min >= 11, `${label}: the diagram's smallest text is ${m.min.toFixed(2)}px on a phone`);
}

/** After a row was chosen: the frame's head and diagram in the viewport, below the sticky header (on a phone, its head and the diagram's top). */
function assertInView(m, label) {
  const whole = m.frame.bottom - m.frame.top <= m.vh - m.cover;
  assert.ok(m.frame.top >= m.cover - 1, `${label}: the frame starts at ${m.frame.top}, under the header (${m.cover})`);
  if (whole) assert.ok(m.frame.bottom <= m.vh + 1, `${label}: the frame ends at ${m.frame.bottom}, below the viewport (${m.vh})`);
  else assert.ok(m.head.bottom <= m.vh && m.svg.top < m.vh, `${label}: the frame's head and diagram are not in view`);
}

for (const [width, height] of VIEWPORTS) {
  it(`paste ${width}x${height}: the diagram fits, a chosen row comes into view`, async (page) => {
    assertLayout(await measure(page), 'seed');
    // The longest header: the 64-bit length example.
    await page.click('[data-example="len64"]');
    await page.waitForSelector('svg.diagram[aria-label^="Frame 0"]');
    assertLayout(await measure(page), '64-bit example');
    await page.click('[data-example="rfc6455"]');
    await page.waitForSelector('svg.diagram[aria-label^="Frame 2"]');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.locator('[data-part="frames"] [role="option"][data-i="4"]').click();
    await page.waitForSelector('svg.diagram[aria-label^="Frame 4"]');
    await page.waitForTimeout(150);
    const m = await measure(page);
    assertLayout(m, 'row 4');
    assertInView(m, 'row 4');
    await page.screenshot({ path: `artifacts/classroom-paste-${width}x${height}.png` });
  }, { viewport: { width, height }, timeout: 90_000 });

  it(`capture ${width}x${height}: the diagram fits, a chosen row comes into view`, async (page) => {
    await openCapture(page, 'd-gorilla-ws-fragments-lengths-lo4.pcapng');
    assertLayout(await measure(page), 'frame 0');
    await page.evaluate(() => window.scrollTo(0, 0));
    const row = page.locator('[data-part="frames"] [role="option"][data-i="6"]');
    await row.scrollIntoViewIfNeeded();
    await row.tap().catch(() => row.click());
    await page.waitForSelector('svg.diagram[aria-label^="Frame 6"]');
    await page.waitForTimeout(150);
    const m = await measure(page);
    assertLayout(m, 'frame 6');
    assertInView(m, 'frame 6');
    await page.screenshot({ path: `artifacts/classroom-capture-${width}x${height}.png` });
  }, { viewport: { width, height }, timeout: 60_000 });
}

it('presentation mode at 1920x1080: diagram and unmask whole, side by side, stepping from anywhere', async (page) => {
  await page.click('[data-action="present"]');
  assert.equal(await page.getAttribute('[data-action="present"]', 'aria-pressed'), 'true');
  await page.waitForTimeout(200);
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  assert.match(await page.locator('[data-part="unmask"] .count').textContent(), /\b3\b.*\b9\b/);
  const [d, u] = await Promise.all(['[data-part="diagram"]', '[data-part="unmask"]'].map((s) => page.locator(s).boundingBox()));
  assert.ok(d && u);
  for (const [name, b] of [['diagram', d], ['unmask', u]]) {
    assert.ok(b.x >= 0 && b.y >= 0 && b.x + b.width <= 1920 && b.y + b.height <= 1080, `${name} ${JSON.stringify(b)} is not whole on screen`);
  }
  assert.ok(u.x >= d.x + d.width, 'the unmask steps sit beside the diagram');
  assert.ok(d.width > 1000, `the diagram is scaled up: ${d.width}px`);
  // The lit key byte is the one in use: step 3 uses key[2].
  assert.equal(await page.locator('[data-part="diagram"] .keybyte.step-key').getAttribute('data-key'), '2');
  assert.ok(await page.locator('.side').isHidden(), 'the side column is hidden');
  await page.screenshot({ path: 'artifacts/classroom-present-1920.png' });
  await page.keyboard.press('p');
  assert.equal(await page.getAttribute('[data-action="present"]', 'aria-pressed'), 'false');
}, { viewport: { width: 1920, height: 1080 }, timeout: 90_000 });

it('presentation at 1280x800 and a long frame: both whole; stepping keeps the step in view', async (page) => {
  await page.click('[data-example="len16"]');
  await page.waitForSelector('svg.diagram[aria-label^="Frame 0"]');
  await page.keyboard.press('p');
  await page.waitForTimeout(200);
  const [d, u] = await Promise.all(['[data-part="diagram"]', '[data-part="unmask"]'].map((s) => page.locator(s).boundingBox()));
  assert.ok(d && u && d.y + d.height <= 800 && u.y + u.height <= 800 && u.x >= d.x + d.width, `${JSON.stringify(d)} ${JSON.stringify(u)}`);
  await page.keyboard.press('Escape');
  assert.equal(await page.getAttribute('[data-action="present"]', 'aria-pressed'), 'false');
}, { viewport: { width: 1280, height: 800 }, timeout: 90_000 });

it('keyboard only: a list chooses, the arrows step the unmask from anywhere, Esc leaves the paste', async (page) => {
  // Tab to the frame list.
  await page.focus('#paste');
  await page.keyboard.press('Escape');
  assert.notEqual(await page.evaluate(() => document.activeElement && document.activeElement.id), 'paste', 'Esc leaves the paste box');
  await page.keyboard.press('ArrowRight');
  assert.match(await page.locator('[data-part="unmask"] .count').textContent(), /\b1\b/, 'after Esc, → steps the unmask');
  await page.focus('[data-part="frames"]');
  await page.keyboard.press('ArrowUp');
  await page.waitForSelector('svg.diagram[aria-label^="Frame 0"]');
  await page.keyboard.press('ArrowDown');
  await page.waitForSelector('svg.diagram[aria-label^="Frame 1"]');
  // The list keeps the focus, and ← → Space Home End work from there.
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-part')), 'frames');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.match(await page.locator('[data-part="unmask"] .count').textContent(), /\b2\b/);
  await page.keyboard.press('End');
  assert.equal(await page.evaluate(() => document.querySelector('[data-part="frames"] [aria-selected="true"]')?.getAttribute('data-i')), '1', 'End in the list chooses the last frame');
  await page.keyboard.press('ArrowLeft');
  assert.match(await page.locator('[data-part="unmask"] .count').textContent(), /\b1\b/);
  // From a button, too.
  await page.focus('#copy-link');
  await page.keyboard.press('ArrowRight');
  assert.match(await page.locator('[data-part="unmask"] .count').textContent(), /\b2\b/);
  // j and k, ? for help, p for presentation.
  await page.keyboard.press('k');
  await page.waitForSelector('svg.diagram[aria-label^="Frame 0"]');
  await page.keyboard.press('?');
  assert.ok(await page.locator('#help').isVisible());
  assert.match(await page.locator('#help').textContent(), /presentation/);
  await page.keyboard.press('Escape');
  assert.equal(await page.getAttribute('#help-open', 'aria-label'), 'Help: keyboard and paste forms');
}, { timeout: 90_000 });

it('a close frame: status code with its name and reason as fields, UTF-8 checked on the reason only', async (page) => {
  await page.click('[data-example="close"]');
  await page.waitForSelector('svg.diagram[aria-label^="Frame 0"]');
  const code = page.locator('[data-part="diagram"] .field[data-fields="websocket.payload.close.status_code"]');
  assert.match(await code.getAttribute('aria-label'), /1000 · Normal Closure/);
  assert.match(await page.locator('[data-part="diagram"] .field[data-fields="websocket.payload.close.reason"]').getAttribute('aria-label'), /"Good bye"/);
  await page.mouse.move(0, 0); // the pointer left over the diagram after the click would describe the field under it
  await code.focus();
  assert.match(await page.locator('#field-desc').textContent(), /why the connection closes: 1000, Normal Closure/);
  const payload = await page.locator('#payload').textContent();
  assert.match(payload, /1000 · Normal Closure/);
  assert.match(payload, /Good bye/);
  assert.doesNotMatch(payload, /not valid UTF-8/);
  // A reason that is not UTF-8: the violation points at the reason field.
  await paste(page, '88 04 0f a0 c3 28');
  await page.waitForSelector('[data-violation="close-reason-invalid-utf8"]');
  assert.equal(await page.getAttribute('[data-violation="close-reason-invalid-utf8"]', 'data-target'), 'websocket.payload.close.reason');
}, { timeout: 90_000 });

it('the 64-bit example is a whole frame, its hex view paged', async (page) => {
  await page.click('[data-example="len64"]');
  await page.waitForSelector('svg.diagram[aria-label^="Frame 0"]');
  assert.match(await page.locator('#frame-head').textContent(), /65536 bytes/);
  assert.equal(await page.locator('#violations .violations').count(), 0, 'no violation: the frame is complete');
  assert.match(await page.locator('#violations').textContent(), /No RFC 6455 rule broken/);
  const rows = await page.locator('[data-part="hexview"] .hexrow').count();
  assert.ok(rows <= 32, `${rows} hex rows drawn`);
  assert.match(await page.locator('.hpage-at').textContent(), /page 1 of 129/);
  await page.click('.hpager button:has-text("Last")');
  assert.match(await page.locator('.hpage-at').textContent(), /page 129 of 129/);
  assert.equal(await page.locator('[data-part="hexview"] .hb').last().textContent(), 'ff');
}, { timeout: 90_000 });

it('examples for every question of the article', async (page) => {
  // Each example: the frame it opens on, and that frame's type.
  const want = { binary: [0, /binary/], fragments: [1, /ping/], close: [0, /close/], len16: [0, /binary/], len64: [0, /binary/], socketio: [3, /text/], deflate: [1, /text/], violations: [0, /ping/] };
  for (const [id, [frame, type]] of Object.entries(want)) {
    const before = await page.evaluate(() => document.body.dataset.decodes || '0');
    await page.click(`[data-example="${id}"]`);
    await page.waitForFunction((b) => (document.body.dataset.decodes || '0') !== b, before, { timeout: 20_000 });
    await page.waitForFunction(([f, re]) => document.querySelector('#frame-head h2')?.textContent === `Frame ${f}`
      && new RegExp(re).test(document.querySelector('#frame-head')?.textContent || ''), [frame, type.source], { timeout: 20_000 })
      .catch(() => {});
    assert.match(await page.locator('#frame-head').textContent(), type, id);
  }
  // The fragments: a ping between two fragments, reassembled into one message.
  await page.click('[data-example="fragments"]');
  await page.waitForSelector('svg.diagram[aria-label^="Frame 1"]');
  assert.match(await page.locator('[data-part="messages"]').textContent(), /Hello, world/);
  assert.match(await page.locator('[data-part="frames"] [data-i="1"]').textContent(), /ping/);
  // Socket.IO: the event read as one (issue 13's reading, made by the full program).
  await page.click('[data-example="socketio"]');
  await page.waitForSelector('#message .reading[data-protocol="socket.io"]');
  assert.match(await page.locator('#message .reading').textContent(), /chat message/);
  // Broken rules, explained from the catalog by id with the frame's length.
  await page.click('[data-example="violations"]');
  await page.waitForSelector('[data-violation="control-too-long"]');
  assert.match(await page.locator('[data-violation="control-too-long"]').textContent(), /this one says 126/);
}, { timeout: 120_000 });

it('lists: connection column, flags without strike-through, whole opcode names, go to a packet', async (page) => {
  await openCapture(page, 'f-ws-ws-3conns-any-sll2.pcap');
  const conns = await page.locator('[data-part="frames"] .col-conn').allTextContents();
  assert.ok(new Set(conns.filter(Boolean)).size >= 2, `connection column: ${conns}`);
  assert.ok(await page.locator('.vhead.frames > span:nth-child(4)').isVisible());
  const deco = await page.evaluate(() => [...document.querySelectorAll('.col-flags abbr')].map((a) => getComputedStyle(a).textDecorationLine));
  assert.ok(deco.length && deco.every((d) => d === 'none'), `flags decorated: ${deco}`);
  // Go to a packet: the PKT column's number.
  const pkt = await page.locator('[data-part="frames"] [data-i="5"] .col-pkt').textContent();
  await page.selectOption('#goto-by', 'packet');
  await page.fill('#goto', String(pkt));
  await page.press('#goto', 'Enter');
  await page.waitForSelector('svg.diagram[aria-label^="Frame 5"]');
  // One connection: no connection column.
  await page.click('.conn[data-conn="1"]');
  await page.waitForFunction(() => document.body.dataset.connection === '1');
  assert.ok(await page.locator('.vhead.frames > span:nth-child(4)').isHidden());
  // Whole opcode names.
  await page.click('#mode-paste');
  await page.click('[data-example="fragments"]');
  await page.waitForSelector('svg.diagram[aria-label^="Frame 1"]');
  const cut = await page.evaluate(() => [...document.querySelectorAll('[data-part="frames"] .col-op')].filter((s) => s.scrollWidth > s.clientWidth + 1).map((s) => s.textContent));
  assert.deepEqual(cut, [], 'opcode names cut');
  assert.equal(await page.locator('[data-part="frames"] [data-i="2"] .col-op').textContent(), 'continuation');
}, { timeout: 90_000 });

it('Copy link in a capture carries the frame and its handshake as a paste', async (page) => {
  await openCapture(page, 'b-ws-chromium-deflate-lo4.pcapng');
  await page.locator('[data-part="frames"] [data-i="1"]').click();
  await page.waitForSelector('svg.diagram[aria-label^="Frame 1"]');
  const want = await page.evaluate(async () => (await /** @type {any} */ (window).wsframe.frame(1)).frame.payload);
  await page.click('#copy-link');
  await page.waitForFunction(() => document.body.dataset.copied);
  assert.match(await page.locator('#toast').textContent(), /carries frame 1's bytes as a paste, after the handshake/);
  const url = await page.evaluate(() => document.body.dataset.copied);
  await page.goto('about:blank');
  await page.goto(/** @type {string} */ (url));
  await page.waitForSelector('svg.diagram[aria-label^="Frame 0"]');
  assert.match(await page.inputValue('#paste'), /^GET /);
  assert.match(await page.locator('#handshake').textContent(), /permessage-deflate/);
  const got = await page.evaluate(async () => (await /** @type {any} */ (window).wsframe.frame(0)).frame.payload);
  assert.equal(got, want, 'the same payload, inflated under the same extension');
}, { timeout: 90_000 });
