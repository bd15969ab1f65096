'use strict';
// Merge per-side sent logs into one NAME.sent.json.
// usage: node merge_logs.js OUT.json SIDE1.json [SIDE2.json ...]
// Each side's own order is kept exactly (k-way merge on t_ns, never a re-sort within a
// side); t_ns is then dropped. Keys are written in a fixed order.
const fs = require('fs');
const [out, ...ins] = process.argv.slice(2);
const sides = ins.map((f) => JSON.parse(fs.readFileSync(f, 'utf8')));
const idx = sides.map(() => 0);
const merged = [];
for (;;) {
  let best = -1;
  for (let s = 0; s < sides.length; s++) {
    if (idx[s] >= sides[s].length) continue;
    if (best < 0 || sides[s][idx[s]].t_ns < sides[best][idx[best]].t_ns) best = s;
  }
  if (best < 0) break;
  merged.push(sides[best][idx[best]++]);
}
const order = ['from', 'conn', 'type', 'data_hex', 'text', 'close_code', 'close_reason'];
const clean = merged.map((e) => {
  const o = {};
  for (const k of order) if (k in e) o[k] = e[k];
  for (const k of Object.keys(e)) if (!(k in o) && k !== 't_ns') o[k] = e[k];
  return o;
});
fs.writeFileSync(out, '[\n' + clean.map((e) => ' ' + JSON.stringify(e)).join(',\n') + '\n]\n');
console.error(`${out}: ${clean.length} entries`);
