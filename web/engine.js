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
    const waits = [beforeAnswer(v), client?.full ? fullWords() : null, ...checkWords(v)].filter(Boolean);
    return waits.length ? Promise.all(waits) : null;
  },
  // An error whose sentence's words are not loaded (a rare one of the first program) waits for them.
  beforeError: (e) => wordsFor(e),
  onStatus(st) {
    engineStatus = st;
    showEngine();
    if (st.state === 'crashed') onCrash(st);
    if (st.state === 'slow') slowNotice(busyBox, st, () => client.stopBusy());
    else clearBusy(busyBox);
    if (st.state === 'stopped') onStopped(st);
  },
});
publish(client);

/**
 * The words a pasted handshake's checks need beyond the first load's: a
 * check's sentence inside its params (the problems of an extension header).
 * @param {any} v
 */
function checkWords(v) {
  const checks = (v && v.handshake && v.handshake.checks) || [];
  return checks.flatMap((c) => Object.values(c.params || {}).map((p) => (p && typeof p === 'object' ? wordsFor(p) : null)));
}

/** Writes the engine's state in the top bar. */
export function showEngine() {
  const st = engineStatus;
  ui.engine.textContent = st.state === 'ready' ? t(st.full ? 'engine.full' : 'engine.ready', { version: st.version })
    : st.state === 'crashed' ? t(st.restarted ? 'engine.crashed' : 'engine.stopped')
    : st.state === 'slow' ? t('engine.busy')
      : t(st.state === 'loading-full' ? 'engine.loading-full' : 'engine.loading');
}
