// Runs the text rules of docs/assets/js/search.js in Node for tests/test_search_parity.py.
// Input on stdin: {"script": path, "fold": [...], "texts": [...]}; output: JSON on stdout.
'use strict';
const fs = require('fs');
const input = JSON.parse(fs.readFileSync(0, 'utf8'));
const rules = require(input.script);
rules.setFold(input.fold);
const chars = [];
const word = [];
for (let cp = 0; cp < 0x10000; cp++) {
  if (cp >= 0xD800 && cp <= 0xDFFF) { chars.push(null); word.push(null); continue; }
  chars.push(rules.normalize(String.fromCharCode(cp)));
  word.push(rules.isWordCp(cp) ? 1 : 0);
}
const texts = input.texts.map((t) => {
  const n = rules.normalize(t);
  const keys = n.split(' ').filter(Boolean).map((w) => rules.keysOf(w).map((k) => [k.key, k.offset, rules.hashKey(k.key)]));
  return { n: n, keys: keys };
});
process.stdout.write(JSON.stringify({ chars: chars, word: word, texts: texts }));
