'use strict';
// Replace the data_hex of sent-log entries over 4 KiB by their SHA-256 and length, so the
// TLS scenarios' logs stay small (the tests compare the decoded message's hash).
// usage: node shrink_sent.js NAME.sent.json   (rewritten in place)
const fs = require('fs');
const crypto = require('crypto');
const file = process.argv[2];
const a = JSON.parse(fs.readFileSync(file, 'utf8'));
for (const e of a) {
  if (!e.data_hex || e.data_hex.length <= 8192) continue;
  const b = Buffer.from(e.data_hex, 'hex');
  delete e.data_hex;
  e.data_sha256 = crypto.createHash('sha256').update(b).digest('hex');
  e.length = b.length;
}
fs.writeFileSync(file, '[\n' + a.map((e) => ' ' + JSON.stringify(e)).join(',\n') + '\n]\n');
