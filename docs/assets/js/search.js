/* Site search box: the page half (the rules, formats and ranking are in search-rules.js).
 *
 * Plain ES2017, DOM only: page text is never parsed as HTML. The rules module is loaded the first
 * time the reader opens or types in the box, so a page view without a search does not pay for it.
 * It searches on `input` events, so text typed through an input method works.
 *
 * What a reader sees: the results a page at a time with the words found highlighted; under few
 * results, nearby words as buttons; when nothing matches, or when the best match is too weak to be
 * an answer, a plain sentence that the site has no page on it, the topics and the hotlines (the
 * weak results stay one tap away).
 */
(function () {
  'use strict';

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

  // ---------- the rules module and the index files ----------

  var rulesPromise = null;
  var engine = null;

  function getJSON(url, opts) {
    return fetch(url, opts).then(function (r) {
      if (!r.ok) throw new Error(r.status + ' ' + url);
      return r.json();
    });
  }

  // Reading the index over HTTP (the rules module asks; file formats: xiaobao/search/index.py).
  var io = {
    meta: function () { return getJSON(root + '/search/meta.json', { cache: 'no-cache' }); },
    file: function (meta, path, kind) {
      var url = root + '/search/' + meta.v + '/' + path;
      if (kind === 'json') return getJSON(url);
      return fetch(url).then(function (r) {
        if (!r.ok) throw new Error(r.status + ' ' + url);
        return r.arrayBuffer();
      }).then(function (buf) { return new Uint8Array(buf); });
    }
  };

  function rules() {
    if (!rulesPromise) {
      rulesPromise = new Promise(function (resolve, reject) {
        if (window.XiaobaoSearch) { resolve(window.XiaobaoSearch); return; }
        var s = document.createElement('script');
        s.src = root + '/assets/js/search-rules.js';
        s.onload = function () { if (window.XiaobaoSearch) resolve(window.XiaobaoSearch); else reject(new Error('rules')); };
        s.onerror = reject;
        document.head.appendChild(s);
      }).then(function (R) {
        engine = new R.Engine(io);
        return R;
      });
      rulesPromise.catch(function () { rulesPromise = null; });
    }
    return rulesPromise;
  }

  // ---------- search state ----------

  var token = 0;
  var session = null;
  var weak = null;  // results held back under a "no answer": shown on request
  var MAY_NOT = '下面的结果可能答不了您的问题，';

  function search(query) {
    var mine = ++token;
    if (!query.replace(/\s+/g, '')) { reset(); return; }
    showStatus('正在搜索……');
    rules().then(function (R) {
      if (mine !== token) return null;
      return engine.search(query).then(function (s) {
        if (mine !== token) return null;
        return s.next().then(function (hits) { render(mine, s, hits, R); });
      });
    }).catch(function () {
      if (mine === token) showStatus('搜索暂时不可用，请稍后再试。');
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

  function showHits(s, hits) {
    hits.forEach(function (hit) {
      var li = document.createElement('li');
      li.className = 'xb-search__item';
      var a = document.createElement('a');
      a.className = 'xb-search__link';
      a.href = /^https?:\/\//.test(hit.url) ? hit.url : root + '/' + hit.url; // a portal's results open members' pages
      var t = document.createElement('span');
      t.className = 'xb-search__title';
      marked(t, hit.title, s.marks);
      var p = document.createElement('span');
      p.className = 'xb-search__snippet';
      marked(p, snippet(hit, s.marks), s.marks);
      a.appendChild(t);
      a.appendChild(p);
      li.appendChild(a);
      list.appendChild(li);
    });
  }

  function render(mine, s, hits, R) {
    if (mine !== token) return;
    session = s;
    panel.hidden = false;
    var done = s.done();
    var typed = s.words.join(' ');
    weak = null;
    if (s.mode === 'question' && s.noAnswer && hits.length && !s.shownWeak) {
      // The best match is too weak to be an answer: say so, and keep the results one tap away.
      weak = hits;
      more.hidden = true;
      showStatus('本站还没有专门讲“' + typed + '”的页面。');
      showHelp(s, R, true);
      return;
    }
    showHits(s, hits);
    more.hidden = done;
    if (!s.found && done) {
      showStatus('没有找到包含“' + typed + '”的页面。');
    } else if (s.mode === 'question') {
      var shown = (done ? '共 ' + s.found + ' 条结果' : '已显示 ' + s.found + ' 条结果') +
        '（按“' + s.used().join('、') + '”查找，越靠前越相关）';
      // shown on request under a "no answer", or not sure enough either way (search-rules.js DOUBT.soft)
      if (s.shownWeak || s.unsure) shown = MAY_NOT + shown;
      showStatus(s.fallback ? '没有找到包含“' + typed + '”的页面；下面是相关的页面，' + shown : shown);
    } else if (done || s.exactness) {
      var total = done ? s.found : s.order.length;
      showStatus('共 ' + total + ' 条结果' + (done ? '' : '，已显示 ' + s.found + ' 条'));
    } else {
      showStatus('约 ' + s.order.length + ' 条结果，已显示 ' + s.found + ' 条');
    }
    if (s.data) showHelp(s, R, false);
    else if (s.found < 3) {  // help needs the dictionary: fetched now, for few results only
      s.understand().then(function () { if (mine === token) showHelp(s, R, false); });
    }
  }

  function button(text, onClick, className) {
    var b = document.createElement('button');
    b.type = 'button';
    b.className = className || 'xb-search__suggest';
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

  // No dead ends: few results offer nearby words; none (or no answer) also offers the topics and
  // the hotlines.
  function showHelp(s, R, noAnswer) {
    help.textContent = '';
    var none = noAnswer || (!s.found && s.done());
    var unsure = !noAnswer && s.mode === 'question' && s.unsure;  // the results may not answer: topics and hotlines too
    if (s.found >= 3 && !none && !unsure) { help.hidden = true; return; }
    var data = s.data;
    var near = R.suggestions(s.words, s.groups, data);
    if (near.length) {
      help.appendChild(heading('您是不是要找：'));
      var row = document.createElement('p');
      row.className = 'xb-search__row';
      near.forEach(function (w) {
        row.appendChild(button(w, function () { input.value = w; lastQuery = ''; schedule(0); }));
      });
      help.appendChild(row);
    }
    var elsewhere = noAnswer && s.elsewhere ? s.elsewhere() : [];
    if (elsewhere.length) {  // a subject of another agency: its hotline first
      help.appendChild(heading('这类问题可以打：'));
      help.appendChild(linkList('xb-search__hotlines xb-search__elsewhere', elsewhere.map(function (h) {
        return { href: 'tel:' + h.n.replace(/-/g, ''), text: h.n, after: ' ' + h.l };
      })));
    }
    if (none || unsure) {
      help.appendChild(heading(noAnswer ? '可以看看这些主题：' : '也可以看看这些主题：'));
      help.appendChild(linkList('xb-search__topics', data.topics.map(function (t) {
        return { href: root + '/' + t.u, text: t.l, after: '：' + t.d };
      })));
      help.appendChild(heading('有问题可以打电话：'));
      help.appendChild(linkList('xb-search__hotlines', data.hotlines.map(function (h) {
        return { href: 'tel:' + h.n.replace(/-/g, ''), text: h.n, after: ' ' + h.l };
      })));
    }
    if (noAnswer && weak) {
      var row2 = document.createElement('p');
      row2.className = 'xb-search__row';
      row2.appendChild(button('仍然显示可能相关的页面', function () {
        var mine = token;
        s.shownWeak = true;
        help.textContent = '';
        help.hidden = true;
        render(mine, s, weak, R);
        var link = list.querySelector('a');
        if (link) link.focus();
      }, 'xb-search__suggest xb-search__weak'));
      help.appendChild(row2);
    }
    help.hidden = !help.firstChild;
  }

  function showStatus(text) {
    panel.hidden = false;
    statusEl.textContent = text;
  }

  function reset() {
    token++;
    session = null;
    weak = null;
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
      var q = input.value.replace(/\s+/g, ' ').trim().toLowerCase();
      if (q === lastQuery) return;
      lastQuery = q;
      list.textContent = '';
      help.textContent = '';
      help.hidden = true;
      search(input.value);
    }, typeof delay === 'number' ? delay : 180);
  }

  // `input` fires for typing, pasting and text committed by an input method (no key event needed).
  input.addEventListener('input', function (e) { if (!e.isComposing) schedule(); });
  input.addEventListener('compositionend', schedule);
  input.addEventListener('focus', function () { rules(); });
  input.addEventListener('click', function () { if (list.firstChild || statusEl.textContent) panel.hidden = false; });

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var first = list.querySelector('a');
    if (first) first.focus();
  });

  more.addEventListener('click', function () {
    if (!session) return;
    var mine = token;
    var s = session;
    var keep = list.children.length;
    more.hidden = true;
    showStatus('正在加载……');
    rules().then(function (R) {
      return s.next().then(function (hits) {
        render(mine, s, hits, R);
        var link = list.children[keep] && list.children[keep].querySelector('a');
        if (link) link.focus();
      });
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
