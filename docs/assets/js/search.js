/* Site search (the browser half of xiaobao/search; the Python half is xiaobao/search/query.py).
 *
 * Plain ES2017, no WebAssembly, no Intl.Segmenter: it must run on old phones.
 * Steps: normalise the query like xiaobao/search/text.py; look up each word's bigram keys in the
 * few shards that hold them; intersect the posting lists; fetch one short text block per candidate
 * page and keep the page only if the word really occurs there (exact substring). The rules in
 * normalize / isWordCp / keysOf / hashKey / readShard must stay identical to the Python side
 * (tests/test_search_parity.py runs them in Node).
 *
 * Two modes. Exact: a query of the site's own words (no question word or particle, no everyday
 * word from synonyms.yml) lists every page holding all its words, and no other, as it always did.
 * Question: otherwise, or when nothing holds the words as written, the query is cut into words
 * with the dictionary of d.json, question words dropped, synonyms added, and pages are ranked:
 * most words first, title and headings above body text, rare words above common ones, a passage
 * holding them all above scattered ones, education pages above campaigns.
 *
 * A first visit stays light: a plain query of common characters fetches neither the dictionary
 * (d.json) nor the folding table (f.json): the stop words in meta.json and the everyday words in
 * g.json show that no question word or synonym occurs in it (xiaobao/search/dictionary.py
 * query_files). A query holding a stop word goes straight to d.json.
 */
