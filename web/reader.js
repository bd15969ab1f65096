// reader.js: reads pieces of a file for the decoder's worker (worker.js),
// on a thread of its own. A Blob's bytes reach the thread that reads them
// only when that thread's event loop runs: read in the decoder's worker,
// the browser's read waited while Go decoded, and a 127 MB capture took
// the read's time plus the decode's, never the two at once (issue 24).
// Here the event loop is always free, so the pieces are read while Go
// decodes the one before, and each is handed over without a copy.
//
// Protocol: worker.js posts {id, file, start, end}; this answers
// {id, bytes} (an ArrayBuffer, transferred) or {id, error: message}.
'use strict';

self.onmessage = async (/** @type {MessageEvent} */ ev) => {
  const { id, file, start, end } = ev.data;
  try {
    const bytes = await /** @type {Blob} */ (file).slice(start, end).arrayBuffer();
    postMessage({ id, bytes }, [bytes]);
  } catch (e) {
    postMessage({ id, error: String((e && /** @type {any} */ (e).message) || e) });
  }
};
