/* Branch screen (/screen/): rotates the key points of the chosen topics; built by xiaobao/outputs/screen.py. */
(function () {
  "use strict";
  // Built once: every slide reuses these nodes and one timer, so days of rotation use no more memory.
  var data = JSON.parse(document.getElementById("xb-screen-data").textContent);
  var params = new URLSearchParams(window.location.search);
  var wanted = (params.get("topics") || "").split(/[,，、]/).map(function (s) { return s.trim(); }).filter(Boolean);
  // A topic is named by its code or by its Chinese name, as the data lists them.
  function known(name) {
    for (var i = 0; i < data.topics.length; i++) {
      if (data.topics[i].key === name || data.topics[i].label === name) { return data.topics[i]; }
    }
    return null;
  }
  var unknown = wanted.filter(function (name) { return !known(name); });
  var topics = wanted.length ? data.topics.filter(function (t) {
    return wanted.indexOf(t.key) >= 0 || wanted.indexOf(t.label) >= 0;
  }) : data.topics;
  var notice = document.getElementById("xb-notice");
  if (unknown.length) {
    // Never fall back to every topic in silence: staff must see that the address is wrong.
    notice.textContent = "地址里的主题“" + unknown.join("、") + "”本站没有" +
      (topics.length ? "，已跳过。" : "，所以没有内容可播放。") + "请用本站“大屏轮播”设置页重新生成地址。";
    notice.hidden = false;
  }
  var seconds = parseFloat(params.get("interval"));
  if (!(seconds >= 1)) { seconds = 15; }
  seconds = Math.min(seconds, 3600);
  var org = (params.get("org") || "").trim().slice(0, 40);
  if (org) { document.getElementById("xb-org").textContent = org + " 提醒您"; }

  var slides = [];
  topics.forEach(function (t, ti) {
    t.points.forEach(function (text) { slides.push({ topic: ti, text: text }); });
  });

  var point = document.getElementById("xb-point");
  var topicEl = document.getElementById("xb-topic");
  var countEl = document.getElementById("xb-count");
  var urlEl = document.getElementById("xb-url");
  var qrNodes = document.querySelectorAll("#xb-qrs .qr");
  var lines = document.querySelectorAll("#xb-hotlines .hotline");
  var index = -1;

  function showQr(key) {
    for (var i = 0; i < qrNodes.length; i++) { qrNodes[i].hidden = qrNodes[i].getAttribute("data-topic") !== key; }
  }
  function showHotlines(list) {
    for (var i = 0; i < lines.length; i++) {
      var h = list[i];
      lines[i].hidden = !h;
      lines[i].firstChild.textContent = h ? h.number : "";
      lines[i].firstChild.setAttribute("href", h ? "tel:" + h.number.replace(/[^0-9+]/g, "") : "#");
      lines[i].lastChild.textContent = h ? h.label : "";
    }
  }
  // Hotline numbers in a slide's text become tel: links, as on the Markdown pages (xiaobao/site/tel.py):
  // the numbers and counting words come in the data; "110份" is a count and stays text. No lookbehind:
  // old TV browsers lack it, so the character before a number is matched and kept as text.
  function escapeRe(text) { return text.replace(/[.*+?^${}()|[\]\\\-]/g, "\\$&"); }
  var numbers = (data.numbers || []).slice().sort(function (a, b) { return b.length - a.length; });
  var telPattern = numbers.length ? new RegExp("(^|[^0-9A-Za-z.\\-/])(" + numbers.map(escapeRe).join("|") +
    ")(?![0-9\\-])(?!\\s*[" + escapeRe(data.counters || "") + "])", "g") : null;
  var links = [];  // <a> elements, made once and reused: a slide never adds to what the page holds
  function pieces(text) {
    var out = [];
    var last = 0;
    var match;
    if (!telPattern) { return [text]; }
    telPattern.lastIndex = 0;
    while ((match = telPattern.exec(text))) {
      var start = match.index + match[1].length;
      out.push(text.slice(last, start), match[2]);
      last = start + match[2].length;
    }
    out.push(text.slice(last));
    return out;  // [text, number, text, number, …, text]
  }
  function fillPoint(text) {
    while (point.firstChild) { point.removeChild(point.firstChild); }
    var parts = pieces(text);
    for (var k = 0; k < parts.length; k++) {
      if (k % 2 === 0) {
        if (parts[k]) { point.appendChild(document.createTextNode(parts[k])); }
        continue;
      }
      var n = (k - 1) / 2;
      if (!links[n]) {
        links[n] = document.createElement("a");
        links[n].className = "tel";
      }
      links[n].textContent = parts[k];
      links[n].setAttribute("href", "tel:" + parts[k].replace(/[^0-9+]/g, ""));
      point.appendChild(links[n]);
    }
  }
  function show(i) {
    var slide = slides[i];
    var t = topics[slide.topic];
    fillPoint(slide.text);
    point.className = "point" + (slide.text.length > 60 ? " very-long" : slide.text.length > 32 ? " long" : "");
    topicEl.textContent = t.label;
    countEl.textContent = (i + 1) + " / " + slides.length;
    urlEl.textContent = t.url.replace(/^https?:\/\//, "");
    showQr(t.key);
    showHotlines(t.hotlines);
  }
  function next() {
    index = (index + 1) % slides.length;
    show(index);
  }

  if (!slides.length) {
    point.textContent = unknown.length ? "请检查地址里的主题。" : "暂无可显示的要点。";
    document.querySelector("aside").hidden = true;  // no slide: no code and no caption under nothing
    point.className = "point empty";
    return;
  }
  next();
  window.setInterval(next, seconds * 1000);

  // Keep a TV from dimming where the browser allows it; harmless where it does not.
  function keepAwake() {
    if (navigator.wakeLock && document.visibilityState === "visible") {
      navigator.wakeLock.request("screen").catch(function () {});
    }
  }
  document.addEventListener("visibilitychange", keepAwake);
  keepAwake();
})();
