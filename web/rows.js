// rows.js: the rows of one list (frames or messages) of the last decode, as
// the page sees them: the first ones come with the result, the others are
// fetched from the worker in blocks as the list scrolls to them, and only a
// bounded number of blocks is kept (least recently drawn dropped first), so
// a capture with a million frames never sits whole on the main thread.
// A view may show a subset (one connection): positions then map to row
// indexes through a sorted Int32Array.

export const BLOCK = 200;
const MAX_BLOCKS = 60; // 12,000 rows a list at most
const IN_FLIGHT = 2;

export class RowSource {
  /**
   * @param {(start: number, count: number) => Promise<any[]>} fetch
   * @param {() => void} onLoad called when fetched rows arrive
   */
  constructor(fetch, onLoad) {
    this.fetch = fetch;
    this.onLoad = onLoad;
    this.reset(0, []);
  }

  /** A new result: total rows, the first of them. */
  reset(total, first) {
    this.total = total;
    this.gen = (this.gen || 0) + 1;
    /** @type {Map<number, any[]>} */ this.blocks = new Map();
    /** @type {Set<number>} */ this.loading = new Set();
    /** @type {number[]} */ this.queue = [];
    /** @type {Int32Array|null} */ this.filter = null;
    for (let b = 0; b * BLOCK < first.length; b++) {
      const part = first.slice(b * BLOCK, (b + 1) * BLOCK);
      if (part.length === BLOCK || b * BLOCK + part.length === total) this.blocks.set(b, part);
    }
  }

  /** Shows only the rows listed (sorted indexes), or all when null. @param {Int32Array|null} f */
  setFilter(f) { this.filter = f; }

  /** Rows in the view. */
  get count() { return this.filter ? this.filter.length : this.total; }

  /** Row index at view position pos. */
  indexAt(pos) { return this.filter ? this.filter[pos] : pos; }

  /** View position of row index i, -1 when it is not in the view. */
  positionOf(i) {
    const f = this.filter;
    if (!f) return i >= 0 && i < this.total ? i : -1;
    let lo = 0;
    let hi = f.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (f[mid] === i) return mid;
      if (f[mid] < i) lo = mid + 1; else hi = mid - 1;
    }
    return -1;
  }

  /** Starts a redraw: blocks asked for by an earlier one and not yet sent are forgotten. */
  begin() { this.queue.length = 0; }

  /** The row at view position pos, or undefined (then it is fetched). */
  at(pos) { return this.row(this.indexAt(pos)); }

  /** The row with index i, or undefined (then it is fetched). */
  row(i) {
    const b = Math.floor(i / BLOCK);
    const rows = this.blocks.get(b);
    if (rows) {
      this.blocks.delete(b); // most recently used last
      this.blocks.set(b, rows);
      return rows[i - b * BLOCK];
    }
    if (!this.loading.has(b) && !this.queue.includes(b)) this.queue.push(b);
    this.pump();
    return undefined;
  }

  pump() {
    while (this.loading.size < IN_FLIGHT && this.queue.length) {
      const b = /** @type {number} */ (this.queue.shift());
      const gen = this.gen;
      this.loading.add(b);
      this.fetch(b * BLOCK, BLOCK).then((rows) => {
        if (gen !== this.gen) return;
        this.loading.delete(b);
        this.blocks.set(b, rows);
        while (this.blocks.size > MAX_BLOCKS) this.blocks.delete(/** @type {number} */ (this.blocks.keys().next().value));
        this.pump();
        this.onLoad();
      }, () => {
        if (gen !== this.gen) return;
        this.loading.delete(b);
        this.pump();
      });
    }
  }

  /** Rows held now (for tests and the curious). */
  get held() { let n = 0; for (const r of this.blocks.values()) n += r.length; return n; }
}
