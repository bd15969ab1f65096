// hint.js: what the page says when a paste decodes to nothing plausible as
// frames (Go decides; see the contract's "hint"), with buttons to show the
// paste as the payload of a text or binary message instead; and the line
// that says a paste is being shown that way, with the way back.

import { h } from './dom.js';

/** @typedef {import('./contract.js').Result} Result */

const STRINGS = {
  offer: { text: 'Show it as a text message', binary: 'Show it as a binary message' },
  shown: (kind) => `Not read as frames: shown as one ${kind} message.`,
  back: 'Read it as frames again',
};

/**
 * The hint box for a result, or null when Go gave none.
 * @param {Result} r @param {(as: string) => void} onOffer
 */
export function hintBox(r, onOffer) {
  const hint = r.hint;
  if (!hint) return null;
  return h('div', { class: 'hint', 'data-part': 'hint', 'data-hint': hint.id },
    h('p', {}, hint.message),
    (hint.offers || []).map((as) => h('button', {
      type: 'button', class: 'button', 'data-action': `as-payload-${as}`, onclick: () => onOffer(as),
    }, STRINGS.offer[as] || as)));
}

/**
 * The line shown while a paste is read as a payload.
 * @param {string} as @param {() => void} onBack
 */
export function payloadLine(as, onBack) {
  return h('div', { class: 'hint shown', 'data-part': 'as-payload' },
    h('p', {}, STRINGS.shown(as)),
    h('button', { type: 'button', class: 'link', 'data-action': 'as-frames', onclick: onBack }, STRINGS.back));
}
