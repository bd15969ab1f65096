// engine.js: the decoder's worker (client.js) as the page uses it, and the
// line in the top bar that says how it is.

import { Client, publish } from './client.js';
import { beforeAnswer } from './reading.js';
import { fullWords, t } from './i18n.js';
import { ui } from './state.js';
import { onCrash } from './pastemode.js';

/** @type {{state: string, version?: string, message?: string, restarted?: boolean, full?: boolean}} */
let engineStatus = { state: 'loading' };

export const client = new Client({
  // An answer carrying a reading waits for the reading views, the first
  // time; an answer of the full decoder for the words of its sentences.
  beforeAnswer(v) {
    const waits = [beforeAnswer(v), client?.full ? fullWords() : null].filter(Boolean);
    return waits.length ? Promise.all(waits) : null;
  },
  onStatus(st) {
    engineStatus = st;
    showEngine();
    if (st.state === 'crashed') onCrash(st);
  },
});
publish(client);

/** Writes the engine's state in the top bar. */
export function showEngine() {
  const st = engineStatus;
  ui.engine.textContent = st.state === 'ready' ? t(st.full ? 'engine.full' : 'engine.ready', { version: st.version })
    : st.state === 'crashed' ? t(st.restarted ? 'engine.crashed' : 'engine.stopped')
      : t(st.state === 'loading-full' ? 'engine.loading-full' : 'engine.loading');
}
