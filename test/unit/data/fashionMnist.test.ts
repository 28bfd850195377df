import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../../kernel-helpers/src/backend';
import { encodeIdx } from '../../../kernel-helpers/src/data/idx';
import {
  loadFashionMnist,
  fashionMnistTensors,
  locate,
  defaultFashionMnistSearchPaths,
  repoDatasetsDir,
  subsetNotice,
  type FashionMnistSearchPaths,
} from '../../../kernel-helpers/src/data/fashionMnist';
import { FASHION_MNIST_CLASSES, FASHION_MNIST_FILES } from '../../../kernel-helpers/src/data/fashionMnistFiles';

const repoRoot = path.resolve(__dirname, '../../..');
const SUBSET = path.join(repoRoot, 'datasets', 'fashion-mnist-subset');
const SYSTEM = '/usr/share/datasets/fashion-mnist';
const hasSystem = FASHION_MNIST_FILES.every((f) => fs.existsSync(path.join(SYSTEM, f.name)));
const noSystem = hasSystem ? false : `the Debian package dataset-fashion-mnist is not installed (${SYSTEM})`;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fmnist-test-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
const nowhere = path.join(tmp, 'does-not-exist');

/** Search paths with only the committed subset available. */
const subsetOnly: FashionMnistSearchPaths = { repo: nowhere, system: nowhere, subset: SUBSET };

function classCounts(labels: Uint8Array): number[] {
  const counts = new Array(10).fill(0);
  for (const l of labels) counts[l]++;
  return counts;
}

/** Writes a small, valid Fashion-MNIST-shaped folder (not the real data) and returns its path. */
function writeFakeSet(name: string, nTrain: number, nTest: number, tweak: { labels?: (l: Uint8Array) => void; testLabelCount?: number } = {}): string {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir, { recursive: true });
  const write = (file: string, dims: number[], data: Uint8Array) => fs.writeFileSync(path.join(dir, file), zlib.gzipSync(encodeIdx({ dims, dtype: 'uint8', data })));
  const images = (n: number) => Uint8Array.from({ length: n * 784 }, (_, i) => i % 256);
  const labels = (n: number) => {
    const l = Uint8Array.from({ length: n }, (_, i) => i % 10);
    tweak.labels?.(l);
    return l;
  };
  write('train-images-idx3-ubyte.gz', [nTrain, 28, 28], images(nTrain));
  write('train-labels-idx1-ubyte.gz', [nTrain], labels(nTrain));
  write('t10k-images-idx3-ubyte.gz', [nTest, 28, 28], images(nTest));
  const nl = tweak.testLabelCount ?? nTest;
  write('t10k-labels-idx1-ubyte.gz', [nl], labels(nl));
  return dir;
}

before(async () => {
  await initBackend();
});

test('the committed subset loads, verified: 10,000 / 2,000 images, balanced classes, 0..255 pixels', () => {
  const { train, test: testSplit, source } = loadFashionMnist({ quiet: true }, subsetOnly);
  assert.deepEqual(source, { location: 'subset', kind: 'subset', dir: SUBSET });
  assert.deepEqual(train.shape, [10000, 28, 28]);
  assert.equal(train.images.length, 10000 * 784);
  assert.deepEqual(classCounts(train.labels), new Array(10).fill(1000));
  assert.deepEqual(testSplit.shape, [2000, 28, 28]);
  assert.deepEqual(classCounts(testSplit.labels), new Array(10).fill(200));
  let max = 0;
  let sum = 0;
  for (const p of train.images) {
    if (p > max) max = p;
    sum += p;
  }
  assert.equal(max, 255);
  // Fashion-MNIST's mean pixel is about 72.9 / 255 (0.286); the balanced subset is close to it.
  assert.ok(Math.abs(sum / train.images.length - 72.9) < 3, `mean pixel ${sum / train.images.length}`);
});

