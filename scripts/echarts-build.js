// Builds atelier's ECharts bundles with esbuild (pinned in package.json / package-lock.json).
// Called by scripts/assets.sh; run from the repository root after `npm ci`. Offline, and
// deterministic: the same inputs give the same bytes, and a bundle is rewritten only when its
// bytes change (temp file + rename), so a second run changes nothing.
//
//   scripts/echarts-entry.js      -> internal/web/static/vendor/echarts/echarts.min.js       (everything atelier draws)
//   scripts/echarts-base-entry.js -> internal/web/static/vendor/echarts/echarts-base.min.js  (bar, line, pie, scatter)
//
// Prints, for each bundle written, its size raw / gzip -9 / brotli q11, the figures the
// "first visit ≤ 200 KB" budget is checked against.
'use strict';

const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const esbuild = require('esbuild');

const dest = 'internal/web/static/vendor/echarts';
const bundles = [
  { entry: 'scripts/echarts-entry.js', out: 'echarts.min.js' },
  { entry: 'scripts/echarts-base-entry.js', out: 'echarts-base.min.js' }
];

const echartsVersion = require(path.resolve('node_modules/echarts/package.json')).version;
const banner = '/*! Apache ECharts ' + echartsVersion + ' (Apache-2.0), with ZRender (BSD-3-Clause) and ' +
  'parts of d3 (BSD-3-Clause): a build of the parts atelier uses. Licences: LICENSE, NOTICE, ' +
  'LICENSE-zrender and LICENSE-d3 beside this file. */';

function kb(n) {
  return (n / 1024).toFixed(1) + ' KiB';
}

function sizes(buf) {
  const gz = zlib.gzipSync(buf, { level: 9 }).length;
  const br = zlib.brotliCompressSync(buf, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length
    }
  }).length;
  return 'raw ' + kb(buf.length) + ', gzip ' + kb(gz) + ', brotli ' + kb(br);
}

async function main() {
  fs.mkdirSync(dest, { recursive: true });
  let written = 0;
  for (const b of bundles) {
    const result = await esbuild.build({
      entryPoints: [b.entry],
      bundle: true,
      minify: true,
      format: 'iife',
      globalName: 'echarts', // var echarts = …: window.echarts, as with dist/echarts.min.js
      target: 'es2019', // phones a few years old; ECharts' own code is ES5
      platform: 'browser',
      define: { 'process.env.NODE_ENV': '"production"' }, // drops ECharts' dev-only checks
      legalComments: 'none', // the licences ship as files beside the bundle; banner says so
      banner: { js: banner },
      charset: 'utf8',
      write: false,
      logLevel: 'warning'
    });
    const code = Buffer.from(result.outputFiles[0].contents);
    const out = path.join(dest, b.out);
    let old = null;
    try {
      old = fs.readFileSync(out);
    } catch (e) { /* first build */ }
    if (old && old.equals(code) && fs.existsSync(out + '.br')) continue;
    writeAtomic(out, code);
    // Brotli at build time, once: Go's standard library has no brotli encoder, and the
    // server sends this file to browsers that accept br (a first visit stays under 200 KB).
    writeAtomic(out + '.br', zlib.brotliCompressSync(code, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: code.length }
    }));
    written++;
    console.log('assets: ' + out + ' (' + sizes(code) + ')');
  }
  if (written === 0) console.log('assets: ECharts bundles up to date in ' + dest);
}

function writeAtomic(file, bytes) {
  const tmp = file + '.tmp.' + process.pid;
  fs.writeFileSync(tmp, bytes);
  fs.renameSync(tmp, file); // a reader never sees half a file
}

main().catch((err) => {
  console.error('assets: esbuild failed: ' + (err && err.message ? err.message : err));
  process.exit(1);
});
