/* Screen builder (大屏轮播, docs/screen-builder.md): the short link to type on a TV (docs/assets/js/shortlink.js),
   the /screen/ address for a branch, its QR code (qrcode-generator, vendored in vendor/qrcode-generator/ and
   served as assets/js/qrcode.js: drawn here, nothing fetched) and a live preview. */
(function () {
  "use strict";
  var root = document.querySelector("[data-xb-builder]");
  if (!root) { return; }
  var form = root.querySelector("form");
  var link = document.getElementById("xb-builder-url");
  var qr = document.getElementById("xb-builder-qr");
  var frame = document.getElementById("xb-builder-frame");
  var copy = root.querySelector(".xb-builder__copy");
  var status = root.querySelector(".xb-builder__status");
  var timer = null;

  var short = root.querySelector(".xb-builder__short");
  var shortLink = document.getElementById("xb-builder-short");
  var shortCode = document.getElementById("xb-builder-code");
  var length = document.getElementById("xb-builder-length");
  var scheme = JSON.parse(document.getElementById("xb-short-scheme").textContent);
  var codes = window.XiaobaoShortLink;

  // The address as a QR code, level M, its bytes in UTF-8, drawn as one SVG path of dark modules.
  function qrSvg(text, label) {
    var make = window.qrcode;
    if (typeof make !== "function") { return ""; }
    make.stringToBytes = make.stringToBytesFuncs["UTF-8"];
    var code = make(0, "M");
    code.addData(text, "Byte");
    code.make();
    var n = code.getModuleCount(), border = 4, size = n + border * 2, path = "";
    for (var y = 0; y < n; y++) {
      for (var x = 0; x < n; x++) {
        if (code.isDark(y, x)) { path += "M" + (x + border) + " " + (y + border) + "h1v1h-1z"; }
      }
    }
    var title = String(label || "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
    return '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ' + size + " " + size +
      '" shape-rendering="crispEdges" role="img"' + (title ? ' aria-label="' + title + '"' : "") +
      '><rect width="100%" height="100%" fill="#fff"/><path fill="#000" d="' + path + '"/></svg>';
  }

  // What the form asks for; every topic chosen, or none, is "every topic" (no list: a shorter address).
  function settings() {
    var boxes = form.querySelectorAll('input[name="topic"]:checked');
    var keys = [];
    for (var i = 0; i < boxes.length; i++) { keys.push(boxes[i].value); }
    keys.sort(function (a, b) { return scheme.topics.indexOf(a) - scheme.topics.indexOf(b); });  // the short link's order
    var offered = form.querySelectorAll('input[name="topic"]').length;
    return { topics: keys.length === offered ? [] : keys, chosen: keys.length,
             interval: Number(form.querySelector("select").value),
             org: codes.clip(form.querySelector('input[name="org"]').value.trim(), codes.MAX_ORG) };
  }
  // The code in groups of four, so the eye keeps its place while typing; the gaps are margins, not spaces.
  function showCode(code) {
    while (shortCode.firstChild) { shortCode.removeChild(shortCode.firstChild); }
    for (var i = 0; i < code.length; i += 4) {
      var group = document.createElement("span");
      group.textContent = code.slice(i, i + 4);
      shortCode.appendChild(group);
    }
  }
  // The price of the branch name: three characters to type per Chinese character, on a TV remote.
  function tradeOff(chosen, code) {
    var bare = codes.encode({ topics: chosen.topics, chosen: chosen.chosen, interval: chosen.interval, org: "" }, scheme);
    var typed = shortLink.href.replace(/^https?:\/\//, "").length;
    if (chosen.org && bare) {
      length.textContent = "连网址一共要输入 " + typed + " 个字符，其中网点名称占 " + (code.length - bare.length) +
        " 个（每个汉字 3 个）。不填网点名称只要输入 " + (typed - code.length + bare.length) +
        " 个，电视遥控器上快得多，只是屏幕左上角不显示名称。";
    } else {
      length.textContent = "连网址一共要输入 " + typed + " 个字符。填了网点名称，每个汉字要多输入 3 个字符。";
    }
  }
  function update() {
    var chosen = settings();
    var q = { text: codes.query(chosen) };
    var address = root.getAttribute("data-xb-screen") + q.text;
    link.href = address;
    link.textContent = address;
    var code = codes.encode(chosen, scheme);
    short.hidden = !code;  // no code only for settings the form cannot make
    if (code) {
      shortLink.href = root.getAttribute("data-xb-short") + "?" + code;
      showCode(code);
      tradeOff(chosen, code);
    }
    if (!chosen.chosen) {
      status.textContent = "没有选主题：大屏会播放全部主题。";
    } else {
      status.textContent = "";
    }
    qr.innerHTML = qrSvg(address, "大屏地址的二维码：" + address);
    window.clearTimeout(timer);
    // Reload the preview after typing stops, not on every key.
    timer = window.setTimeout(function () { frame.src = root.getAttribute("data-xb-preview") + q.text; }, 400);
  }

  form.addEventListener("input", update);
  form.addEventListener("change", update);
  form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
  if (navigator.clipboard) {
    copy.hidden = false;
    copy.addEventListener("click", function () {
      navigator.clipboard.writeText(link.href).then(function () { status.textContent = "地址已复制。"; },
        function () { status.textContent = "没能复制，请手动选中地址复制。"; });
    });
  }
  update();
})();