test('the subset notice goes to stdout once per process, and not at all when quiet', () => {
  const lines: string[] = [];
  const original = console.log;
  console.log = (...args: unknown[]) => void lines.push(args.join(' '));
  try {
    loadFashionMnist({ split: 'test', quiet: true }, subsetOnly);
    assert.deepEqual(lines, []);
    loadFashionMnist({ split: 'test' }, subsetOnly);
    loadFashionMnist({ split: 'test' }, subsetOnly);
  } finally {
    console.log = original;
  }
  assert.deepEqual(lines, ['Using the committed Fashion-MNIST subset (10000 train / 2000 test); run "npm run fetch-data" for the full set.']);
  assert.equal(subsetNotice(), lines[0]);
});

test('split and limit select what is loaded; limit keeps the first examples', () => {
  const onlyTrain = loadFashionMnist({ split: 'train', quiet: true }, subsetOnly);
  assert.ok('train' in onlyTrain && !('test' in onlyTrain));
  const onlyTest = loadFashionMnist({ split: 'test', limit: 50, quiet: true }, subsetOnly);
  assert.ok(!('train' in onlyTest));
  assert.equal(onlyTest.test.n, 50);
  assert.deepEqual(onlyTest.test.shape, [50, 28, 28]);
  const all = loadFashionMnist({ split: 'test', quiet: true }, subsetOnly);
  assert.deepEqual(onlyTest.test.labels, all.test.labels.subarray(0, 50));
  assert.deepEqual(onlyTest.test.images, all.test.images.subarray(0, 50 * 784));
  // A limit above the split size keeps the whole split.
  assert.equal(loadFashionMnist({ split: 'test', limit: 1e6, quiet: true }, subsetOnly).test.n, 2000);
});

test('bad options fail clearly', () => {
  assert.throws(() => loadFashionMnist({ split: 'val' as 'train' }, subsetOnly), /options\.split must be 'train', 'test' or 'both', got "val"/);
  assert.throws(() => loadFashionMnist({ limit: 0 }, subsetOnly), /options\.limit must be a positive integer, got 0/);
  assert.throws(() => loadFashionMnist({ limit: 2.5 }, subsetOnly), /options\.limit must be a positive integer, got 2\.5/);
  assert.throws(() => loadFashionMnist({ dir: '' }, subsetOnly), /options\.dir must be a non-empty path/);
});

test('search order: dir option, then FASHION_MNIST_DIR, then repo full set, then Debian, then subset', () => {
  const needed = FASHION_MNIST_FILES.map((f) => f.name);
  const mk = (name: string) => {
    const dir = path.join(tmp, 'order', name);
    fs.mkdirSync(dir, { recursive: true });
    for (const f of needed) fs.writeFileSync(path.join(dir, f), '');
    return dir;
  };
  const [opt, env, repo, system, subset] = ['opt', 'env', 'repo', 'system', 'subset'].map(mk);
  const partial = path.join(tmp, 'order', 'partial');
  fs.mkdirSync(partial, { recursive: true });
  fs.writeFileSync(path.join(partial, needed[0]), '');
  assert.deepEqual(locate(needed, opt, { env, repo, system, subset }), { location: 'option', dir: opt });
  assert.deepEqual(locate(needed, undefined, { env, repo, system, subset }), { location: 'env', dir: env });
  assert.deepEqual(locate(needed, undefined, { repo, system, subset }), { location: 'repo', dir: repo });
  // A partly filled repo folder (an interrupted fetch) is skipped, not half-used.
  assert.deepEqual(locate(needed, undefined, { repo: partial, system, subset }), { location: 'system', dir: system });
  assert.deepEqual(locate(needed, undefined, { repo: nowhere, system: nowhere, subset }), { location: 'subset', dir: subset });
  // Only the files of the requested split are needed.
  assert.deepEqual(locate([needed[0]], undefined, { repo: partial, system, subset }), { location: 'repo', dir: partial });
  assert.throws(() => locate(needed, undefined, { repo: nowhere, system: nowhere, subset: nowhere }), /no Fashion-MNIST files found in .*run "npm run fetch-data"/);
  // A folder the caller named must hold the files: no silent fallback.
  assert.throws(() => locate(needed, undefined, { env: partial, repo, system, subset }), (e: Error) => e.message.includes(`FASHION_MNIST_DIR ${partial} lacks train-labels-idx1-ubyte.gz`));
  assert.throws(() => locate(needed, nowhere, { repo, system, subset }), (e: Error) => e.message.includes(`options.dir ${nowhere} is not a directory`));
});

