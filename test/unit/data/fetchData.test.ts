// Tests of scripts/fetch-data.mjs, run as a child process on temporary folders (never the repo's
// datasets/fashion-mnist/). Downloads are exercised against a local HTTP server on the loopback
// address, the only plain-http host the script accepts.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { FASHION_MNIST_FILES } from '../../../kernel-helpers/src/data/fashionMnistFiles';

const repoRoot = path.resolve(__dirname, '../../..');
const SCRIPT = path.join(repoRoot, 'scripts', 'fetch-data.mjs');
const SUBSET = path.join(repoRoot, 'datasets', 'fashion-mnist-subset');
const SYSTEM = '/usr/share/datasets/fashion-mnist';
const hasSystem = FASHION_MNIST_FILES.every((f) => fs.existsSync(path.join(SYSTEM, f.name)));
const noSystem = hasSystem ? false : `${SYSTEM} not installed (Debian package dataset-fashion-mnist)`;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fetch-data-test-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the script asynchronously (a local server in this process must keep answering). */
function fetchData(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [SCRIPT, ...args], { env: { ...process.env, ...env }, timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const idxSha256 = (file: string) => crypto.createHash('sha256').update(zlib.gunzipSync(fs.readFileSync(file))).digest('hex');

function assertInstalled(target: string): void {
  for (const f of FASHION_MNIST_FILES) assert.equal(idxSha256(path.join(target, f.name)), f.fullSha256, f.name);
  // Nothing but the four files: no temporary files left behind.
  assert.deepEqual(fs.readdirSync(target).sort(), FASHION_MNIST_FILES.map((f) => f.name).sort());
}

test('copies and verifies the Debian files, then finds them installed on a rerun', { skip: noSystem }, async () => {
  const target = path.join(tmp, 'copy', 'fashion-mnist');
  const first = await fetchData(['--target', target, '--no-download']);
  assert.equal(first.code, 0, first.stderr);
  assert.equal(first.stdout.match(/copied from \/usr\/share\/datasets\/fashion-mnist \(\d+ bytes, SHA-256 verified\)/g)?.length, 4);
  assertInstalled(target);
  const second = await fetchData(['--target', target, '--no-download']);
  assert.equal(second.code, 0, second.stderr);
  assert.equal(second.stdout.match(/already installed and verified/g)?.length, 4);
});

test('replaces a corrupted installed file', { skip: noSystem }, async () => {
  const target = path.join(tmp, 'repair');
  fs.mkdirSync(target);
  fs.copyFileSync(path.join(SUBSET, 'train-labels-idx1-ubyte.gz'), path.join(target, 'train-labels-idx1-ubyte.gz'));
  const run = await fetchData([], { FASHION_MNIST_TARGET_DIR: target, FASHION_MNIST_NO_DOWNLOAD: '1' });
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /train-labels-idx1-ubyte\.gz: SHA-256 of the decompressed data is 620cb8e3.*; replacing it/);
  assertInstalled(target);
});

test('with no source and no download: exit 1, naming the folder and the Debian package', async () => {
  const source = path.join(tmp, 'empty-source');
  fs.mkdirSync(source);
  const target = path.join(tmp, 'never');
  const run = await fetchData(['--source', source, '--target', target, '--no-download']);
  assert.equal(run.code, 1);
  assert.match(run.stderr, /could not install 4 of 4 files/);
  assert.ok(run.stderr.includes(`${path.join(source, 'train-images-idx3-ubyte.gz')} not found`), run.stderr);
  assert.match(run.stderr, /sudo apt-get install dataset-fashion-mnist/);
  assert.ok(!fs.existsSync(target) || fs.readdirSync(target).length === 0, 'nothing written');
});

test('a source file that fails verification is rejected, naming it', async () => {
  // The subset's files under the full set's names: valid gzip and IDX, wrong content.
  const source = path.join(tmp, 'wrong-source');
  fs.cpSync(SUBSET, source, { recursive: true });
  const target = path.join(tmp, 'wrong-target');
  const run = await fetchData(['--source', source, '--target', target, '--no-download']);
  assert.equal(run.code, 1);
  assert.ok(
    run.stderr.includes(`${path.join(source, 't10k-images-idx3-ubyte.gz')}: SHA-256 of the decompressed data is 15a92dd1`),
    run.stderr,
  );
  assert.ok(!fs.existsSync(path.join(target, 't10k-images-idx3-ubyte.gz')));
});

test('refuses plain-http download URLs other than the loopback host', async () => {
  const source = path.join(tmp, 'empty-source-2');
  fs.mkdirSync(source);
  const run = await fetchData(['--source', source, '--target', path.join(tmp, 'http-target'), '--base-url', 'http://example.com/fm']);
  assert.equal(run.code, 1);
  assert.match(run.stderr, /download failed: refusing http:\/\/ URL http:\/\/example\.com\/fm\/train-images-idx3-ubyte\.gz: downloads must use https/);
});

test('downloads when there is no Debian copy, following redirects, and verifies', { skip: noSystem }, async () => {
  let requests = 0;
  const server = http.createServer((req, res) => {
    requests++;
    const url = req.url ?? '';
    if (url.startsWith('/release/')) {
      // Like GitHub: the published URL redirects to where the bytes are.
      res.writeHead(302, { location: `/files/${path.basename(url)}` });
      res.end();
      return;
    }
    const name = path.basename(url);
    if (url.startsWith('/files/') && FASHION_MNIST_FILES.some((f) => f.name === name)) {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      fs.createReadStream(path.join(SYSTEM, name)).pipe(res);
      return;
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    const source = path.join(tmp, 'no-debian');
    fs.mkdirSync(source);
    const target = path.join(tmp, 'downloaded');
    const ok = await fetchData(['--source', source, '--target', target, '--base-url', `http://127.0.0.1:${port}/release`]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(ok.stdout.match(/downloaded from http:\/\/127\.0\.0\.1:\d+\/release\/\S+ \(\d+ bytes, SHA-256 verified\)/g)?.length, 4);
    assertInstalled(target);
    assert.equal(requests, 8);

    const missing = await fetchData(['--source', source, '--target', path.join(tmp, 'missing'), '--base-url', `http://127.0.0.1:${port}/nothing-here/`]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /download failed: HTTP 404 for http:\/\/127\.0\.0\.1:\d+\/nothing-here\/train-images-idx3-ubyte\.gz/);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});

test('unknown arguments are a usage error (exit 2)', async () => {
  const run = await fetchData(['--target']);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /--target needs a value/);
  const bad = await fetchData(['--frobnicate']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /unknown argument "--frobnicate"/);
});
