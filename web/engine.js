// engine.js: the decoder's worker (client.js) as the page uses it, and the
// line in the top bar that says how it is (with, past a call's deadline,
// the offer to stop it: busy.js).

import { Client, publish } from './client.js';
import { beforeAnswer } from './reading.js';
import { fullWords, t, wordsFor } from './i18n.js';
import { ui } from './state.js';
import { onCrash, onStopped } from './pastemode.js';
import { h } from './dom.js';
import { clearBusy, slowNotice } from './busy.js';

/** @type {{state: string, version?: string, message?: string, restarted?: boolean, full?: boolean}} */
let engineStatus = { state: 'loading' };

/** Where the page offers to stop a decoder busy past its deadline (busy.js). */
const busyBox = h('span', { id: 'busy', class: 'busy', role: 'status', hidden: true });
ui.engine.after(busyBox);

export const client = new Client({
  // An answer carrying a reading waits for the reading views, the first
  // time; an answer of the full decoder for the words of its sentences.
  beforeAnswer(v) {
    // A pasted handshake's extension problems too (their words are the full program's).
    const waits = [beforeAnswer(v), client?.full ? fullWords() : null, ...(v?.handshake?.checks || []).map((c) => wordsFor(c.params?.problems_text))].filter(Boolean);
    return waits.length ? Promise.all(waits) : null;
  },
  // So does an error, and a crash, whose words are not loaded.
  beforeError: wordsFor,
  onStatus(st) {
    engineStatus = st;
    // The full program is running: its words now, not on its first answer's path.
    if (st.full) fullWords()?.catch(() => {}); // tried again on the answer
    showEngine();
    const words = wordsFor(st.said);
    if (st.state === 'crashed') { if (words) words.then(() => onCrash(st)); else onCrash(st); }
    if (st.state === 'slow') slowNotice(busyBox, st, () => client.stopBusy());
    else clearBusy(busyBox);
    if (st.state === 'stopped') onStopped(st);
  },
});
publish(client);

/** Writes the engine's state in the top bar. */
export function showEngine() {
  const st = engineStatus;
  ui.engine.textContent = st.state === 'ready' ? t(st.full ? 'engine.full' : 'engine.ready', { version: st.version })
    : st.state === 'crashed' ? t(st.restarted ? 'engine.crashed' : 'engine.stopped')
    : st.state === 'slow' ? t('engine.busy')
      : t(st.state === 'loading-full' ? 'engine.loading-full' : 'engine.loading');
}
