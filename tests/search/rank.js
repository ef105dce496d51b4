// Runs the real search rules (docs/assets/js/search-rules.js) in Node over a built search index,
// for tests/test_search_ranking.py and scripts/bench_search.py.
// Input on stdin: {"script": path, "index": the site's search/ folder, "queries": [...], "pages": n,
// "exact": true for the exact search alone};
// output: per query {"mode", "urls" (the first `pages` pages of results, in order), "noAnswer",
// "fallback", "used", "fetched" (bytes of the index files read)}.
'use strict';
const fs = require('fs');
const path = require('path');
const input = JSON.parse(fs.readFileSync(0, 'utf8'));
const R = require(input.script);

function engine(counter) {
  const io = {
    meta: () => JSON.parse(fs.readFileSync(path.join(input.index, 'meta.json'), 'utf8')),
    file: (meta, name, kind) => {
      const data = fs.readFileSync(path.join(input.index, meta.v, name));
      counter.bytes += data.length;
      counter.read.push(meta.v + '/' + name);
      return kind === 'json' ? JSON.parse(data.toString('utf8')) : new Uint8Array(data);
    },
  };
  return new R.Engine(io);
}

async function ask(query) {
  const counter = { bytes: 0, read: [] };
  const session = await engine(counter).search(query, { exact: !!input.exact });
  const urls = [];
  const shares = [];
  const hitsOut = [];
  for (let n = 0; n < (input.pages || 1); n++) {
    const hits = await session.next();
    if (!hits.length) break;
    hits.forEach((h) => { urls.push(h.url); shares.push(h.share); if (input.debug) hitsOut.push([h.page, h.score, h.share, h.cover]); });
  }
  const top = session.top || {};
  return { mode: session.mode, urls: urls, shares: shares, share: top.share, cover: top.cover, noAnswer: session.mode === 'question' && session.noAnswer, unsure: session.mode === 'question' && !!session.unsure,
    signal: session.signal, doubt: session.doubt, fallback: session.fallback, used: session.used ? session.used() : [],
    fetched: counter.bytes, hits: input.debug ? hitsOut : undefined, topics: input.debug ? (session.meta.r || [0]) : undefined, read: input.files ? counter.read : undefined,
    groups: input.debug ? (session.groups || []).map((g, i) => [g.kind, g.alts[0], top.inPassage && top.inPassage[i] ? 1 : top.matched && top.matched[i] ? 0.5 : 0]) : undefined };
}

(async () => {
  const out = [];
  for (const q of input.queries) out.push(await ask(q));
  process.stdout.write(JSON.stringify(out));
})().catch((e) => { process.stderr.write(String(e && e.stack || e)); process.exit(1); });
