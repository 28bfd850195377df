import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { FASHION_MNIST_FILES, fashionMnistFile } from '../../../kernel-helpers/src/data/fashionMnistFiles';

const repoRoot = path.resolve(__dirname, '../../..');
const read = (rel: string) => fs.readFileSync(path.join(repoRoot, rel), 'utf8');
const sha256 = (bytes: Uint8Array) => crypto.createHash('sha256').update(bytes).digest('hex');
const SYSTEM = '/usr/share/datasets/fashion-mnist';
const hasSystem = FASHION_MNIST_FILES.every((f) => fs.existsSync(path.join(SYSTEM, f.name)));

test('the hash tables agree: TypeScript, fetch-data.mjs, make-subset.mjs and datasets/README.md', () => {
  const fetchData = read('scripts/fetch-data.mjs');
  const makeSubset = read('datasets/make-subset.mjs');
  const readme = read('datasets/README.md');
  for (const f of FASHION_MNIST_FILES) {
    // Each script pairs the file name with its hash on one line.
    assert.ok(fetchData.includes(`'${f.name}': '${f.fullSha256}'`), `fetch-data.mjs: ${f.name}`);
    assert.ok(makeSubset.includes(`'${f.name}': '${f.fullSha256}'`), `make-subset.mjs: ${f.name}`);
    for (const h of [f.fullSha256, f.debianGzSha256, f.upstreamGzMd5, f.upstreamIdxMd5, f.subsetSha256, f.subsetGzSha256]) {
      assert.ok(readme.includes(h), `README lacks ${h} (${f.name})`);
    }
  }
});

test('the committed subset files have the recorded hashes and dimensions', () => {
  for (const f of FASHION_MNIST_FILES) {
    const gz = fs.readFileSync(path.join(repoRoot, 'datasets', 'fashion-mnist-subset', f.name));
    assert.equal(sha256(gz), f.subsetGzSha256, `${f.name} .gz`);
    const raw = zlib.gunzipSync(gz);
    assert.equal(sha256(raw), f.subsetSha256, `${f.name} IDX`);
    assert.equal(raw[3], f.subsetDims.length);
    assert.equal(raw.readUInt32BE(4), f.subsetDims[0]);
  }
});

test('the Debian copies have the recorded .gz and IDX hashes', { skip: hasSystem ? false : `${SYSTEM} not installed` }, () => {
  for (const f of FASHION_MNIST_FILES) {
    const gz = fs.readFileSync(path.join(SYSTEM, f.name));
    assert.equal(sha256(gz), f.debianGzSha256, `${f.name} .gz`);
    const raw = zlib.gunzipSync(gz);
    assert.equal(sha256(raw), f.fullSha256, `${f.name} IDX`);
    assert.equal(crypto.createHash('md5').update(raw).digest('hex'), f.upstreamIdxMd5, `${f.name} upstream MD5 of the IDX`);
    assert.deepEqual(Array.from({ length: raw[3] }, (_, d) => raw.readUInt32BE(4 + 4 * d)), [...f.fullDims]);
  }
});

test('make-subset.mjs --check rebuilds exactly the committed subset', { skip: hasSystem ? false : `${SYSTEM} not installed` }, () => {
  const run = spawnSync(process.execPath, [path.join(repoRoot, 'datasets', 'make-subset.mjs'), '--check'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout.trim().split('\n').filter((l) => l.startsWith('ok ')).length, 4);
});

test('fashionMnistFile looks up by split and kind, and rejects unknown ones', () => {
  assert.equal(fashionMnistFile('test', 'labels').name, 't10k-labels-idx1-ubyte.gz');
  assert.throws(() => fashionMnistFile('val' as 'test', 'labels'), /unknown split 'val'/);
});
