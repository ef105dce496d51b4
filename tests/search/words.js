// For tests/test_search_gate.py: the dictionary's words and curated words as search.js decodes d.json.
'use strict';
const fs = require('fs');
const input = JSON.parse(fs.readFileSync(0, 'utf8'));
const data = require(input.script).dictionary(input.d);
process.stdout.write(JSON.stringify({ words: Array.from(data.words), domain: Array.from(data.domain), syn: data.syn, ctx: data.ctx }));
