// For tests/test_search_gate.py: does g.json ever call a query plain that the dictionary calls a question?
// Input on stdin: {"script": path, "fold": [...], "d": d.json, "g": g.json, "queries": [...]};
// output: per query {"words": [...], "gate": bool, "plain": bool}.
'use strict';
const fs = require('fs');
const input = JSON.parse(fs.readFileSync(0, 'utf8'));
const rules = require(input.script);
rules.setFold(input.fold);
const data = rules.dictionary(input.d, input.q.split(' '));  // stop words: meta.json's
const gate = (input.q + ' ' + input.g.s).split(' ').filter(Boolean);  // meta.json's stop words, g.json's words
const out = input.queries.map((q) => {
  const words = rules.normalize(q).split(' ').filter(Boolean);
  return { words: words, gate: rules.plainByGate(words, gate), plain: rules.analyse(words, data).plain };
});
process.stdout.write(JSON.stringify(out));
