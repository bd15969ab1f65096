// The benches' slow link (link.js) carries every byte, in order, both ways,
// over several connections at once, and ends a connection after its last
// byte: a proxy that reordered its pieces broke TLS (an early version's
// timers did), and one that cut a connection short would stall a visit.
// No browser: plain sockets to an echo server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import crypto from 'node:crypto';
import { slowLink } from './link.js';

/** Sends data through the link to the echo server and reads all it answers. @param {number} port @param {Buffer} data */
function roundTrip(port, data) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    const s = net.connect(port, '127.0.0.1', () => {
      // Written in uneven pieces, as a browser writes requests.
      for (let i = 0, n = 1; i < data.length; i += n, n = (n * 7 + 3) % 40000 + 1) s.write(data.subarray(i, i + n));
      s.end();
    });
    s.on('data', (b) => chunks.push(b));
    s.on('end', () => resolve(Buffer.concat(chunks)));
    s.on('error', reject);
  });
}

test('the slow link carries every byte in order, both ways, over connections at once', async () => {
  const echo = net.createServer({ allowHalfOpen: true }, (s) => { s.pipe(s); });
  await new Promise((r) => echo.listen(0, '127.0.0.1', () => r(undefined)));
  const { port } = /** @type {net.AddressInfo} */ (echo.address());
  // A fast link (so that the test is short) with a round trip, so that
  // pieces wait in its queue and meet Node's timers.
  const link = await slowLink(port, { mbit: 400, rtt: 6 });
  try {
    const sizes = [1, 700, 70_000, 600_000];
    const sent = sizes.map((n) => crypto.randomBytes(n));
    const got = await Promise.all(sent.map((d) => roundTrip(link.port, d)));
    for (let i = 0; i < sizes.length; i++) {
      assert.equal(got[i].length, sizes[i], `connection ${i}: ${got[i].length} bytes back, want ${sizes[i]}`);
      assert.ok(got[i].equals(sent[i]), `connection ${i}: the bytes came back changed or out of order`);
    }
  } finally {
    await link.close();
    await new Promise((r) => echo.close(() => r(undefined)));
  }
});
