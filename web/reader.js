// reader.js: reads pieces of a file for the decoder's worker (worker.js),
// on a thread of its own. A Blob's bytes reach the thread that reads them
// only when that thread's event loop runs: read in the decoder's worker,
// the browser's read waited while Go decoded, and a 127 MB capture took
// the read's time plus the decode's, never the two at once (issue 24).
// Here the event loop is always free, so the pieces are read while Go
// decodes the one before, and each is handed over without a copy.
//
// Protocol: worker.js posts {file} once for each file it reads (a Blob
// posted costs the sender a millisecond or more, issue 24), then
// {id, start, end} for each piece of it; this answers {id, bytes} (an
// ArrayBuffer, transferred) or {id, error: message}.
'use strict';

/** The file whose pieces are asked for. @type {Blob|null} */
let file = null;

self.onmessage = async (/** @type {MessageEvent} */ ev) => {
  if (ev.data.file) { file = ev.data.file; return; }
  const { id, start, end } = ev.data;
  try {
    if (!file) throw new Error('no file to read');
    const bytes = await file.slice(start, end).arrayBuffer();
    postMessage({ id, bytes }, [bytes]);
  } catch (e) {
    postMessage({ id, error: String((e && /** @type {any} */ (e).message) || e) });
  }
};
