// For tests/test_search_rules.py: pieces of search-rules.js on given input.
// Input: {"script", "d": d.json or null, "q": stop words, "analyse": [queries], "forms": [words],
// "find": [[text, word, typed]], "suggest": [queries]}; output: {"analyse": [{groups, plain, singles}],
// "forms": [...], "find": [...], "suggest": [[near words]]}.
'use strict';
const fs = require('fs');
const input = JSON.parse(fs.readFileSync(0, 'utf8'));
const R = require(input.script);
const data = R.dictionary(input.d || {}, (input.q || '').split(' ').filter(Boolean));
process.stdout.write(JSON.stringify({
  analyse: (input.analyse || []).map((q) => {
    const a = R.analyse(R.normalize(q).split(' ').filter(Boolean), data);
    return { plain: a.plain, groups: a.groups.map((g) => ({ alts: g.alts, kind: g.kind, pos: g.pos })),
      singles: a.singles.map((s) => s.alts[0]) };
  }),
  forms: (input.forms || []).map((w) => R.numberForms(R.normalize(w)).alts),
  suggest: (input.suggest || []).map((q) => {
    const words = R.normalize(q).split(' ').filter(Boolean);
    return R.suggestions(words, R.analyse(words, data).groups, data);
  }),
  find: (input.find || []).map(([text, word, typed]) => {
    const f = R.numberForms(typed);
    return R.findIn(text, word, 0, f.bounds);
  }),
}));
