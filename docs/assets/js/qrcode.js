/* A small QR code encoder (ISO/IEC 18004): byte mode, error correction level M, versions 1-40.
   The screen builder draws the code of the address it builds, in the browser, with no library
   and no other host. Exposes window.XiaobaoQR.svg(text) -> SVG markup, .matrix(text) -> rows. */
(function () {
  "use strict";
  // Level M, per version 1..40 (index 0 unused): error correction codewords per block, and blocks.
  var ECC_PER_BLOCK = [0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26,
    26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28];
  var BLOCKS = [0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16,
    17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49];
  var FORMAT_LEVEL_M = 0;

  function rawModules(ver) {  // modules available for data and error correction, in bits
    var n = (16 * ver + 128) * ver + 64;
    if (ver >= 2) {
      var align = Math.floor(ver / 7) + 2;
      n -= (25 * align - 10) * align - 55;
      if (ver >= 7) { n -= 36; }
    }
    return n;
  }
  function dataCodewords(ver) { return Math.floor(rawModules(ver) / 8) - ECC_PER_BLOCK[ver] * BLOCKS[ver]; }

  function utf8(text) {
    var bytes = [];
    var s = unescape(encodeURIComponent(text));
    for (var i = 0; i < s.length; i++) { bytes.push(s.charCodeAt(i)); }
    return bytes;
  }

  /* ---- Reed-Solomon over GF(256), polynomial 0x11D ---- */
  function gfMul(x, y) {
    var z = 0;
    for (var i = 7; i >= 0; i--) {
      z = (z << 1) ^ ((z >>> 7) * 0x11D);
      z ^= ((y >>> i) & 1) * x;
    }
    return z & 0xFF;
  }
  function rsDivisor(degree) {
    var result = [];
    for (var i = 0; i < degree - 1; i++) { result.push(0); }
    result.push(1);
    var root = 1;
    for (i = 0; i < degree; i++) {
      for (var j = 0; j < result.length; j++) {
        result[j] = gfMul(result[j], root);
        if (j + 1 < result.length) { result[j] ^= result[j + 1]; }
      }
      root = gfMul(root, 0x02);
    }
    return result;
  }
  function rsRemainder(data, divisor) {
    var result = divisor.map(function () { return 0; });
    data.forEach(function (b) {
      var factor = b ^ result.shift();
      result.push(0);
      divisor.forEach(function (coef, i) { result[i] ^= gfMul(coef, factor); });
    });
    return result;
  }

  /* ---- data codewords: mode, length, bytes, terminator, padding ---- */
  function codewords(bytes, ver) {
    var bits = [];
    function put(value, length) { for (var i = length - 1; i >= 0; i--) { bits.push((value >>> i) & 1); } }
    put(4, 4);
    put(bytes.length, ver <= 9 ? 8 : 16);
    bytes.forEach(function (b) { put(b, 8); });
    var capacity = dataCodewords(ver) * 8;
    put(0, Math.min(4, capacity - bits.length));
    put(0, (8 - bits.length % 8) % 8);
    for (var pad = 0xEC; bits.length < capacity; pad ^= 0xEC ^ 0x11) { put(pad, 8); }
    var out = [];
    for (var i = 0; i < bits.length; i += 8) {
      var byte = 0;
      for (var j = 0; j < 8; j++) { byte = (byte << 1) | bits[i + j]; }
      out.push(byte);
    }
    return out;
  }
  function interleave(data, ver) {
    var blocks = BLOCKS[ver];
    var eccLen = ECC_PER_BLOCK[ver];
    var raw = Math.floor(rawModules(ver) / 8);
    var shortBlocks = blocks - raw % blocks;
    var shortLen = Math.floor(raw / blocks);
    var divisor = rsDivisor(eccLen);
    var all = [];
    for (var i = 0, k = 0; i < blocks; i++) {
      var dat = data.slice(k, k + shortLen - eccLen + (i < shortBlocks ? 0 : 1));
      k += dat.length;
      var ecc = rsRemainder(dat, divisor);
      if (i < shortBlocks) { dat.push(0); }
      all.push(dat.concat(ecc));
    }
    var result = [];
    for (i = 0; i < all[0].length; i++) {
      for (var j = 0; j < all.length; j++) {
        if (i !== shortLen - eccLen || j >= shortBlocks) { result.push(all[j][i]); }
      }
    }
    return result;
  }

  /* ---- the matrix ---- */
  function Grid(ver) {
    this.size = ver * 4 + 17;
    this.dark = [];
    this.fixed = [];
    for (var y = 0; y < this.size; y++) {
      this.dark.push(new Array(this.size).fill(false));
      this.fixed.push(new Array(this.size).fill(false));
    }
  }
  Grid.prototype.set = function (x, y, dark) { this.dark[y][x] = dark; this.fixed[y][x] = true; };

  function alignmentPositions(ver) {
    if (ver === 1) { return []; }
    var count = Math.floor(ver / 7) + 2;
    var step = ver === 32 ? 26 : Math.ceil((ver * 4 + 4) / (count * 2 - 2)) * 2;
    var result = [6];
    for (var pos = ver * 4 + 10; result.length < count; pos -= step) { result.splice(1, 0, pos); }
    return result;
  }
  function drawFunctionPatterns(g, ver) {
    var size = g.size, i, dx, dy;
    for (i = 0; i < size; i++) { g.set(6, i, i % 2 === 0); g.set(i, 6, i % 2 === 0); }
    [[3, 3], [size - 4, 3], [3, size - 4]].forEach(function (c) {
      for (dy = -4; dy <= 4; dy++) {
        for (dx = -4; dx <= 4; dx++) {
          var d = Math.max(Math.abs(dx), Math.abs(dy));
          var x = c[0] + dx, y = c[1] + dy;
          if (x >= 0 && x < size && y >= 0 && y < size) { g.set(x, y, d !== 2 && d !== 4); }
        }
      }
    });
    var pos = alignmentPositions(ver);
    var last = pos.length - 1;
    for (var a = 0; a < pos.length; a++) {
      for (var b = 0; b < pos.length; b++) {
        if ((a === 0 && b === 0) || (a === 0 && b === last) || (a === last && b === 0)) { continue; }
        for (dy = -2; dy <= 2; dy++) {
          for (dx = -2; dx <= 2; dx++) { g.set(pos[a] + dx, pos[b] + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1); }
        }
      }
    }
    drawFormat(g, 0);  // reserve the format areas; real bits drawn after masking
    if (ver >= 7) {
      var rem = ver;
      for (i = 0; i < 12; i++) { rem = (rem << 1) ^ ((rem >>> 11) * 0x1F25); }
      var bits = ver << 12 | rem;
      for (i = 0; i < 18; i++) {
        var bit = ((bits >>> i) & 1) !== 0;
        var p = size - 11 + i % 3, q = Math.floor(i / 3);
        g.set(p, q, bit);
        g.set(q, p, bit);
      }
    }
  }
  function drawFormat(g, mask) {
    var data = FORMAT_LEVEL_M << 3 | mask;
    var rem = data;
    for (var i = 0; i < 10; i++) { rem = (rem << 1) ^ ((rem >>> 9) * 0x537); }
    var bits = (data << 10 | rem) ^ 0x5412;
    function bit(k) { return ((bits >>> k) & 1) !== 0; }
    var size = g.size;
    for (i = 0; i <= 5; i++) { g.set(8, i, bit(i)); }
    g.set(8, 7, bit(6));
    g.set(8, 8, bit(7));
    g.set(7, 8, bit(8));
    for (i = 9; i < 15; i++) { g.set(14 - i, 8, bit(i)); }
    for (i = 0; i < 8; i++) { g.set(size - 1 - i, 8, bit(i)); }
    for (i = 8; i < 15; i++) { g.set(8, size - 15 + i, bit(i)); }
    g.set(8, size - 8, true);
  }
  function drawData(g, data) {
    var size = g.size, i = 0;
    for (var right = size - 1; right >= 1; right -= 2) {
      if (right === 6) { right = 5; }
      for (var vert = 0; vert < size; vert++) {
        for (var j = 0; j < 2; j++) {
          var x = right - j;
          var upward = ((right + 1) & 2) === 0;
          var y = upward ? size - 1 - vert : vert;
          if (!g.fixed[y][x] && i < data.length * 8) {
            g.dark[y][x] = ((data[i >>> 3] >>> (7 - (i & 7))) & 1) !== 0;
            i++;
          }
        }
      }
    }
  }
  var MASKS = [
    function (x, y) { return (x + y) % 2 === 0; },
    function (x, y) { return y % 2 === 0; },
    function (x) { return x % 3 === 0; },
    function (x, y) { return (x + y) % 3 === 0; },
    function (x, y) { return (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0; },
    function (x, y) { return x * y % 2 + x * y % 3 === 0; },
    function (x, y) { return (x * y % 2 + x * y % 3) % 2 === 0; },
    function (x, y) { return ((x + y) % 2 + x * y % 3) % 2 === 0; }
  ];
  function applyMask(g, mask) {
    for (var y = 0; y < g.size; y++) {
      for (var x = 0; x < g.size; x++) {
        if (!g.fixed[y][x] && MASKS[mask](x, y)) { g.dark[y][x] = !g.dark[y][x]; }
      }
    }
  }
  // Runs of five or more, 2x2 blocks and dark/light balance (rules 1, 2 and 4 of the standard):
  // enough to avoid the masks that scan badly.
  function penalty(g) {
    var size = g.size, score = 0, darkCount = 0, x, y;
    for (var pass = 0; pass < 2; pass++) {
      for (var a = 0; a < size; a++) {
        var run = 1;
        for (var b = 1; b < size; b++) {
          var cur = pass ? g.dark[b][a] : g.dark[a][b];
          var prev = pass ? g.dark[b - 1][a] : g.dark[a][b - 1];
          if (cur === prev) { run++; if (run === 5) { score += 3; } else if (run > 5) { score++; } } else { run = 1; }
        }
      }
    }
    for (y = 0; y < size; y++) {
      for (x = 0; x < size; x++) {
        if (g.dark[y][x]) { darkCount++; }
        if (x + 1 < size && y + 1 < size) {
          var c = g.dark[y][x];
          if (c === g.dark[y][x + 1] && c === g.dark[y + 1][x] && c === g.dark[y + 1][x + 1]) { score += 3; }
        }
      }
    }
    var total = size * size;
    score += Math.floor(Math.abs(darkCount * 20 - total * 10) / total) * 10;
    return score;
  }

  function matrix(text) {
    var bytes = utf8(text);
    var ver = 1;
    while (ver <= 40 && 4 + (ver <= 9 ? 8 : 16) + bytes.length * 8 > dataCodewords(ver) * 8) { ver++; }
    if (ver > 40) { throw new Error("too long for a QR code"); }
    var data = interleave(codewords(bytes, ver), ver);
    var best = null, bestScore = Infinity;
    for (var mask = 0; mask < 8; mask++) {
      var g = new Grid(ver);
      drawFunctionPatterns(g, ver);
      drawData(g, data);
      applyMask(g, mask);
      drawFormat(g, mask);
      var score = penalty(g);
      if (score < bestScore) { best = g; bestScore = score; }
    }
    return best.dark;
  }

  function svg(text, label) {
    var rows = matrix(text);
    var border = 4, size = rows.length + border * 2, path = "";
    rows.forEach(function (row, y) {
      row.forEach(function (dark, x) { if (dark) { path += "M" + (x + border) + " " + (y + border) + "h1v1h-1z"; } });
    });
    var title = String(label || "").replace(/&/g, "&amp;").replace(/</g, "&lt;");
    return '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ' + size + " " + size +
      '" shape-rendering="crispEdges" role="img"' + (title ? ' aria-label="' + title.replace(/"/g, "&quot;") + '"' : "") +
      '><rect width="100%" height="100%" fill="#fff"/><path fill="#000" d="' + path + '"/></svg>';
  }

  window.XiaobaoQR = { matrix: matrix, svg: svg };
})();
