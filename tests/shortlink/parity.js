// Runs docs/assets/js/shortlink.js in Node for tests/test_shortlink.py.
// Input on stdin: {"script": path, "scheme": {...}, "settings": [...], "codes": [...]}; output: JSON on stdout.
'use strict';
const fs = require('fs');
const input = JSON.parse(fs.readFileSync(0, 'utf8'));
const codes = require(input.script);
const encoded = input.settings.map((s) => codes.encode(s, input.scheme));
const queries = input.settings.map((s) => {
  try { return codes.query(s); } catch (e) { return null; }  // a lone surrogate: encodeURIComponent throws
});
const decoded = input.codes.map((c) => codes.decode(c, input.scheme));
const clipped = input.settings.map((s) => codes.clip(s.org, codes.MAX_ORG));
process.stdout.write(JSON.stringify({ encoded: encoded, queries: queries, decoded: decoded, clipped: clipped }));