(function () {
  'use strict';

  var PAGE_SIZE = 10;
  var MAX_WORD = 200;
  var NON_WORD = [[0xA0, 0xBF], [0xD7, 0xD7], [0xF7, 0xF7], [0x2000, 0x206F], [0x2190, 0x2BFF],
    [0x3000, 0x303F], [0xFE10, 0xFE1F], [0xFE30, 0xFE6F], [0xFF00, 0xFF0F], [0xFF1A, 0xFF20],
    [0xFF3B, 0xFF40], [0xFF5B, 0xFF65]];
  // White space, listed (xiaobao/search/fold.py WHITESPACE): not the runtime's \s, which differs.
  var WHITESPACE = '\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006' +
    '\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';
  var WS_RUN = new RegExp('[' + WHITESPACE + ']+', 'g');
  var foldTable = null;
  // Punctuation a Chinese input method types that folding leaves as it is (checked against fold.json
  // by tests/test_search_parity.py, like the rest of quickFold).
  var QUICK_PUNCT = '\u3001\u3002\u3008\u3009\u300a\u300b\u300c\u300d\u300e\u300f\u3010\u3011' +
    '\u3014\u3015\u3016\u3017\u2014\u2018\u2019\u201c\u201d\u00b7';

  // ---------- text rules (mirror of xiaobao/search/text.py) ----------

  // Folding without the table, for the characters nearly every query is made of: ASCII, CJK
  // ideographs, full-width forms, common Chinese punctuation and white space. null: ask the table.
  function quickFold(ch) {
    var cp = ch.charCodeAt(0);
    if (cp < 0x80) return cp >= 65 && cp <= 90 ? String.fromCharCode(cp + 32) : ch;
    if (cp >= 0xFF01 && cp <= 0xFF5E) return quickFold(String.fromCharCode(cp - 0xFEE0));
    if ((cp >= 0x4E00 && cp <= 0x9FFF) || QUICK_PUNCT.indexOf(ch) >= 0 || WHITESPACE.indexOf(ch) >= 0) return ch;
    return null;
  }

  // Does this text need the folding table (f.json) to be normalised exactly?
  function needsTable(s) {
    if (foldTable) return false;
    for (var i = 0; i < s.length; i++) if (quickFold(s[i]) === null) return true;
    return false;
  }

  // The folding table (xiaobao/search/fold.json, sent as f.json): code point -> folded text.
  function setFold(entries) {
    var table = {};
    var pos = 0;
    entries.forEach(function (e) {
      var eq = e.indexOf('=');
      var comma = e.indexOf(',');
      if (eq >= 0 && (comma < 0 || eq < comma)) {
        var cp = pos + parseInt(e.slice(0, eq), 36);
        table[String.fromCharCode(cp)] = e.slice(eq + 1);
        pos = cp + 1;
        return;
      }
      var f = e.split(',');
      var start = pos + parseInt(f[0], 36);
      var count = parseInt(f[1], 36);
      var step = parseInt(f[2], 10);
      var delta = parseInt(f[3], 36);
      for (var i = 0; i < count; i++) {
        var c = start + i * step;
        table[String.fromCharCode(c)] = String.fromCharCode(c + delta);
      }
      pos = start + (count - 1) * step + 1;
    });
    foldTable = table;
  }

  // Folded character by character (NFKC and lower case: quickFold, else the table), white space
  // runs become one space, trimmed. Exact when needsTable(s) is false; otherwise, before the table
  // arrives (to compare queries, to find query words in a title), lower case stands in.
  function normalize(s) {
    var out = '';
    for (var i = 0; i < s.length; i++) {
      var f = quickFold(s[i]);
      if (f === null) f = foldTable ? foldTable[s[i]] : s[i].toLowerCase();
      out += f === undefined ? s[i] : f;
    }
    return out.replace(WS_RUN, ' ').replace(/^ +| +$/g, '');
  }

  function isWordCp(cp) {
    if (cp > 0xFFFF) return false;  // the index works on UTF-16 units, as in text.py
    if (cp < 0x80) {
      return (cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122);
    }
    for (var i = 0; i < NON_WORD.length; i++) {
      if (cp >= NON_WORD[i][0] && cp <= NON_WORD[i][1]) return false;
    }
    return WHITESPACE.indexOf(String.fromCharCode(cp)) < 0;
  }

  // Keys looked up for one word: one-character runs, and non-overlapping bigrams covering longer
  // runs (the last one may overlap). Each key keeps its offset in the word.
  function keysOf(word) {
    var chars = Array.from(word);
    var keys = [];
    var seen = {};
    function add(key, offset) {
      if (!seen.hasOwnProperty(key)) { seen[key] = 1; keys.push({ key: key, offset: offset }); }
    }
    var i = 0;
    while (i < chars.length) {
      if (!isWordCp(chars[i].codePointAt(0))) { i++; continue; }
      var start = i;
      while (i < chars.length && isWordCp(chars[i].codePointAt(0))) i++;
      var run = chars.slice(start, i);
      if (run.length === 1) add(run[0], start);
      var at = [];
      for (var j = 0; j < run.length - 1; j += 2) at.push(j);
      if (run.length > 1 && at[at.length - 1] !== run.length - 2) at.push(run.length - 2);
      for (var k = 0; k < at.length; k++) add(run[at[k]] + run[at[k] + 1], start + at[k]);
    }
    return keys;
  }

  // A word is answered exactly by the index alone when it is one key and nothing else.
  function indexIsExact(word) {
    var chars = Array.from(word);
    return chars.length <= 2 && chars.every(function (c) { return isWordCp(c.codePointAt(0)); });
  }

  function hashKey(key) {
    var h = 0x811C9DC5;
    var chars = Array.from(key);
    for (var i = 0; i < chars.length; i++) {
      h = Math.imul(h ^ chars[i].codePointAt(0), 16777619) >>> 0;
    }
    return h;
  }

  // Plain for sure, without the dictionary: no stop word and no everyday word of synonyms.yml
  // occurs anywhere in the words (g.json). Only those make analyse() call a query a question, and
  // every token it cuts is a piece of a word, so this never calls a question plain; a query it
  // cannot clear goes through the dictionary as before.
  function plainByGate(words, gate) {
    return words.every(function (w) {
      return !gate.some(function (g) { return w.indexOf(g) >= 0; });
    });
  }

  if (typeof document === 'undefined') {  // Node: the text rules, for tests/test_search_parity.py
    if (typeof module === 'object' && module.exports) {
      module.exports = { setFold: setFold, normalize: normalize, quickFold: quickFold, isWordCp: isWordCp,
        keysOf: keysOf, hashKey: hashKey, plainByGate: plainByGate, dictionary: dictionary, analyse: analyse };
      // (dictionary and analyse are declared further down: function declarations are hoisted.)
    }
    return;
  }

  var box = document.querySelector('[data-xb-search]');
  if (!box || !window.fetch || !window.Promise || !window.Uint8Array || !Array.from || !window.Set || !window.Map) return;

  var root = (box.getAttribute('data-xb-root') || '.').replace(/\/$/, '');
  var input = box.querySelector('.xb-search__input');
  var form = box.querySelector('.xb-search__form');
  var panel = box.querySelector('.xb-search__panel');
  var statusEl = box.querySelector('.xb-search__status');
  var list = box.querySelector('.xb-search__results');
  var more = box.querySelector('.xb-search__more');
  var toggle = box.querySelector('.xb-search__toggle');
  var closeBtn = box.querySelector('.xb-search__close');

  // ---------- index files (format: xiaobao/search/codec.py) ----------

  var metaPromise = null;
  var shardCache = {};
  var blockCache = {};

  function getJSON(url, opts) {
    return fetch(url, opts).then(function (r) {
      if (!r.ok) throw new Error(r.status + ' ' + url);
      return r.json();
    });
  }

  function loadMeta() {
    if (!metaPromise) {
      metaPromise = getJSON(root + '/search/meta.json', { cache: 'no-cache' });
      metaPromise.catch(function () { metaPromise = null; });
    }
    return metaPromise;
  }

  function Reader(bytes, pos) { this.b = bytes; this.p = pos || 0; }
  Reader.prototype.varint = function () {
    var value = 0;
    var scale = 1;
    for (;;) {
      var byte = this.b[this.p++];
      value += (byte & 0x7F) * scale;
      if (byte < 0x80) return value;
      scale *= 128;
    }
  };

  function readShard(bytes) {
    var records = {};
    var r = new Reader(bytes);
    while (r.p < bytes.length) {
      var n = r.varint();
      var key = '';
      for (var i = 0; i < n; i++) key += String.fromCodePoint(r.varint());
      var flags = bytes[r.p++];
      var size = r.varint();
      var content = bytes.subarray(r.p, r.p + size);
      r.p += size;
      var titles = null;
      if (flags & 2) {
        size = r.varint();
        titles = bytes.subarray(r.p, r.p + size);
        r.p += size;
      }
      records[key] = { bitmap: !!(flags & 1), content: content, titles: titles };
    }
    return records;
  }

  function loadShard(meta, shard) {
    var url = root + '/search/' + meta.v + '/s/' + shard + '.bin';
    if (!shardCache[url]) {
      shardCache[url] = fetch(url).then(function (r) {
        if (!r.ok) throw new Error(r.status + ' ' + url);
        return r.arrayBuffer();
      }).then(function (buf) { return readShard(new Uint8Array(buf)); });
      shardCache[url].catch(function () { delete shardCache[url]; });
    }
    return shardCache[url];
  }

  function loadBlock(meta, page, i) {
    var url = root + '/search/' + meta.v + '/b/' + Math.floor(page / 100) + '/' + page + '-' + i + '.json';
    if (!blockCache[url]) {
      blockCache[url] = getJSON(url);
      blockCache[url].catch(function () { delete blockCache[url]; });
    }
    return blockCache[url];
  }

  // page id -> block of the key's first occurrence (null: unknown) for one record
  function postings(rec) {
    var out = new Map();
    var r = new Reader(rec.content);
    if (rec.bitmap) {
      var size = r.varint();
      var start = r.p;
      r.p += size;
      for (var i = 0; i < size; i++) {
        var byte = rec.content[start + i];
        for (var b = 0; byte && b < 8; b++) {
          if (byte >> b & 1) out.set(i * 8 + b, r.p < rec.content.length ? r.varint() : null);
        }
      }
    } else {
      var page = 0;
      while (r.p < rec.content.length) {
        page += r.varint();
        out.set(page, r.varint());
      }
    }
    return out;
  }

  function titleIds(rec) {
    var out = new Set();
    if (!rec.titles) return out;
    var r = new Reader(rec.titles);
    var page = 0;
    while (r.p < rec.titles.length) { page += r.varint(); out.add(page); }
    return out;
  }

  // For one word: Map page -> first block where it can start, and the pages whose title has it.
  // An occurrence starts no earlier than each key's first block (minus one for keys inside the word).
  function candidates(meta, word) {
    var keys = keysOf(word);
    return Promise.all(keys.map(function (k) {
      return loadShard(meta, hashKey(k.key) % meta.k).then(function (recs) { return recs[k.key] || null; });
    })).then(function (recs) {
      var pages = null;
      var titles = null;
      for (var i = 0; i < recs.length; i++) {
        if (!recs[i]) return { pages: new Map(), titles: new Set() };
        var found = postings(recs[i]);
        var next = new Map();
        var back = keys[i].offset ? 1 : 0;
        (pages || found).forEach(function (value, page) {
          if (!found.has(page)) return;
          var first = found.get(page);
          var here = first === null ? 0 : Math.max(first - back, 0);
          next.set(page, pages ? Math.max(value, here) : here);
        });
        pages = next;
        var ids = titleIds(recs[i]);
        titles = titles ? new Set(Array.from(titles).filter(function (p) { return ids.has(p); })) : ids;
      }
      return { pages: pages || new Map(), titles: titles || new Set() };
    });
  }

  // The exactness check: reads blocks from `start` on; resolves to {block, text, pos} or null.
  function locate(meta, page, word, start) {
    var long = Array.from(word).length > meta.o + 1;
    function attempt(at) {
      return loadBlock(meta, page, at).then(function (block) {
        var more = long && at + 1 < block.n ? loadBlock(meta, page, at + 1) : Promise.resolve(null);
        return more.then(function (next) {
          var text = next ? block.x.slice(0, block.b) + next.x : block.x;
          var pos = text.indexOf(word);
          if (pos >= 0) return { block: block, text: text, pos: pos };
          return at + 1 < block.n ? attempt(at + 1) : null;
        });
      });
    }
    return attempt(start);
  }

  // ---------- query understanding (dictionary from xiaobao/search/dictionary.py) ----------

  var dataPromise = null;
  var foldPromise = null;
  var gatePromise = null;

  function loadFold(meta) {
    if (!foldPromise) {
      foldPromise = getJSON(root + '/search/' + meta.v + '/f.json').then(setFold);
      foldPromise.catch(function () { foldPromise = null; });
    }
    return foldPromise;
  }

  function stopWords(meta) { return (meta.q || '').split(' ').filter(Boolean); }

  function loadGate(meta) {
    if (!gatePromise) {
      gatePromise = getJSON(root + '/search/' + meta.v + '/g.json').then(function (g) {
        return stopWords(meta).concat(g.s.split(' ').filter(Boolean));
      }, function () { return null; });  // no gate: the dictionary decides, as before
    }
    return gatePromise;
  }

  // The dictionary, and with it the query's word groups: fetched only once a query needs them.
  function withData(st) {
    return loadData(st.meta).then(function (data) {
      var a = analyse(st.words, data);
      st.data = data;
      st.groups = a.groups;
      return a;
    });
  }

  function loadData(meta) {
    if (!dataPromise) {
      dataPromise = getJSON(root + '/search/' + meta.v + '/d.json').then(dictionary, function () {
        return { words: new Set(), longest: 1, syn: {}, stop: new Set(), topics: [], hotlines: [], domain: new Set() };
      });
    }
    return dataPromise;
  }

  // d.json's word list is front-coded (xiaobao/search/dictionary.py front_coded): each entry starts
  // with how many UTF-16 units it shares with the word before, as a digit, or as a letter a-j for
  // a curated word.
  function dictionary(d) {
    var words = new Set();
    var domain = new Set();
    var prev = '';
    (d.w ? d.w.split(' ') : []).forEach(function (entry) {
      var code = entry.charCodeAt(0);
      var curated = code >= 97;
      var word = prev.slice(0, code - (curated ? 97 : 48)) + entry.slice(1);
      words.add(word);
      if (curated) domain.add(word);
      prev = word;
    });
    var longest = 1;
    words.forEach(function (w) { longest = Math.max(longest, Array.from(w).length); });
    Object.keys(d.s).forEach(function (w) { words.add(w); longest = Math.max(longest, Array.from(w).length); });
    return { words: words, longest: longest, syn: d.s, stop: new Set(d.q.split(' ')), topics: d.t, hotlines: d.h,
      domain: domain };
  }

  function isLatin(c) { return /^[a-z0-9]$/.test(c); }

  // Maximum matching on the dictionary, forward and backward; the cut with fewer unknown
  // characters, then fewer pieces, then fewer single characters wins (backward on a tie).
  // Returns tokens {t, stop, unknown}. A run of Latin letters and digits the dictionary does not
  // hold is kept when it is a known word or a number of three digits or more. Characters the
  // dictionary does not know stay together as one token (with a one-character particle beside
  // before them: 会员制 is not 会 + 员制), and are dropped when alone.
  function segment(word, data) {
    var out = [];
    var chars = Array.from(word);
    var i = 0;
    while (i < chars.length) {
      if (!isWordCp(chars[i].codePointAt(0))) { i++; continue; }
      var j = i;
      while (j < chars.length && isWordCp(chars[j].codePointAt(0))) j++;
      out = out.concat(bestCut(chars.slice(i, j), data));
      i = j;
    }
    return out;
  }

  function bestCut(chars, data) {
    var fwd = tidy(cut(chars, data, false));
    var bwd = tidy(cut(chars, data, true));
    function cost(p) {
      var unknown = 0;
      var singles = 0;
      p.forEach(function (x) { if (x.unknown) unknown += Array.from(x.t).length; else if (Array.from(x.t).length === 1) singles++; });
      return [unknown, p.length, singles];
    }
    var a = cost(fwd);
    var b = cost(bwd);
    var best = bwd;
    for (var k = 0; k < 3; k++) if (a[k] !== b[k]) { best = a[k] < b[k] ? fwd : bwd; break; }
    return best.filter(function (x) {
      return !x.unknown || (isLatin(Array.from(x.t)[0]) ? /^[0-9]{3,}$/.test(x.t) : Array.from(x.t).length > 1);
    });
  }

  // Pieces in reading order, each a dictionary word, a particle, a Latin run or one unknown character.
  function cut(chars, data, backward) {
    var pieces = [];
    var i = backward ? chars.length : 0;
    while (backward ? i > 0 : i < chars.length) {
      var hit = null;
      var room = backward ? i : chars.length - i;
      for (var n = Math.min(data.longest, room); n >= 1 && !hit; n--) {
        var sub = (backward ? chars.slice(i - n, i) : chars.slice(i, i + n)).join('');
        if (n > 1 && (data.words.has(sub) || data.syn[sub])) hit = { t: sub, n: n };
        else if (data.stop.has(sub)) hit = { t: sub, stop: true, n: n };
      }
      var c = chars[backward ? i - 1 : i];
      if (!hit && isLatin(c)) {  // the whole Latin run, as one piece
        var k = backward ? i - 1 : i;
        while (backward ? k > 0 && isLatin(chars[k - 1]) : k + 1 < chars.length && isLatin(chars[k + 1])) k += backward ? -1 : 1;
        var latin = backward ? chars.slice(k, i).join('') : chars.slice(i, k + 1).join('');
        var known = data.words.has(latin) || data.syn[latin];
        hit = { t: latin, n: Array.from(latin).length, unknown: !known, latin: true };
      }
      if (!hit) hit = { t: c, n: 1, unknown: true };
      pieces.push(hit);
      i += backward ? -hit.n : hit.n;
    }
    if (backward) pieces.reverse();
    return pieces;
  }

  // Join unknown characters into runs, with a one-character particle just before them.
  function tidy(pieces) {
    var out = [];
    pieces.forEach(function (p, k) {
      var next = pieces[k + 1];
      var prev = out[out.length - 1];
      var opens = p.stop && Array.from(p.t).length === 1 && next && next.unknown && !next.latin;
      if (p.unknown && !p.latin && prev && prev.unknown && !prev.latin) prev.t += p.t;
      else if (opens) out.push({ t: p.t, unknown: true });
      else out.push({ t: p.t, stop: !!p.stop, unknown: !!p.unknown, latin: !!p.latin });
    });
    return out;
  }

  // The words of a query, and the groups of alternatives to match: each remaining word with its
  // synonyms. `plain`: no question word, particle or everyday synonym, so the words are the site's
  // own and today's exact search answers it.
  function analyse(words, data) {
    var groups = [];
    var plain = true;
    var seen = {};
    // Weight of a word: the curated words (lexicon, synonyms, topic names) say what a question is
    // about; other dictionary words count less, runs of characters the dictionary lacks least.
    function add(word, unknown) {
      if (seen[word]) return;
      var alts = [word];
      (data.syn[word] || []).forEach(function (t) { if (alts.indexOf(t) < 0) alts.push(t); });
      alts.forEach(function (a) { seen[a] = 1; });
      alts.weight = unknown ? 0.3 : alts.some(function (a) { return data.domain.has(a); }) ? 2 : 1;
      groups.push(alts);
    }
    words.forEach(function (w) {
      if (data.syn[w]) { plain = false; add(w); return; }
      var toks = segment(w, data);
      toks.forEach(function (t) {
        if (t.stop) plain = false;
        else { if (data.syn[t.t]) plain = false; add(t.t, t.unknown && toks.length > 1); }
      });
    });
    groups = groups.filter(function (g) { return g.some(function (a) { return keysOf(a).length; }); });
    return { groups: groups, plain: plain };
  }

  function editDistance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var prev = [];
    for (var j = 0; j <= b.length; j++) prev.push(j);
    for (var i = 1; i <= a.length; i++) {
      var cur = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        cur.push(Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
        best = Math.min(best, cur[j]);
      }
      if (best > limit) return limit + 1;
      prev = cur;
    }
    return prev[b.length];
  }

  // Words the site knows that are close to what was typed: synonyms first, then the dictionary
  // words at the smallest edit distance (one change for short words, two for longer ones).
  function suggestions(words, groups, data) {
    var out = [];
    function push(w) { if (out.indexOf(w) < 0 && words.indexOf(w) < 0 && out.length < 6) out.push(w); }
    groups.forEach(function (g) { g.slice(1).forEach(push); });
    words.forEach(function (w) {
      var chars = Array.from(w);
      var limit = chars.length <= 3 ? 1 : 2;
      var near = [];
      data.words.forEach(function (d) {
        var dc = Array.from(d);
        if (dc.length < 2 || (dc.length < 3 && /^[a-z0-9]+$/.test(d))) return;
        var dist = editDistance(chars, dc, limit);
        var shares = dc.some(function (c) { return chars.indexOf(c) >= 0; });
        if (dist <= limit && shares) near.push({ w: d, d: dist });
        else if (chars.length > 2 && dc.length >= 2 && w.indexOf(d) >= 0) near.push({ w: d, d: limit + 0.5 });
      });
      near.sort(function (a, b) { return a.d - b.d || Array.from(b.w).length - Array.from(a.w).length || (a.w < b.w ? -1 : 1); });
      near.slice(0, 4).forEach(function (n) { push(data.syn[n.w] ? data.syn[n.w][0] : n.w); });
    });
    return out;
  }

  // ---------- search state ----------

  var token = 0;
  var state = null;
  var FETCH = PAGE_SIZE;  // candidates verified per round in question mode

  function search(query) {
    var mine = ++token;
    if (!normalize(query)) { reset(); return; }
    showStatus('正在搜索……');
    loadMeta().then(function (meta) {
      return (needsTable(query) ? loadFold(meta) : Promise.resolve()).then(function () {
        var words = normalize(query).split(' ').filter(Boolean);  // exact now
        if (words.some(function (w) { return Array.from(w).length > MAX_WORD; })) {
          render(mine, { words: words, order: [], pos: 0, found: 0, exact: true, marks: words }, []);
          return;
        }
        var st = { meta: meta, data: null, words: words, groups: null, marks: words, order: [], pos: 0, found: 0 };
        var exactable = words.every(function (w) { return keysOf(w).length; });
        // A stop word makes it a question: no need for g.json (meta.json has them; an index without
        // them, from an older build, lets the gate decide).
        var asks = !plainByGate(words, stopWords(meta));
        return (exactable && !asks ? loadGate(meta) : Promise.resolve(null)).then(function (gate) {
          if (gate && plainByGate(words, gate)) return exactSearch(mine, st);
          return withData(st).then(function (a) {
            if (a.plain && exactable) return exactSearch(mine, st);
            return understand(mine, st);
          });
        });
      });
    }).catch(function () {
      if (mine === token) showStatus('搜索暂时不可用，请稍后再试。');
    });
  }

  // Today's search: every page holding every word as written, title and heading matches first,
  // then education pages before campaigns (page ids follow that order).
  function exactSearch(mine, st) {
    return Promise.all(st.words.map(function (w) { return candidates(st.meta, w); })).then(function (per) {
      var order = [];
      per[0].pages.forEach(function (v, page) {
        if (per.every(function (c) { return c.pages.has(page); })) order.push(page);
      });
      var inTitle = function (p) { return per.every(function (c) { return c.titles.has(p); }) ? 0 : 1; };
      order.sort(function (x, y) { return inTitle(x) - inTitle(y) || x - y; });
      st.per = per;
      st.order = order;
      st.exact = st.words.every(indexIsExact);
      st.mode = 'exact';
      return next(mine, st, [], function () {
        // Nothing holds the words as written: try them as a question (words, synonyms).
        withData(st).then(function () {
          if (mine !== token) return;
          var g = st.groups;
          var changed = g.length && (g.length !== st.words.length ||
            g.some(function (alts, i) { return alts.length > 1 || alts[0] !== st.words[i]; }));
          if (!changed) { render(mine, st, []); return; }
          st.fallback = true;
          understand(mine, st);
        });
        return true;
      });
    });
  }

  // Verify candidates from st.pos on until PAGE_SIZE more are confirmed or none are left.
  function next(mine, st, hits, onEmpty) {
    if (mine !== token) return Promise.resolve();
    if (hits.length >= PAGE_SIZE || st.pos >= st.order.length) {
      if (!hits.length && !st.found && onEmpty && onEmpty()) return Promise.resolve();
      render(mine, st, hits);
      return Promise.resolve();
    }
    var batch = st.order.slice(st.pos, st.pos + PAGE_SIZE - hits.length);
    st.pos += batch.length;
    return Promise.all(batch.map(function (page) {
      return Promise.all(st.words.map(function (w, i) {
        return locate(st.meta, page, w, st.per[i].pages.get(page));
      }));
    })).then(function (results) {
      results.forEach(function (found) {
        if (found.every(function (f) { return f; })) hits.push(found[0]);
      });
      return next(mine, st, hits, onEmpty);
    });
  }

  // Question mode: pages holding most of the words (or their synonyms) first; words in the title
  // or a heading count more, rare words more than common ones (BM25-like weights), and a passage
  // holding them all more still. Education pages come before campaigns.
  function understand(mine, st) {
    st.mode = 'question';
    st.exact = false;
    st.pos = 0;
    st.found = 0;
    var alts = [];
    st.groups.forEach(function (g) { g.forEach(function (a) { if (alts.indexOf(a) < 0) alts.push(a); }); });
    st.marks = alts.slice().sort(function (x, y) { return y.length - x.length; });
    st.pool = [];
    st.order = [];
    if (!alts.length) { render(mine, st, []); return Promise.resolve(); }
    return Promise.all(alts.map(function (w) { return candidates(st.meta, w); })).then(function (per) {
      var byAlt = {};
      alts.forEach(function (w, i) { byAlt[w] = per[i]; });
      var n = st.meta.n;
      var score = new Map();
      st.weights = st.groups.map(function (g) {
        var pages = new Set();
        var titles = new Set();
        g.forEach(function (a) {
          byAlt[a].pages.forEach(function (v, p) { pages.add(p); });
          byAlt[a].titles.forEach(function (p) { titles.add(p); });
        });
        var idf = Math.log(1 + (n - pages.size + 0.5) / (pages.size + 0.5)) * (g.weight || 1);
        pages.forEach(function (p) {
          score.set(p, (score.get(p) || 0) + idf * (titles.has(p) ? 2.5 : 1));
        });
        return { idf: idf, titles: titles };
      });
      st.byAlt = byAlt;
      st.order = Array.from(score.keys()).sort(function (x, y) {
        return kindWeight(st, y) * score.get(y) - kindWeight(st, x) * score.get(x) || x - y;
      });
      st.pool = [];
      return nextQuestion(mine, st);
    });
  }

  function kindWeight(st, page) {
    var r = st.meta.r || [0, 0, 0];
    if (page < r[0]) return 2;  // education topic pages
    if (page < r[1]) return 0.7;  // about, guide and other editors' pages
    if (page < r[2]) return 0.5;  // listings
    return 1;
  }

  // Verify the next candidates (each word really in the page), score the passages, show the best.
  function nextQuestion(mine, st) {
    if (mine !== token) return Promise.resolve();
    var batch = st.order.slice(st.pos, st.pos + FETCH);
    st.pos += batch.length;
    return Promise.all(batch.map(function (page) { return judge(st, page); })).then(function (judged) {
      if (mine !== token) return;
      judged.forEach(function (j) { if (j) st.pool.push(j); });
      st.pool.sort(function (x, y) { return y.score - x.score || x.page - y.page; });
      if (st.pool.length < PAGE_SIZE && st.pos < st.order.length) return nextQuestion(mine, st);
      var hits = st.pool.splice(0, PAGE_SIZE);
      render(mine, st, hits);
    });
  }

  function judge(st, page) {
    var tasks = [];
    st.groups.forEach(function (g, gi) {
      g.forEach(function (a) {
        var c = st.byAlt[a].pages;
        if (c.has(page)) tasks.push(locate(st.meta, page, a, c.get(page)).then(function (f) { return f && { g: gi, a: a, f: f }; }));
      });
    });
    return Promise.all(tasks).then(function (found) {
      found = found.filter(Boolean);
      if (!found.length) return null;
      var title = normalize(found[0].f.block.t);
      var matched = {};
      var best = null;
      found.forEach(function (x) {
        matched[x.g] = 1;
        var text = x.f.block.x;
        var s = 0;
        var cover = 0;
        st.groups.forEach(function (g, gi) {
          var tf = 0;
          g.forEach(function (a) { tf += count(text, a); });
          if (tf) cover++;
          s += st.weights[gi].idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * text.length / 1024));
        });
        if (!best || cover > best.cover || (cover === best.cover && s > best.s)) best = { s: s, cover: cover, hit: x.f };
      });
      var score = best.s;
      var total = 0;
      st.groups.forEach(function (g, gi) {
        if (!matched[gi]) return;
        var w = st.weights[gi];
        var inTitle = g.some(function (a) { return title.indexOf(a) >= 0; });
        total += w.idf * (inTitle ? 3 : w.titles.has(page) ? 2 : 1);
      });
      score += total;
      var all = 0;
      var got = 0;
      st.groups.forEach(function (g, gi) { all += g.weight || 1; if (matched[gi]) got += g.weight || 1; });
      var share = got / all;
      if (best.cover === st.groups.length && st.groups.length > 1) score += total * 0.5;
      score *= (0.4 + 0.6 * share * share) * kindWeight(st, page);
      return { page: page, score: score, hit: best.hit };
    });
  }

  function count(text, word) {
    var n = 0;
    for (var at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) n++;
    return n;
  }

  // ---------- rendering (DOM only: page text is never parsed as HTML) ----------

  function marked(parent, text, words) {
    var lower = text.toLowerCase();
    var pos = 0;
    while (pos < text.length) {
      var best = -1;
      var len = 0;
      words.forEach(function (w) {
        var at = lower.indexOf(w, pos);
        if (at >= 0 && (best < 0 || at < best || (at === best && w.length > len))) { best = at; len = w.length; }
      });
      if (best < 0 || lower.length !== text.length) { parent.appendChild(document.createTextNode(text.slice(pos))); return; }
      if (best > pos) parent.appendChild(document.createTextNode(text.slice(pos, best)));
      var m = document.createElement('mark');
      m.textContent = text.slice(best, best + len);
      parent.appendChild(m);
      pos = best + len;
    }
  }

  // The shown passage: around the first word found, moved to where most of the words are.
  function snippet(hit, words) {
    var text = hit.text;
    var at = hit.pos;
    var bestCount = -1;
    for (var start = Math.max(0, at - 60); start <= at + 60 && start < text.length; start += 12) {
      var part = text.slice(start, start + 96);
      var n = words.filter(function (w) { return part.indexOf(w) >= 0; }).length;
      if (n > bestCount) { bestCount = n; at = start + 24; }
    }
    if (bestCount <= 1) at = hit.pos;
    var from = Math.max(0, at - 24);
    var to = Math.min(text.length, at + 72);
    return (from > 0 ? '…' : '') + text.slice(from, to) + (to < text.length ? '…' : '');
  }

  var help = document.createElement('div');
  help.className = 'xb-search__help';
  help.hidden = true;
  panel.insertBefore(help, more);

  function render(mine, st, hits) {
    if (mine !== token) return;
    state = st;
    panel.hidden = false;
    hits.forEach(function (found) {
      var hit = found.hit || found;
      var li = document.createElement('li');
      li.className = 'xb-search__item';
      var a = document.createElement('a');
      a.className = 'xb-search__link';
      a.href = /^https?:\/\//.test(hit.block.u) ? hit.block.u : root + '/' + hit.block.u; // a portal's results open members' pages
      var t = document.createElement('span');
      t.className = 'xb-search__title';
      marked(t, hit.block.t, st.marks);
      var s = document.createElement('span');
      s.className = 'xb-search__snippet';
      marked(s, snippet(hit, st.marks), st.marks);
      a.appendChild(t);
      a.appendChild(s);
      li.appendChild(a);
      list.appendChild(li);
    });
    st.found += hits.length;
    var done = st.mode === 'question' ? !st.pool.length && st.pos >= st.order.length : st.pos >= st.order.length;
    more.hidden = done;
    var typed = st.words.join(' ');
    if (!st.found && done) {
      showStatus('没有找到包含“' + typed + '”的页面。');
    } else if (st.mode === 'question') {
      var used = [];
      st.groups.forEach(function (g) { g.forEach(function (w) { if (used.length < 6 && used.indexOf(w) < 0) used.push(w); }); });
      used = used.join('、');
      var shown = (done ? '共 ' + st.found + ' 条结果' : '已显示 ' + st.found + ' 条结果') + '（按“' + used + '”查找，越靠前越相关）';
      showStatus(st.fallback ? '没有找到包含“' + typed + '”的页面；下面是相关的页面，' + shown : shown);
    } else if (done || st.exact) {
      var total = done ? st.found : st.order.length;
      showStatus('共 ' + total + ' 条结果' + (done ? '' : '，已显示 ' + st.found + ' 条'));
    } else {
      showStatus('约 ' + st.order.length + ' 条结果，已显示 ' + st.found + ' 条');
    }
    if (st.data) showHelp(st, done);
    else if (st.found < 3 && st.meta) {  // help needs the dictionary: fetched now, for few results only
      withData(st).then(function () { if (mine === token) showHelp(st, done); });
    }
  }

  function button(text, onClick) {
    var b = document.createElement('button');
    b.type = 'button';
    b.className = 'xb-search__suggest';
    b.textContent = text;
    b.addEventListener('click', onClick);
    return b;
  }

  function heading(text) {
    var p = document.createElement('p');
    p.className = 'xb-search__hint';
    p.textContent = text;
    return p;
  }

  // A list of links, each followed by plain text (DOM only: the text is never parsed as HTML).
  function linkList(className, items) {
    var ul = document.createElement('ul');
    ul.className = className;
    items.forEach(function (item) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = item.href;
      a.textContent = item.text;
      li.appendChild(a);
      li.appendChild(document.createTextNode(item.after));
      ul.appendChild(li);
    });
    return ul;
  }

  // No dead ends: few results offer nearby words; none also offers the topics and the hotlines.
  function showHelp(st, done) {
    help.textContent = '';
    var none = !st.found && done;
    if (st.found >= 3 && !none) { help.hidden = true; return; }
    var near = suggestions(st.words, st.groups, st.data);
    if (near.length) {
      help.appendChild(heading('您是不是要找：'));
      var row = document.createElement('p');
      row.className = 'xb-search__row';
      near.forEach(function (w) {
        row.appendChild(button(w, function () { input.value = w; lastQuery = ''; schedule(0); }));
      });
      help.appendChild(row);
    }
    if (none) {
      help.appendChild(heading('也可以看看这些主题：'));
      help.appendChild(linkList('xb-search__topics', st.data.topics.map(function (t) {
        return { href: root + '/' + t.u, text: t.l, after: '：' + t.d };
      })));
      help.appendChild(heading('有问题可以打电话：'));
      help.appendChild(linkList('xb-search__hotlines', st.data.hotlines.map(function (h) {
        return { href: 'tel:' + h.n.replace(/-/g, ''), text: h.n, after: ' ' + h.l };
      })));
    }
    help.hidden = !help.firstChild;
  }

  function showStatus(text) {
    panel.hidden = false;
    statusEl.textContent = text;
  }

  function reset() {
    token++;
    state = null;
    list.textContent = '';
    statusEl.textContent = '';
    help.textContent = '';
    help.hidden = true;
    more.hidden = true;
    panel.hidden = true;
  }

  // ---------- events ----------

  var timer = 0;
  var lastQuery = '';
  function schedule(delay) {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var q = normalize(input.value);
      if (q === lastQuery) return;
      lastQuery = q;
      q = input.value;
      list.textContent = '';
      help.textContent = '';
      help.hidden = true;
      search(q);
    }, typeof delay === 'number' ? delay : 180);
  }

  // `input` fires for typing, pasting and text committed by an input method (no key event needed).
  input.addEventListener('input', function (e) { if (!e.isComposing) schedule(); });
  input.addEventListener('compositionend', schedule);
  input.addEventListener('click', function () { if (list.firstChild || statusEl.textContent) panel.hidden = false; });

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var first = list.querySelector('a');
    if (first) first.focus();
  });

  more.addEventListener('click', function () {
    if (!state) return;
    var mine = token;
    var keep = list.children.length;
    more.hidden = true;
    showStatus('正在加载……');
    (state.mode === 'question' ? showMore(mine, state) : next(mine, state, [])).then(function () {
      var link = list.children[keep] && list.children[keep].querySelector('a');
      if (link) link.focus();
    });
  });

  function showMore(mine, st) {
    if (st.pool.length >= PAGE_SIZE || st.pos >= st.order.length) {
      render(mine, st, st.pool.splice(0, PAGE_SIZE));
      return Promise.resolve();
    }
    return nextQuestion(mine, st);
  }

  function links() { return Array.prototype.slice.call(list.querySelectorAll('a')); }

  box.addEventListener('keydown', function (e) {
    var all = links();
    var at = all.indexOf(document.activeElement);
    if (e.key === 'Escape') {
      if (!panel.hidden) { panel.hidden = true; input.focus(); } else { close(); }
      e.preventDefault();
    } else if (e.key === 'ArrowDown' && all.length) {
      (all[at + 1] || all[0]).focus();
      e.preventDefault();
    } else if (e.key === 'ArrowUp' && at >= 0) {
      (at === 0 ? input : all[at - 1]).focus();
      e.preventDefault();
    }
  });

  function open() {
    box.classList.add('xb-search--open');
    toggle.setAttribute('aria-expanded', 'true');
    input.focus();
  }

  function close() {
    box.classList.remove('xb-search--open');
    toggle.setAttribute('aria-expanded', 'false');
    panel.hidden = true;
    toggle.focus();
  }

  toggle.addEventListener('click', function () {
    if (box.classList.contains('xb-search--open')) close(); else open();
  });
  closeBtn.addEventListener('click', function () {
    input.value = '';
    lastQuery = '';
    reset();
    close();
  });

  document.addEventListener('click', function (e) {
    if (!box.contains(e.target)) panel.hidden = true;
  });

  box.hidden = false;
})();
