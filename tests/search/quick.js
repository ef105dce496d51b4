// For tests/test_search_gate.py: quickFold of every BMP code point (null where search.js needs f.json).
'use strict';
const fs = require('fs');
const input = JSON.parse(fs.readFileSync(0, 'utf8'));
const rules = require(input.script);
const out = [];
for (let cp = 0; cp < 0x10000; cp++) {
  out.push(cp >= 0xD800 && cp <= 0xDFFF ? null : rules.quickFold(String.fromCharCode(cp)));
}
process.stdout.write(JSON.stringify(out));
