// Brotli copies of atelier's own static files (atelier.js, atelier.css, editor.*), for the
// browsers that accept br: Go's standard library has no brotli encoder. Each copy is named
// after the SHA-256 of the file it compresses, vendor/br/NAME.HASH10.br, and the server
// uses it only when that hash is the file's: a stale copy is never served.
// Run by scripts/assets.sh (make assets); deterministic and idempotent.
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const crypto = require('crypto');

const staticDir = path.join('internal', 'web', 'static');
const outDir = path.join(staticDir, 'vendor', 'br');
fs.mkdirSync(outDir, { recursive: true });

const wanted = new Set();
for (const name of fs.readdirSync(staticDir)) {
  if (!/\.(js|css|svg)$/.test(name)) continue;
  const body = fs.readFileSync(path.join(staticDir, name));
  const hash = crypto.createHash('sha256').update(body).digest('hex').slice(0, 10);
  const out = path.join(outDir, name + '.' + hash + '.br');
  wanted.add(path.basename(out));
  if (fs.existsSync(out)) continue;
  const br = zlib.brotliCompressSync(body, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length }
  });
  const tmp = out + '.tmp.' + process.pid;
  fs.writeFileSync(tmp, br);
  fs.renameSync(tmp, out);
  console.log('assets: ' + out + ' (' + body.length + ' -> ' + br.length + ' bytes)');
}
for (const name of fs.readdirSync(outDir)) {
  if (!wanted.has(name)) fs.unlinkSync(path.join(outDir, name)); // copies of older versions
}