test('the default search paths read FASHION_MNIST_DIR and find datasets/ from the package, not the cwd', () => {
  const saved = { cwd: process.cwd(), env: process.env.FASHION_MNIST_DIR };
  try {
    process.chdir(os.tmpdir());
    delete process.env.FASHION_MNIST_DIR;
    const paths = defaultFashionMnistSearchPaths();
    assert.equal(repoDatasetsDir(), path.join(repoRoot, 'datasets'));
    assert.deepEqual(paths, { env: undefined, repo: path.join(repoRoot, 'datasets', 'fashion-mnist'), system: SYSTEM, subset: SUBSET });
    process.env.FASHION_MNIST_DIR = '/some/where';
    assert.equal(defaultFashionMnistSearchPaths().env, '/some/where');
  } finally {
    process.chdir(saved.cwd);
    if (saved.env === undefined) delete process.env.FASHION_MNIST_DIR;
    else process.env.FASHION_MNIST_DIR = saved.env;
  }
});

test('a folder from FASHION_MNIST_DIR may hold other files only with verify: false', () => {
  const fake = writeFakeSet('fake', 30, 20);
  const paths = { ...subsetOnly, env: fake };
  assert.throws(
    () => loadFashionMnist({}, paths),
    (e: Error) => e.message.startsWith(path.join(fake, 'train-images-idx3-ubyte.gz')) && /SHA-256 .* \(full\) or .* \(subset\).*pass \{ verify: false \}/.test(e.message),
  );
  const loaded = loadFashionMnist({ verify: false }, paths);
  assert.deepEqual(loaded.source, { location: 'env', kind: 'other', dir: fake });
  assert.equal(loaded.train.n, 30);
  assert.equal(loaded.test.n, 20);
  assert.deepEqual(Array.from(loaded.train.labels.subarray(0, 12)), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]);
  // The committed subset, copied elsewhere, verifies as the subset.
  const copy = path.join(tmp, 'subset-copy');
  fs.cpSync(SUBSET, copy, { recursive: true });
  assert.deepEqual(loadFashionMnist({ split: 'test', quiet: true, dir: copy }, subsetOnly).source, { location: 'option', kind: 'subset', dir: copy });
});

test('a corrupted file in a standard location is an error naming the file, not a silent fallback', () => {
  // The subset's files where the full set belongs: valid IDX, wrong content.
  const repo = path.join(tmp, 'repo-bad');
  fs.cpSync(SUBSET, repo, { recursive: true });
  assert.throws(
    () => loadFashionMnist({ split: 'test' }, { ...subsetOnly, repo }),
    (e: Error) => e.message.startsWith(path.join(repo, 't10k-images-idx3-ubyte.gz')) && e.message.includes('delete it and run "npm run fetch-data"'),
  );
  // A truncated gzip file in the subset folder.
  const subset = path.join(tmp, 'subset-truncated');
  fs.cpSync(SUBSET, subset, { recursive: true });
  const file = path.join(subset, 't10k-labels-idx1-ubyte.gz');
  fs.writeFileSync(file, fs.readFileSync(file).subarray(0, 300));
  assert.throws(() => loadFashionMnist({ split: 'test', quiet: true }, { repo: nowhere, system: nowhere, subset }), (e: Error) => e.message.startsWith(`${file}: corrupted or truncated gzip data`));
});

