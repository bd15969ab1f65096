'use strict';
// What a peer says it sent, at the application level: one JSON list per peer,
// rewritten on every entry so that a peer killed by its timeout leaves a whole file.
// Each entry: {from: "client"|"server", kind, ...values}; the Go test compares the
// values as data with the readings of the captured messages.
const fs = require('fs');

module.exports = function appLog(file, from) {
  const entries = [];
  return {
    add(kind, values) {
      entries.push(Object.assign({ from, kind }, values));
      fs.writeFileSync(file, JSON.stringify(entries, null, 1) + '\n');
    },
  };
};
