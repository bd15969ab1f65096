// A worker that dies is replaced and the input that killed it is never sent
// again by itself: no crash loop, even from a link. Go's out of memory is a
// fatal error that ends the program; to die on cue, the worker served here
// is the real one with a wrapper that, for a decode of a text holding
// KILL, does what the real one does when Go exits (it answers the request
// with an error and posts {fatal}). Everything else is the real decoder.
import { suite, assert, paste, SEED_CLIENT, SEED_SERVER } from './harness.js';

const it = suite(import.meta.url);

const KILL = 'KILL-THE-DECODER';
const WRAPPER = `
;(() => {
  const real = self.onmessage;
  self.onmessage = (ev) => {
    const d = ev.data || {};
    if (d.op === 'decode' && String((d.args || [])[0]).includes(${JSON.stringify(KILL)})) {
      setTimeout(() => {
        postMessage({ id: d.id, ok: false, error: { message: 'decoder failure in decode: unreachable' } });
        postMessage({ fatal: 'the decoder stopped (the Go program exited)' });
      }, 50);
      return;
    }
    return real(ev);
  };
})();
`;

/** Serves worker.js with the wrapper appended. */
async function deadlyWorker(page) {
  await page.route('**/worker.js', async (route) => {
    const res = await route.fetch();
    route.fulfill({ response: res, body: (await res.text()) + WRAPPER });
  });
}

const workerLoads = (page) => page.rec.requests.filter((u) => u.endsWith('/worker.js')).length;
const link = (text) => `#v=1&t=${encodeURIComponent(text)}`;
const killer = `GET / HTTP/1.1\nX-Note: ${KILL}\n\n81 00`;

it('a link that kills the decoder is not replayed; the seed decodes at once after', async (page) => {
  await page.waitForSelector('#paste-error [data-part=crash]');
  const notice = await page.textContent('#paste-error [data-part=crash]');
  assert.match(notice, /The decoder stopped on this input/);
  assert.match(notice, /was not decoded again/);
  assert.equal(await page.locator('[data-action=retry-smaller]').count(), 1);
  // The paste view works at once, on the new worker.
  await paste(page, `${SEED_SERVER}\n${SEED_CLIENT}`);
  await page.waitForSelector('svg.diagram[aria-label^="Frame 0"]');
  assert.match(await page.textContent('#messages'), /Good bye\./);
  assert.equal(await page.locator('#paste-error [data-part=crash]').count(), 0, 'the notice went with a good decode');
  // So do the examples.
  const before = await page.evaluate(() => document.body.dataset.decodes);
  await page.click('[data-example="rfc6455"]');
  await page.waitForFunction((b) => document.body.dataset.decodes !== b, before);
  assert.match(await page.textContent('#paste-status'), /frames/);
  // One death, one replacement: nothing was sent again.
  await page.waitForTimeout(500);
  assert.equal(await page.evaluate(() => wsframe.crashes), 1);
  assert.equal(workerLoads(page), 2, 'the first worker and its one replacement');
}, { setup: deadlyWorker, hash: link(killer), wait: false });

it('a retry with smaller limits dies once, not in a loop; a reload does not decode the link again', async (page) => {
  await page.waitForSelector('[data-action=retry-smaller]');
  assert.match(await page.textContent('#paste-error'), /inflated messages up to 1 MiB/);
  await page.click('[data-action=retry-smaller]');
  await page.waitForFunction(() => wsframe.crashes === 2);
  await page.waitForSelector('[data-action=retry-smaller]');
  await page.waitForTimeout(500);
  assert.equal(await page.evaluate(() => wsframe.crashes), 2);
  assert.equal(workerLoads(page), 3);
  // The link stopped the decoder: a reload shows it and waits to be asked.
  await page.reload();
  await page.waitForSelector('#paste-error [data-part=link-crashed]');
  assert.equal(await page.inputValue('#paste'), killer);
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => wsframe.crashes), 0, 'the reloaded page decoded nothing');
  await page.click('[data-action=decode-anyway]');
  await page.waitForSelector('#paste-error [data-part=crash]');
  assert.equal(await page.evaluate(() => wsframe.crashes), 1);
  await paste(page, SEED_CLIENT);
  assert.match(await page.textContent('#messages'), /Good bye\./);
}, { setup: deadlyWorker, hash: link(killer), wait: false });

// The attack of issue 8 was a 700 KB handshake of 100,000 folded lines;
// 20,000 (100 KB) are enough to pass the bound and keep the test quick.
const BOMB = `GET / HTTP/1.1\r\nX-Fold: a\r\n${' b\r\n'.repeat(20_000)}\r\n81 00`;

it('a link too big to open says so and decodes nothing', async (page) => {
  await page.waitForSelector('#paste-error [data-part=link-too-big]');
  assert.match(await page.textContent('#paste-error'), /This link carries \d+ KB of input; links open at most 64 KB/);
  assert.equal(await page.inputValue('#paste'), '');
  assert.equal(await page.locator('svg.diagram').count(), 0);
  await paste(page, SEED_CLIENT);
  await page.waitForSelector('svg.diagram[aria-label^="Frame 0"]');
  assert.match(await page.textContent('#messages'), /Good bye\./);
}, { hash: link(BOMB), wait: false });

it('the decoder dying under a shown decode leaves the page working', async (page) => {
  await page.evaluate(() => wsframe.crashForTest());
  await page.waitForSelector('#paste-error [data-part=crash]');
  await paste(page, SEED_SERVER);
  await page.waitForSelector('svg.diagram[aria-label^="Frame 0"]');
  assert.match(await page.textContent('#messages'), /Hello, world/);
  assert.equal(await page.evaluate(() => wsframe.crashes), 1);
});
