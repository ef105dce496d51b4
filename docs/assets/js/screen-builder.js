/* Screen builder (大屏轮播, docs/screen-builder.md): the /screen/ address for a branch, its QR code
   (docs/assets/js/qrcode.js, drawn here, nothing fetched) and a live preview. */
(function () {
  "use strict";
  var root = document.querySelector("[data-xb-builder]");
  if (!root) { return; }
  var DEFAULT_INTERVAL = "15";
  var form = root.querySelector("form");
  var link = document.getElementById("xb-builder-url");
  var qr = document.getElementById("xb-builder-qr");
  var frame = document.getElementById("xb-builder-frame");
  var copy = root.querySelector(".xb-builder__copy");
  var status = root.querySelector(".xb-builder__status");
  var timer = null;

  // The same query as xiaobao/outputs/screen.py screen_address: topics, then interval, then org.
  function query() {
    var boxes = form.querySelectorAll('input[name="topic"]:checked');
    var keys = [];
    for (var i = 0; i < boxes.length; i++) { keys.push(boxes[i].value); }
    var parts = [];
    var offered = form.querySelectorAll('input[name="topic"]').length;
    if (keys.length && keys.length !== offered) { parts.push("topics=" + keys.join(",")); }  // all: no list needed
    var interval = form.querySelector("select").value;
    if (interval !== DEFAULT_INTERVAL) { parts.push("interval=" + interval); }
    var org = form.querySelector('input[name="org"]').value.trim().slice(0, 40);
    if (org) { parts.push("org=" + encodeURIComponent(org)); }
    return { text: parts.length ? "?" + parts.join("&") : "", topics: keys.length };
  }
  function update() {
    var q = query();
    var address = root.getAttribute("data-xb-screen") + q.text;
    link.href = address;
    link.textContent = address;
    if (!q.topics) {
      status.textContent = "没有选主题：大屏会播放全部主题。";
    } else {
      status.textContent = "";
    }
    if (window.XiaobaoQR) { qr.innerHTML = window.XiaobaoQR.svg(address, "大屏地址的二维码：" + address); }
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
