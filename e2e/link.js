// link.js: a slow network link for the benches, made of sockets rather than
// Chromium's network emulation (Network.emulateNetworkConditions), which
// stalls a visit now and then for about 40 s when visits follow one another
// (README, issue 24: the responses had all been sent; Chromium held them).
// A TCP proxy on 127.0.0.1 in front of a server: every byte of each
// direction, over all its connections, goes through one queue at the
// link's rate, then arrives half the round trip later, as on a real
// bottleneck; a connection whose bytes wait beyond a small buffer is
// paused, so that a sender sees the link's pace (TCP's back-pressure, which
// HTTP/2's priorities and flow control act on).

import net from 'node:net';

/** Bytes sent as one piece: about 6.5 ms at 20 Mbit/s. */
const PIECE = 16 * 1024;
/** Bytes a direction holds before it pauses the sender: a link's buffer. */
const BUFFER = 64 * 1024;

/**
 * One direction of the link: pieces leave one after another at the rate and
 * arrive delay ms later. @param {number} bytesPerMs @param {number} delay
 */
function direction(bytesPerMs, delay) {
  let free = 0; // when the link has sent everything queued so far
  /** What arrives when, in order of arrival (times never decrease). @type {{at: number, run: () => void}[]} */
  const queue = [];
  let head = 0;
  /** @type {NodeJS.Timeout|null} */
  let timer = null;
  // One timer for the queue's head: Node's timers of different lengths
  // may fire out of the order they are due in, which would reorder bytes.
  const drain = () => {
    timer = null;
    const now = performance.now();
    while (head < queue.length && queue[head].at <= now + 0.5) queue[head++].run();
    if (head === queue.length) { queue.length = 0; head = 0; return; }
    timer = setTimeout(drain, queue[head].at - now);
  };
  /** @param {number} at @param {() => void} run */
  const at = (at, run) => {
    queue.push({ at, run });
    if (!timer) timer = setTimeout(drain, at - performance.now());
  };
  return {
    /**
     * Sends buf from one socket to another, in pieces; calls done once
     * the pieces have all arrived. @param {Buffer} buf @param {(b: Buffer) => void} deliver @param {() => void} done
     */
    send(buf, deliver, done) {
      for (let i = 0; i < buf.length; i += PIECE) {
        const piece = buf.subarray(i, i + PIECE);
        free = Math.max(free, performance.now()) + piece.length / bytesPerMs;
        at(free + delay, () => deliver(piece));
      }
      at(Math.max(free, performance.now()) + delay, done);
    },
  };
}

/**
 * Starts a proxy to port on 127.0.0.1 that behaves as a link of mbit Mbit/s
 * each way with rtt ms of round trip; resolves to {port, close}.
 * @param {number} port @param {{mbit: number, rtt: number}} link
 * @returns {Promise<{port: number, close: () => Promise<void>}>}
 */
export function slowLink(port, { mbit, rtt }) {
  const rate = (mbit * 1e6) / 8 / 1000;
  const down = direction(rate, rtt / 2);
  const up = direction(rate, rtt / 2);
  /** @type {Set<net.Socket>} */
  const open = new Set();
  /**
   * Carries from's bytes to to over dir, in order, pausing from while its
   * bytes in flight exceed the buffer. @param {net.Socket} from @param {net.Socket} to @param {ReturnType<typeof direction>} dir
   */
  const carry = (from, to, dir) => {
    let inFlight = 0;
    from.on('data', (buf) => {
      inFlight += buf.length;
      if (inFlight > BUFFER) from.pause();
      dir.send(buf, (piece) => { if (!to.destroyed) to.write(piece); }, () => {
        inFlight -= buf.length;
        if (inFlight <= BUFFER) from.resume();
      });
    });
    from.on('end', () => dir.send(Buffer.alloc(0), () => {}, () => to.end()));
    from.on('error', () => to.destroy());
    from.on('close', () => open.delete(from));
  };
  // Half-open allowed: each direction ends when its own sender ends.
  const proxy = net.createServer({ allowHalfOpen: true }, (client) => {
    const server = net.connect({ port, host: '127.0.0.1', allowHalfOpen: true });
    open.add(client).add(server);
    client.setNoDelay(true);
    server.setNoDelay(true);
    carry(client, server, up);
    carry(server, client, down);
  });
  return new Promise((resolve) => {
    proxy.listen(0, '127.0.0.1', () => {
      const { port: p } = /** @type {net.AddressInfo} */ (proxy.address());
      resolve({
        port: p,
        close: () => new Promise((r) => { for (const s of open) s.destroy(); proxy.close(() => r()); }),
      });
    });
  });
}
