/* Reading tools for older readers: font size (remembered), read-aloud, print. No library, no pop-up. */
(function () {
  "use strict";
  var KEY = "xb-font-size";
  var SIZES = ["normal", "large", "larger"];
  var root = document.documentElement;
  /* The theme's drawer and search checkboxes no longer carry autocomplete="off" (not allowed on a
     checkbox: xiaobao/site/theme_markup.py), so a browser that restores form state could reopen them. */
  window.addEventListener("pageshow", function () {
    ["__drawer", "__search"].forEach(function (id) {
      var box = document.getElementById(id);
      if (box && box.checked) { box.checked = false; box.dispatchEvent(new Event("change")); }
    });
  });
  /* A table wider than a phone scrolls sideways: keyboard users must be able to reach and scroll
     it. Material wraps tables once the page is loaded, so look after it has (document$). */
  function scrollersFocusable() {
    var boxes = document.querySelectorAll(".md-typeset__scrollwrap, .md-typeset__table > table, .xb-table-wrap");
    for (var i = 0; i < boxes.length; i++) {
      if (boxes[i].scrollWidth > boxes[i].clientWidth && !boxes[i].hasAttribute("tabindex")) {
        boxes[i].setAttribute("tabindex", "0");
      }
    }
  }
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(scrollersFocusable); }
  else { scrollersFocusable(); }
  window.addEventListener("resize", scrollersFocusable);
  var tools = document.querySelector(".xb-tools");
  if (!tools) { return; }
  root.classList.add("xb-js");
  var statusEl = tools.querySelector(".xb-tools__status");
  var speakBtn = tools.querySelector("[data-xb-speak]");

  function say(message) { statusEl.textContent = message; }

  /* ---- font size ---- */
  function applySize(size) {
    if (SIZES.indexOf(size) < 0) { size = "normal"; }
    if (size === "normal") { root.removeAttribute("data-xb-size"); } else { root.setAttribute("data-xb-size", size); }
    var buttons = tools.querySelectorAll("button[data-xb-size]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", String(buttons[i].getAttribute("data-xb-size") === size));
    }
  }
  function savedSize() {
    try { return localStorage.getItem(KEY) || "normal"; } catch (e) { return "normal"; }
  }
  tools.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button) { return; }
    if (button.hasAttribute("data-xb-size")) {
      var size = button.getAttribute("data-xb-size");
      applySize(size);
      try { localStorage.setItem(KEY, size); } catch (e) { /* private mode: works until reload */ }
    } else if (button.hasAttribute("data-xb-speak")) {
      toggleSpeech();
    } else if (button.hasAttribute("data-xb-print")) {
      window.print();
    }
  });
  applySize(savedSize());

  /* ---- read aloud through the browser's own speech synthesis ---- */
  var synth = window.speechSynthesis;
  var speaking = false;

  function pageText() {
    var article = document.querySelector("article.md-content__inner") || document.body;
    var parts = [];
    for (var i = 0; i < article.children.length; i++) {
      var child = article.children[i];
      if (!child.matches(".xb-tools, .xb-print-only, script, style")) { parts.push(child.innerText); }
    }
    return parts.join("\n");
  }
  // Long utterances are cut off by some engines: speak sentence by sentence, at most ~150 characters.
  function chunks(text) {
    var sentences = text.replace(/([。！？!?；;\n])/g, "$1\u0000").split("\u0000");
    var out = [];
    var current = "";
    for (var i = 0; i < sentences.length; i++) {
      var s = sentences[i].replace(/\s+/g, " ").trim();
      if (!s) { continue; }
      if (current && (current + s).length > 150) { out.push(current); current = ""; }
      current += s;
    }
    if (current) { out.push(current); }
    return out;
  }
  function pickVoice(voices) {
    var norm = function (v) { return String(v.lang || "").replace("_", "-").toLowerCase(); };
    var exact = voices.filter(function (v) { return norm(v) === "zh-cn" || norm(v).indexOf("cmn") === 0; });
    if (exact.length) { return exact[0]; }
    var chinese = voices.filter(function (v) { return norm(v).indexOf("zh") === 0; });
    return chinese.length ? chinese[0] : null;
  }
  function withVoices(callback) {
    var voices = synth.getVoices();
    if (voices.length) { callback(voices); return; }
    var done = false;
    var finish = function () {
      if (done) { return; }
      done = true;
      synth.removeEventListener("voiceschanged", finish);
      callback(synth.getVoices());
    };
    synth.addEventListener("voiceschanged", finish);
    window.setTimeout(finish, 1500);  // some browsers never fire voiceschanged
  }
  function setSpeaking(on) {
    speaking = on;
    speakBtn.textContent = on ? "停止朗读" : "朗读本页";
    speakBtn.setAttribute("aria-pressed", String(on));
  }
  function stop() {
    synth.cancel();
    setSpeaking(false);
    say("已停止朗读。");
  }
  function start() {
    withVoices(function (voices) {
      var voice = pickVoice(voices);
      if (!voice) {
        say("这台设备没有中文（普通话）语音，暂时不能朗读。可以在手机或电脑的“文字转语音”设置里添加中文语音后再试。");
        return;
      }
      var parts = chunks(pageText());
      synth.cancel();
      parts.forEach(function (part, i) {
        var u = new SpeechSynthesisUtterance(part);
        u.lang = "zh-CN";
        u.voice = voice;
        u.rate = 0.9;
        if (i === parts.length - 1) { u.onend = function () { setSpeaking(false); say("本页读完了。"); }; }
        synth.speak(u);
      });
      setSpeaking(true);
      say("正在朗读本页。再按一次“停止朗读”就停下。");
    });
  }
  function toggleSpeech() {
    if (!synth || !window.SpeechSynthesisUtterance) {
      say("这个浏览器不支持朗读。可以换用手机自带的浏览器，或者用上面的“字号”按钮把字放大。");
      return;
    }
    if (speaking) { stop(); } else { start(); }
  }
  window.addEventListener("pagehide", function () { if (synth && speaking) { synth.cancel(); } });
})();
