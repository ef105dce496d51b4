/* Short links for branch TVs (/s/?2c6eg…): the browser's copy of xiaobao/outputs/shortlink.py, which
   explains the format; tests/test_shortlink.py runs both on the same inputs. Used by the screen builder
   (docs/assets/js/screen-builder.js) to make a code, and by the /s/ page to open the /screen/ address.
   Plain ES5: a TV's browser may be years old. */
(function (root) {
  "use strict";
  var ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";  // Crockford base32, lower case: no i, l, o, u
  var FOLD = { i: "1", l: "1", o: "0" };
  var COMPACT = [[0x4E00, 0x9FFF], [0x3400, 0x4DBF], [0x0020, 0x007E], [0x00A0, 0x00FF],
                 [0x2000, 0x206F], [0x3000, 0x303F], [0xFF00, 0xFFEF]];
  var ESCAPE = 32767;
  var MAX_ORG = 40;
  var MAX_VARINT = 6;
  var DEFAULT_INTERVAL = 15;  // xiaobao/outputs/screen.py DEFAULT_INTERVAL: the address leaves it out

  function varint(value) {
    var out = "";
    for (;;) {
      var low = value % 16;
      value = Math.floor(value / 16);
      out += ALPHABET.charAt(low + (value ? 16 : 0));
      if (!value) { return out; }
    }
  }
  // A topic mask as digits, from the bit numbers: no 32-bit integer limits, however many topics come.
  function maskDigits(bits) {
    var nibbles = [0];
    for (var i = 0; i < bits.length; i++) {
      var n = Math.floor(bits[i] / 4);
      while (nibbles.length <= n) { nibbles.push(0); }
      nibbles[n] |= 1 << (bits[i] % 4);
    }
    while (nibbles.length > 1 && !nibbles[nibbles.length - 1]) { nibbles.pop(); }
    var out = "";
    for (var k = 0; k < nibbles.length; k++) {
      out += ALPHABET.charAt(nibbles[k] + (k < nibbles.length - 1 ? 16 : 0));
    }
    return out;
  }
  function compactValue(cp) {
    var base = 0;
    for (var i = 0; i < COMPACT.length; i++) {
      if (cp >= COMPACT[i][0] && cp <= COMPACT[i][1]) { return base + cp - COMPACT[i][0]; }
      base += COMPACT[i][1] - COMPACT[i][0] + 1;
    }
    return -1;
  }
  function compactCp(value) {
    var base = 0;
    for (var i = 0; i < COMPACT.length; i++) {
      var size = COMPACT[i][1] - COMPACT[i][0] + 1;
      if (value < base + size) { return COMPACT[i][0] + value - base; }
      base += size;
    }
    return -1;
  }
  function digits(value, count) {
    var out = "";
    for (var k = count - 1; k >= 0; k--) { out += ALPHABET.charAt(Math.floor(value / Math.pow(32, k)) % 32); }
    return out;
  }
  // The code points of a string: String.prototype.codePointAt is ES2015.
  function codePoints(text) {
    var out = [];
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      if (c >= 0xD800 && c <= 0xDBFF && i + 1 < text.length) {
        var d = text.charCodeAt(i + 1);
        if (d >= 0xDC00 && d <= 0xDFFF) { out.push((c - 0xD800) * 0x400 + d - 0xDC00 + 0x10000); i++; continue; }
      }
      out.push(c);
    }
    return out;
  }
  function fromCodePoint(cp) {
    if (cp < 0x10000) { return String.fromCharCode(cp); }
    cp -= 0x10000;
    return String.fromCharCode(0xD800 + (cp >> 10), 0xDC00 + (cp & 0x3FF));
  }

  /* settings: {topics: [keys] ([] = every topic), interval: seconds, org: text}; scheme: {topics, intervals}
     from the page's JSON. Returns the code, or null when the settings have no code (never happens
     from the builder's own form). */
  function encode(settings, scheme) {
    var index = scheme.intervals.indexOf(Number(settings.interval));
    if (index < 0) { return null; }
    var bits = [];
    for (var i = 0; i < settings.topics.length; i++) {
      var bit = scheme.topics.indexOf(settings.topics[i]);
      if (bit < 0) { return null; }
      bits.push(bit);
    }
    var out = varint(index) + maskDigits(bits);
    var cps = codePoints(settings.org || "");
    if (cps.length > MAX_ORG) { return null; }
    for (var k = 0; k < cps.length; k++) {
      if (cps[k] >= 0xD800 && cps[k] <= 0xDFFF) { return null; }
      var value = compactValue(cps[k]);
      out += value >= 0 ? digits(value, 3) : digits(ESCAPE, 3) + digits(cps[k], 5);
    }
    return out;
  }

  function normalise(code) {
    // ASCII only, as the Python side: no other character may turn into a letter of the code.
    var text = String(code).replace(/[ \t\r\n-]+/g, "").replace(/[A-Z]/g, function (ch) { return ch.toLowerCase(); });
    return text.replace(/[ilo]/g, function (ch) { return FOLD[ch]; });
  }

  function Invalid(why) { this.why = why; }

  /* The settings a code stands for, or null: anything that is not exactly some encode() output. */
  function decode(code, scheme) {
    try {
      return decodeOrThrow(code, scheme);
    } catch (e) {
      if (e instanceof Invalid) { return null; }
      throw e;
    }
  }
  function decodeOrThrow(code, scheme) {
    var text = normalise(code);
    if (!text) { throw new Invalid("empty"); }
    var d = [];
    for (var i = 0; i < text.length; i++) {
      var v = ALPHABET.indexOf(text.charAt(i));
      if (v < 0) { throw new Invalid("alphabet"); }
      d.push(v);
    }
    var at = 0;
    function readVarint() {  // returns the 4-bit groups, low first
      var groups = [];
      for (var k = 0; k < MAX_VARINT; k++) {
        if (at >= d.length) { throw new Invalid("ends inside a number"); }
        var x = d[at++];
        groups.push(x % 16);
        if (x < 16) {
          if (k && !(x % 16)) { throw new Invalid("over-long"); }
          return groups;
        }
      }
      throw new Invalid("number too long");
    }
    var intervalGroups = readVarint();
    var index = 0;
    for (var g = intervalGroups.length - 1; g >= 0; g--) { index = index * 16 + intervalGroups[g]; }
    if (index >= scheme.intervals.length) { throw new Invalid("interval"); }
    var maskGroups = readVarint();
    var topics = [];
    for (var n = 0; n < maskGroups.length; n++) {
      for (var b = 0; b < 4; b++) {
        if (maskGroups[n] & (1 << b)) {
          var bit = n * 4 + b;
          if (bit >= scheme.topics.length) { throw new Invalid("topic"); }
          topics.push(scheme.topics[bit]);
        }
      }
    }
    var org = "";
    var count = 0;
    while (at < d.length) {
      if (at + 3 > d.length) { throw new Invalid("ends inside a character"); }
      var value = d[at] * 1024 + d[at + 1] * 32 + d[at + 2];
      at += 3;
      var cp;
      if (value === ESCAPE) {
        if (at + 5 > d.length) { throw new Invalid("ends inside a character"); }
        cp = 0;
        for (var e = 0; e < 5; e++) { cp = cp * 32 + d[at + e]; }
        at += 5;
        if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || compactValue(cp) >= 0) { throw new Invalid("escape"); }
      } else {
        cp = compactCp(value);
        if (cp < 0) { throw new Invalid("unassigned"); }
      }
      org += fromCodePoint(cp);
      count++;
    }
    if (count > MAX_ORG) { throw new Invalid("org too long"); }
    // Topics in the order of the scheme, as the Python side lists them.
    return { topics: topics, interval: scheme.intervals[index], org: org };
  }

  /* The /screen/ query of settings, the same as xiaobao/outputs/screen.py screen_address:
     topics, then interval, then org. */
  function query(settings) {
    var parts = [];
    if (settings.topics.length) { parts.push("topics=" + settings.topics.join(",")); }
    if (Number(settings.interval) !== DEFAULT_INTERVAL) { parts.push("interval=" + settings.interval); }
    var org = (settings.org || "").replace(/^\s+|\s+$/g, "");  // the builder has cut it to 40 already
    if (org) { parts.push("org=" + encodeURIComponent(org)); }
    return parts.length ? "?" + parts.join("&") : "";
  }

  // The first n characters, counted as Python counts them: a pair of surrogates is never cut in two,
  // and a lone half (no character at all; encodeURIComponent would throw on it) is left out.
  function clip(text, n) {
    var cps = codePoints(text);
    var out = "";
    for (var i = 0, kept = 0; i < cps.length && kept < n; i++) {
      if (cps[i] < 0xD800 || cps[i] > 0xDFFF) { out += fromCodePoint(cps[i]); kept++; }
    }
    return out;
  }

  var api = { ALPHABET: ALPHABET, MAX_ORG: MAX_ORG, encode: encode, decode: decode, normalise: normalise,
              query: query, clip: clip };
  if (typeof module !== "undefined" && module.exports) { module.exports = api; }
  if (root) { root.XiaobaoShortLink = api; }

  // The /s/ page: open the screen the code stands for, or say plainly that the code is wrong.
  if (typeof document === "undefined" || !document.body || !document.body.hasAttribute("data-xb-short-page")) { return; }
  var scheme = JSON.parse(document.getElementById("xb-short-data").textContent);
  var raw = (root.location.search || "").replace(/^\?/, "").split("&")[0];
  var typed;
  try { typed = decodeURIComponent(raw); } catch (err) { typed = raw; }
  var settings = decode(typed, scheme);
  if (settings) {
    root.location.replace("../screen/" + query(settings));
    return;
  }
  document.getElementById("xb-short-title").textContent = typed ? "短链接打不开" : "短链接后面少了代码";
  document.getElementById("xb-short-wait").hidden = true;
  document.getElementById("xb-short-code").textContent = typed.slice(0, 60);
  document.getElementById("xb-short-code").hidden = !typed;
  document.getElementById("xb-short-bad").hidden = false;
})(typeof window !== "undefined" ? window : null);
