// A worker busy for good is replaced (client.js, DEADLINE): past the first
// limit the page offers to stop it, past the second it stops it by itself;
// the error says what took too long, and the paste view works at once on a
// new worker. Out of memory in any call, encode too, reads as out of
// memory. The worker served here is the real one with a wrapper: a decode
// of a text holding HANG never ends (a busy loop, as a decode that will not
// end is), and an encode of a spec holding OOM ends as Go ends when it runs
// out of memory: its fatal error written to stderr, the program gone, the
// call answering nothing. Everything else is the real decoder.
import { suite, assert, paste, SEED_CLIENT, SEED_SERVER } from './harness.js';

const it = suite(import.meta.url);

const HANG = 'HANG-THE-DECODER';
const OOM = 'OOM-THE-DECODER';
const WRAPPER = `
;(() => {
  const real = self.onmessage;
  self.onmessage = (ev) => {
    const d = ev.data || {};
    if (d.op === 'decode' && String((d.args || [])[0]).includes(${JSON.stringify(HANG)})) {
      for (;;) {} // eslint-disable-line no-empty
    }
    return real(ev);
  };
  const realCall = call;
  call = (op, args) => {
    if (op === 'encode' && JSON.stringify(args).includes(${JSON.stringify(OOM)})) {
      self.fs.writeSync(2, new TextEncoder().encode('runtime: out of memory: cannot allocate 4194304-byte block (1073741824 in use)\\nfatal error: out of memory\\n'));
      exited = true;
      self.wsframeGo.encode = () => undefined;
    }
    return realCall(op, args);
  };
})();
`;

/** Serves worker.js with the wrapper appended. */
async function busyWorker(page) {
  await page.route('**/worker.js', async (route) => {
    const res = await route.fetch();
    route.fulfill({ response: res, body: (await res.text()) + WRAPPER });
  });
}

/** Pastes text without waiting for its decode (it never ends). */
async function pasteHanging(page, text) {
  await page.evaluate((t) => {
    const el = /** @type {HTMLTextAreaElement} */ (document.querySelector('#paste'));
    el.value = t;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, text);
}

it('the page states each call\'s deadline', async (page) => {
  const d = await page.evaluate(() => wsframe.deadline);
  assert.ok(d.offer > 0 && d.stop > d.offer, JSON.stringify(d));
  // The seed decodes well inside it: no offer to stop it.
  assert.equal(await page.locator('[data-action=stop-decoder]').count(), 0);
  assert.equal(await page.evaluate(() => wsframe.stops), 0);
});

it('a decode that never ends: the page offers to stop it; stopped, the paste view works at once', async (page) => {
  await page.evaluate(() => wsframe.deadlineForTest({ offer: 600, stop: 60_000 }));
  await pasteHanging(page, `81 00\n${HANG}`);
  await page.waitForSelector('#busy [data-action=stop-decoder]');
  const offer = await page.textContent('#busy');
  assert.match(offer, /working on this paste for 1 s; it stops by itself at 60 s/);
  assert.match(await page.textContent('#engine'), /busy/);
  await page.click('[data-action=stop-decoder]');
  await page.waitForSelector('#paste-error [data-part=stopped]');
  assert.match(await page.textContent('#paste-error'), /The decoder was stopped: this paste took longer than \d+ s/);
  assert.equal(await page.locator('#busy [data-action=stop-decoder]').count(), 0, 'the offer went with the worker');
  assert.equal(await page.evaluate(() => wsframe.stops), 1);
  // A new worker answers the next paste, and the notice goes with it.
  await paste(page, `${SEED_SERVER}\n${SEED_CLIENT}`);
  await page.waitForSelector('svg.diagram[aria-label^="Frame 0"]');
  assert.match(await page.textContent('#messages'), /Good bye\./);
  assert.equal(await page.locator('#paste-error [data-part=stopped]').count(), 0);
}, { setup: busyWorker });

it('past the longer limit the page stops the decoder by itself, and calls queued behind it fail the same way', async (page) => {
  await page.evaluate(() => wsframe.deadlineForTest({ offer: 300, stop: 1500 }));
  await pasteHanging(page, `81 00\n${HANG}`);
  await page.waitForSelector('#busy [data-action=stop-decoder]');
  // A call made while it is busy waits behind it, and is stopped with it.
  const queued = page.evaluate(() => wsframe.frame(0).then(() => 'answered', (e) => e.message));
  await page.waitForSelector('#paste-error [data-part=stopped]', { timeout: 10_000 });
  assert.match(await queued, /decode kept the decoder busy for \d+ s \(it may take 2 s\): it was stopped and a new decoder started/);
  assert.equal(await page.evaluate(() => wsframe.stops), 1);
  await paste(page, SEED_CLIENT);
  await page.waitForSelector('svg.diagram[aria-label^="Frame 0"]');
  assert.match(await page.textContent('#messages'), /Good bye\./);
}, { setup: busyWorker });

it('out of memory in encode reads as out of memory, and the paste view goes on', async (page) => {
  await paste(page, SEED_SERVER);
  const err = await page.evaluate((oom) => wsframe.encode({ text: oom }).then(() => 'built', (e) => e.message), OOM);
  assert.match(err, /^the decoder ran out of memory in encode: /);
  assert.doesNotMatch(err, /not valid JSON/);
  await page.waitForFunction(() => wsframe.crashes === 1);
  // The paste did not do it: it is decoded again on the new worker.
  await page.waitForSelector('svg.diagram[aria-label^="Frame 0"]');
  assert.match(await page.textContent('#messages'), /Hello, world/);
  assert.equal(await page.locator('#paste-error [data-part=crash]').count(), 0);
  await paste(page, SEED_CLIENT);
  assert.match(await page.textContent('#messages'), /Good bye\./);
}, { setup: busyWorker });
