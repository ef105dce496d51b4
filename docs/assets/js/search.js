/* Site search (the browser half of xiaobao/search; the Python half is xiaobao/search/query.py).
 *
 * Plain ES2017, no WebAssembly, no Intl.Segmenter: it must run on old phones.
 * Steps: normalise the query like xiaobao/search/text.py; look up each word's bigram keys in the
 * few shards that hold them; intersect the posting lists; fetch one short text block per candidate
 * page and keep the page only if the word really occurs there (exact substring). The rules in
 * normalize / isWordCp / keysOf / hashKey / readShard must stay identical to the Python side.
 */
(function () {
  'use strict';

  var box = document.querySelector('[data-xb-search]');
  if (!box || !window.fetch || !window.Promise || !window.Uint8Array || !Array.from) return;

  var PAGE_SIZE = 10;
  var MAX_WORD = 200;
  var NON_WORD = [[0xA0, 0xBF], [0xD7, 0xD7], [0xF7, 0xF7], [0x2000, 0x206F], [0x2190, 0x2BFF],
    [0x3000, 0x303F], [0xFE10, 0xFE1F], [0xFE30, 0xFE6F], [0xFF00, 0xFF0F], [0xFF1A, 0xFF20],
    [0xFF3B, 0xFF40], [0xFF5B, 0xFF65]];

  var root = (box.getAttribute('data-xb-root') || '.').replace(/\/$/, '');
  var input = box.querySelector('.xb-search__input');
  var form = box.querySelector('.xb-search__form');
  var panel = box.querySelector('.xb-search__panel');
  var statusEl = box.querySelector('.xb-search__status');
  var list = box.querySelector('.xb-search__results');
  var more = box.querySelector('.xb-search__more');
  var toggle = box.querySelector('.xb-search__toggle');
  var closeBtn = box.querySelector('.xb-search__close');

  // ---------- text rules (mirror of xiaobao/search/text.py) ----------

  function normalize(s) {
    if (s.normalize) s = s.normalize('NFKC');
    return s.toLowerCase().replace(/\s+/g, ' ').trim();
  }

  function isWordCp(cp) {
    if (cp > 0xFFFF) return false;  // the index works on UTF-16 units, as in text.py
    if (cp < 0x80) {
      return (cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122);
    }
    for (var i = 0; i < NON_WORD.length; i++) {
      if (cp >= NON_WORD[i][0] && cp <= NON_WORD[i][1]) return false;
    }
    return !/\s/.test(String.fromCodePoint(cp));
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

  // ---------- search state ----------

  var token = 0;
  var state = null;

  function search(query) {
    var mine = ++token;
    var words = normalize(query).split(' ').filter(Boolean);
    if (!words.length) { reset(); return; }
    if (words.some(function (w) { return Array.from(w).length > MAX_WORD || !keysOf(w).length; })) {
      render(mine, { words: words, order: [], pos: 0, found: 0, exact: true }, []);
      return;
    }
    showStatus('正在搜索……');
    loadMeta().then(function (meta) {
      return Promise.all(words.map(function (w) { return candidates(meta, w); })).then(function (per) {
        var first = per[0].pages;
        var order = [];
        first.forEach(function (v, page) {
          if (per.every(function (c) { return c.pages.has(page); })) order.push(page);
        });
        var inTitle = function (p) { return per.every(function (c) { return c.titles.has(p); }) ? 0 : 1; };
        order.sort(function (a, b) { return inTitle(a) - inTitle(b) || a - b; });
        var st = { meta: meta, words: words, per: per, order: order, pos: 0, found: 0,
          exact: words.every(indexIsExact) };
        return next(mine, st, []);
      });
    }).catch(function () {
      if (mine === token) showStatus('搜索暂时不可用，请稍后再试。');
    });
  }

  // Verify candidates from st.pos on until PAGE_SIZE more are confirmed or none are left.
  function next(mine, st, hits) {
    if (mine !== token) return Promise.resolve();
    if (hits.length >= PAGE_SIZE || st.pos >= st.order.length) { render(mine, st, hits); return Promise.resolve(); }
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
      return next(mine, st, hits);
    });
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
        if (at >= 0 && (best < 0 || at < best)) { best = at; len = w.length; }
      });
      if (best < 0 || lower.length !== text.length) { parent.appendChild(document.createTextNode(text.slice(pos))); return; }
      if (best > pos) parent.appendChild(document.createTextNode(text.slice(pos, best)));
      var m = document.createElement('mark');
      m.textContent = text.slice(best, best + len);
      parent.appendChild(m);
      pos = best + len;
    }
  }

  function snippet(hit) {
    var from = Math.max(0, hit.pos - 24);
    var to = Math.min(hit.text.length, hit.pos + 72);
    return (from > 0 ? '…' : '') + hit.text.slice(from, to) + (to < hit.text.length ? '…' : '');
  }

  function render(mine, st, hits) {
    if (mine !== token) return;
    state = st;
    panel.hidden = false;
    hits.forEach(function (hit) {
      var li = document.createElement('li');
      li.className = 'xb-search__item';
      var a = document.createElement('a');
      a.className = 'xb-search__link';
      a.href = root + '/' + hit.block.u;
      var t = document.createElement('span');
      t.className = 'xb-search__title';
      marked(t, hit.block.t, st.words);
      var s = document.createElement('span');
      s.className = 'xb-search__snippet';
      marked(s, snippet(hit), st.words);
      a.appendChild(t);
      a.appendChild(s);
      li.appendChild(a);
      list.appendChild(li);
    });
    st.found += hits.length;
    var done = st.pos >= st.order.length;
    more.hidden = done;
    if (!st.found && done) {
      showStatus('没有找到包含“' + st.words.join(' ') + '”的页面。');
    } else if (done || st.exact) {
      var total = done ? st.found : st.order.length;
      showStatus('共 ' + total + ' 条结果' + (done ? '' : '，已显示 ' + st.found + ' 条'));
    } else {
      showStatus('约 ' + st.order.length + ' 条结果，已显示 ' + st.found + ' 条');
    }
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
    more.hidden = true;
    panel.hidden = true;
  }

  // ---------- events ----------

  var timer = 0;
  var lastQuery = '';
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var q = normalize(input.value);
      if (q === lastQuery) return;
      lastQuery = q;
      list.textContent = '';
      search(q);
    }, 180);
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
    next(mine, state, []).then(function () {
      var link = list.children[keep] && list.children[keep].querySelector('a');
      if (link) link.focus();
    });
  });

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