test('unverified files are still checked for consistency: counts, shapes, label range', () => {
  const mismatched = writeFakeSet('mismatch', 10, 10, { testLabelCount: 9 });
  assert.throws(() => loadFashionMnist({ split: 'test', verify: false, dir: mismatched }, subsetOnly), /test split has 10 images .* but 9 labels/);
  const badLabel = writeFakeSet('badlabel', 10, 10, { labels: (l) => (l[3] = 10) });
  assert.throws(() => loadFashionMnist({ split: 'train', verify: false, dir: badLabel }, subsetOnly), /train-labels-idx1-ubyte\.gz: label 10 at index 3 is outside 0\.\.9/);
  const wrongShape = path.join(tmp, 'wrongshape');
  fs.mkdirSync(wrongShape);
  fs.writeFileSync(path.join(wrongShape, 't10k-images-idx3-ubyte.gz'), zlib.gzipSync(encodeIdx({ dims: [2, 32, 32], dtype: 'uint8', data: new Uint8Array(2048) })));
  fs.writeFileSync(path.join(wrongShape, 't10k-labels-idx1-ubyte.gz'), zlib.gzipSync(encodeIdx({ dims: [2], dtype: 'uint8', data: new Uint8Array(2) })));
  assert.throws(() => loadFashionMnist({ split: 'test', verify: false, dir: wrongShape }, subsetOnly), /dimensions \[2, 32, 32\], expected \[N, 28, 28\]/);
});

test('the full set from the Debian package: 60,000 / 10,000, 6,000 per training class, loads in well under 5 s', { skip: noSystem }, () => {
  const t0 = performance.now();
  const full = loadFashionMnist({}, { repo: nowhere, system: SYSTEM, subset: SUBSET });
  const ms = performance.now() - t0;
  assert.deepEqual(full.source, { location: 'system', kind: 'full', dir: SYSTEM });
  assert.equal(full.train.n, 60000);
  assert.equal(full.test.n, 10000);
  assert.deepEqual(classCounts(full.train.labels), new Array(10).fill(6000));
  assert.deepEqual(classCounts(full.test.labels), new Array(10).fill(1000));
  assert.ok(ms < 5000, `full load took ${ms.toFixed(0)} ms`);
  // The committed subset is exactly the first 1,000 of each class, in order (datasets/README.md).
  const sub = loadFashionMnist({ split: 'train', quiet: true }, subsetOnly).train;
  const kept = new Array(10).fill(0);
  let row = 0;
  for (let i = 0; i < full.train.n && row < sub.n; i++) {
    const c = full.train.labels[i];
    if (kept[c]++ >= 1000) continue;
    assert.equal(sub.labels[row], c);
    assert.deepEqual(sub.images.subarray(row * 784, (row + 1) * 784), full.train.images.subarray(i * 784, (i + 1) * 784));
    row++;
  }
  assert.equal(row, 10000);
});

test('fashionMnistTensors: X float32 [N, 784] in [0, 1] or raw, y int32 [N], no leaked tensors', () => {
  const { test: split } = loadFashionMnist({ split: 'test', limit: 100, quiet: true }, subsetOnly);
  const before = tf.memory().numTensors;
  const { X, y } = fashionMnistTensors(split);
  assert.deepEqual(X.shape, [100, 784]);
  assert.equal(X.dtype, 'float32');
  assert.deepEqual(y.shape, [100]);
  assert.equal(y.dtype, 'int32');
  const xs = X.dataSync();
  assert.ok(Math.abs(xs[1234] - split.images[1234] / 255) < 1e-7);
  assert.equal(Math.max(...xs), 1);
  assert.deepEqual(Array.from(y.dataSync()), Array.from(split.labels));
  const raw = fashionMnistTensors(split, { scale: 'raw' });
  assert.equal(raw.X.dataSync()[1234], split.images[1234]);
  assert.equal(tf.memory().numTensors, before + 4);
  tf.dispose([X, y, raw.X, raw.y]);
  assert.equal(tf.memory().numTensors, before);
  assert.throws(() => fashionMnistTensors(split, { scale: 'std' as 'raw' }), /options\.scale must be 'unit' or 'raw', got "std"/);
  assert.throws(() => fashionMnistTensors({ ...split, n: 99 }), /split\.n is 99, but images has 78400 bytes \(want 77616\)/);
  assert.equal(tf.memory().numTensors, before);
});

test('FASHION_MNIST_CLASSES lists the ten upstream class names in label order', () => {
  assert.deepEqual([...FASHION_MNIST_CLASSES], ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot']);
});
