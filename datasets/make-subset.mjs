// Regenerates the committed Fashion-MNIST subset in datasets/fashion-mnist-subset/ from the full
// set (by default the Debian package dataset-fashion-mnist in /usr/share/datasets/fashion-mnist/).
//
//   node datasets/make-subset.mjs [--source DIR] [--out DIR] [--train-per-class N] [--test-per-class N] [--check]
//
// Selection rule (documented in datasets/README.md): walk each split in its original order and keep
// an example while fewer than N examples of its class have been kept. The result is class-balanced
// and keeps the original relative order. Files are written in the standard IDX format, gzipped at
// level 9. With --check nothing is written: the subset is rebuilt in memory and compared, by the
// SHA-256 of the decompressed IDX bytes, with the files in --out; exit status 1 on any difference.
//
// Self-contained on purpose (Node built-ins only): it must run without building kernel-helpers.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

// SHA-256 of the decompressed upstream IDX files (identical in the Debian package; see README.md).
const FULL_SHA256 = {
  'train-images-idx3-ubyte.gz': 'c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888',
  'train-labels-idx1-ubyte.gz': 'bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9',
  't10k-images-idx3-ubyte.gz': '5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b',
  't10k-labels-idx1-ubyte.gz': '0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34',
};

function parseArgs(argv) {
  const options = {
    source: '/usr/share/datasets/fashion-mnist',
    out: path.join(here, 'fashion-mnist-subset'),
    trainPerClass: 1000,
    testPerClass: 200,
    check: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) fail(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === '--source') options.source = path.resolve(value());
    else if (arg === '--out') options.out = path.resolve(value());
    else if (arg === '--train-per-class') options.trainPerClass = positiveInt(arg, value());
    else if (arg === '--test-per-class') options.testPerClass = positiveInt(arg, value());
    else if (arg === '--check') options.check = true;
    else fail(`unknown argument ${JSON.stringify(arg)}`);
  }
  return options;
}

function positiveInt(name, text) {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) fail(`${name} must be a positive integer, got ${JSON.stringify(text)}`);
  return n;
}

function fail(message) {
  console.error(`make-subset: ${message}`);
  process.exit(1);
}

const sha256 = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex');

/** Reads, gunzips and checks one full-set file; returns { dims, data } with data a Uint8Array view. */
function readFull(dir, name, expectedMagic) {
  const file = path.join(dir, name);
  if (!fs.existsSync(file)) {
    fail(`${file} not found; install the full set (apt-get install dataset-fashion-mnist) or pass --source DIR`);
  }
  let raw;
  try {
    raw = zlib.gunzipSync(fs.readFileSync(file));
  } catch (error) {
    fail(`${file} is not a valid gzip file (${error.message})`);
  }
  const digest = sha256(raw);
  if (digest !== FULL_SHA256[name]) {
    fail(`${file}: SHA-256 of the decompressed IDX data is ${digest}, expected ${FULL_SHA256[name]}`);
  }
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const magic = view.getUint32(0);
  if (magic !== expectedMagic) fail(`${file}: IDX magic 0x${magic.toString(16)}, expected 0x${expectedMagic.toString(16)}`);
  const rank = magic & 0xff;
  const dims = [];
  for (let d = 0; d < rank; d++) dims.push(view.getUint32(4 + 4 * d));
  const headerBytes = 4 + 4 * rank;
  return { dims, data: new Uint8Array(raw.buffer, raw.byteOffset + headerBytes, raw.byteLength - headerBytes) };
}

/** Standard IDX bytes for unsigned-byte data (type code 0x08), dims big-endian. */
function encodeUbyteIdx(dims, data) {
  const headerBytes = 4 + 4 * dims.length;
  const out = new Uint8Array(headerBytes + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0x0800 | dims.length);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d));
  out.set(data, headerBytes);
  return out;
}

/** Indices of the first `perClass` examples of every class, in original order. */
function firstPerClass(labels, perClass, split) {
  const counts = new Array(10).fill(0);
  const keep = [];
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i];
    if (counts[c] < perClass) {
      counts[c]++;
      keep.push(i);
    }
  }
  const short = counts.findIndex((n) => n < perClass);
  if (short >= 0) fail(`${split} split has only ${counts[short]} examples of class ${short}, fewer than ${perClass}`);
  return keep;
}

function buildSplit(options, prefix, perClass) {
  const images = readFull(options.source, `${prefix}-images-idx3-ubyte.gz`, 0x0803);
  const labels = readFull(options.source, `${prefix}-labels-idx1-ubyte.gz`, 0x0801);
  const [n, rows, cols] = images.dims;
  if (labels.dims[0] !== n) fail(`${prefix}: ${n} images but ${labels.dims[0]} labels`);
  const keep = firstPerClass(labels.data, perClass, prefix);
  const pixels = rows * cols;
  const outImages = new Uint8Array(keep.length * pixels);
  const outLabels = new Uint8Array(keep.length);
  keep.forEach((src, dst) => {
    outImages.set(images.data.subarray(src * pixels, (src + 1) * pixels), dst * pixels);
    outLabels[dst] = labels.data[src];
  });
  return [
    [`${prefix}-images-idx3-ubyte.gz`, encodeUbyteIdx([keep.length, rows, cols], outImages)],
    [`${prefix}-labels-idx1-ubyte.gz`, encodeUbyteIdx([keep.length], outLabels)],
  ];
}

const options = parseArgs(process.argv.slice(2));
const files = [...buildSplit(options, 'train', options.trainPerClass), ...buildSplit(options, 't10k', options.testPerClass)];

if (options.check) {
  let bad = 0;
  for (const [name, idx] of files) {
    const file = path.join(options.out, name);
    let committed = null;
    try {
      committed = sha256(zlib.gunzipSync(fs.readFileSync(file)));
    } catch (error) {
      console.error(`make-subset: cannot read ${file}: ${error.message}`);
      bad++;
      continue;
    }
    const rebuilt = sha256(idx);
    if (committed !== rebuilt) {
      console.error(`make-subset: ${file} differs from the rebuilt subset (SHA-256 ${committed}, rebuilt ${rebuilt})`);
      bad++;
    } else {
      console.log(`ok ${name} ${rebuilt}`);
    }
  }
  process.exit(bad === 0 ? 0 : 1);
}

fs.mkdirSync(options.out, { recursive: true });
for (const [name, idx] of files) {
  const gz = zlib.gzipSync(idx, { level: 9 });
  const file = path.join(options.out, name);
  // Write to a temporary name and rename, so an interrupted run never leaves a half-written file.
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, gz);
  fs.renameSync(tmp, file);
  console.log(`${name}\t${gz.length} bytes gz\t${idx.length} bytes IDX\tsha256(gz) ${sha256(gz)}\tsha256(IDX) ${sha256(idx)}`);
}
