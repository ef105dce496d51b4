// For tests/test_search_index.py: every shard decodes to its end with search-rules.js readShard,
// and each record's page list reads back. Input: {"script", "files": [paths]}; output: per file
// {"records": n, "keys": [...], "pages": {key: [page ids]}}.
'use strict';
const fs = require('fs');
const input = JSON.parse(fs.readFileSync(0, 'utf8'));
const R = require(input.script);
process.stdout.write(JSON.stringify(input.files.map((f) => {
  const recs = R.readShard(new Uint8Array(fs.readFileSync(f)));
  const pages = {};
  Object.keys(recs).forEach((k) => { pages[k] = Array.from(R.postings(recs[k]).keys()); });
  return { records: Object.keys(recs).length, pages: pages };
})));
