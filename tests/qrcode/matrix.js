// Runs the vendored qrcode-generator in Node for tests/test_qrcode_js.py, as the screen builder
// does in the browser (docs/assets/js/screen-builder.js): UTF-8 bytes, byte mode.
// Input on stdin: {"script": path, "cases": [{"text", "version", "level"}]}; output: each code's rows of 0/1.
'use strict';
const fs = require('fs');
const input = JSON.parse(fs.readFileSync(0, 'utf8'));
const qrcode = require(input.script);
qrcode.stringToBytes = qrcode.stringToBytesFuncs['UTF-8'];
const rows = input.cases.map((c) => {
  const code = qrcode(c.version, c.level);
  code.addData(c.text, 'Byte');
  code.make();
  const n = code.getModuleCount();
  const out = [];
  for (let y = 0; y < n; y++) {
    let row = '';
    for (let x = 0; x < n; x++) { row += code.isDark(y, x) ? '1' : '0'; }
    out.push(row);
  }
  return out;
});
process.stdout.write(JSON.stringify(rows));
