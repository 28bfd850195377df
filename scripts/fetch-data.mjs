// npm run fetch-data: installs the full Fashion-MNIST set (Xiao, Rasul and Vollgraf 2017; MIT
// license) into datasets/fashion-mnist/, where the lessons' loader looks first.
//
// For each of the four files: keep it if already installed and verified; else copy it from the
// Debian package's folder (/usr/share/datasets/fashion-mnist/, package dataset-fashion-mnist);
// else download it from the upstream repository over https. Every file is verified by the SHA-256
// of its decompressed IDX content (see datasets/README.md for why not the .gz bytes) and written
// atomically (temporary file, then rename), so an interrupted run never leaves a bad file behind.
//
//   node scripts/fetch-data.mjs [--source DIR] [--target DIR] [--base-url URL] [--no-download]
//
// The same settings can come from the environment (used by the tests): FASHION_MNIST_SOURCE_DIR,
// FASHION_MNIST_TARGET_DIR, FASHION_MNIST_BASE_URL, FASHION_MNIST_NO_DOWNLOAD=1.
// Exit status 0 when all four files are installed, 1 otherwise (with the reason on stderr).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// SHA-256 of each file's decompressed IDX bytes. Same values as kernel-helpers/src/data/fashionMnistFiles.ts
// (a unit test keeps them in step).
const FILES = {
  'train-images-idx3-ubyte.gz': 'c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888',
  'train-labels-idx1-ubyte.gz': 'bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9',
  't10k-images-idx3-ubyte.gz': '5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b',
  't10k-labels-idx1-ubyte.gz': '0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34',
};

const DEFAULT_SOURCE = '/usr/share/datasets/fashion-mnist';
// The upstream repository keeps the released files under data/fashion/; GitHub serves them over https.
const DEFAULT_BASE_URL = 'https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/';
const DOWNLOAD_TIMEOUT_MS = 60_000;
const MAX_REDIRECTS = 5;

function parseArgs(argv, env) {
  const options = {
    source: env.FASHION_MNIST_SOURCE_DIR || DEFAULT_SOURCE,
    target: env.FASHION_MNIST_TARGET_DIR || path.join(repoRoot, 'datasets', 'fashion-mnist'),
    baseUrl: env.FASHION_MNIST_BASE_URL || DEFAULT_BASE_URL,
    download: !['1', 'true', 'yes'].includes((env.FASHION_MNIST_NO_DOWNLOAD || '').toLowerCase()),
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new UsageError(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === '--source') options.source = value();
    else if (arg === '--target') options.target = value();
    else if (arg === '--base-url') options.baseUrl = value();
    else if (arg === '--no-download') options.download = false;
    else if (arg === '--help' || arg === '-h') options.help = true;
    else throw new UsageError(`unknown argument ${JSON.stringify(arg)} (try --help)`);
  }
  options.source = path.resolve(options.source);
  options.target = path.resolve(options.target);
  if (!options.baseUrl.endsWith('/')) options.baseUrl += '/';
  return options;
}

class UsageError extends Error {}

/** Throws unless `gz` is one of the known files: valid gzip whose content has the expected SHA-256. */
function verify(gz, name, origin) {
  let raw;
  try {
    raw = zlib.gunzipSync(gz);
  } catch (error) {
    throw new Error(`${origin}: not a valid gzip file (${error.message})`);
  }
  const digest = crypto.createHash('sha256').update(raw).digest('hex');
  if (digest !== FILES[name]) {
    throw new Error(`${origin}: SHA-256 of the decompressed data is ${digest}, expected ${FILES[name]} (corrupted or a different version)`);
  }
}

function writeAtomically(file, bytes) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, file);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw error;
  }
}

/** GET `url` into a Buffer, following redirects. https only, except plain http to the loopback host (tests). */
function download(url, redirectsLeft = MAX_REDIRECTS) {
  return new Promise((resolve, reject) => {
    let parsed;
    try {
      parsed = new URL(url);
    } catch {
      reject(new Error(`invalid URL ${url}`));
      return;
    }
    const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
    if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && loopback)) {
      reject(new Error(`refusing ${parsed.protocol}// URL ${url}: downloads must use https`));
      return;
    }
    const client = parsed.protocol === 'https:' ? https : http;
    const request = client.get(parsed, { timeout: DOWNLOAD_TIMEOUT_MS }, (response) => {
      const status = response.statusCode ?? 0;
      if (status >= 300 && status < 400 && response.headers.location) {
        response.resume();
        if (redirectsLeft === 0) {
          reject(new Error(`too many redirects fetching ${url}`));
          return;
        }
        download(new URL(response.headers.location, parsed).href, redirectsLeft - 1).then(resolve, reject);
        return;
      }
      if (status !== 200) {
        response.resume();
        reject(new Error(`HTTP ${status} for ${url}`));
        return;
      }
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve(Buffer.concat(chunks)));
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error(`no response for ${DOWNLOAD_TIMEOUT_MS / 1000} s from ${url}`)));
    request.on('error', (error) => reject(new Error(`${url}: ${error.message}`)));
  });
}

/** Installs one file; returns a line describing what happened, or throws with every reason it could not. */
async function installOne(name, options) {
  const target = path.join(options.target, name);
  if (fs.existsSync(target)) {
    try {
      verify(fs.readFileSync(target), name, target);
      return `${name}: already installed and verified`;
    } catch (error) {
      console.log(`fetch-data: ${error.message}; replacing it`);
    }
  }
  const reasons = [];
  const source = path.join(options.source, name);
  if (fs.existsSync(source)) {
    try {
      const bytes = fs.readFileSync(source);
      verify(bytes, name, source);
      writeAtomically(target, bytes);
      return `${name}: copied from ${options.source} (${bytes.length} bytes, SHA-256 verified)`;
    } catch (error) {
      reasons.push(error.message);
    }
  } else {
    reasons.push(`${source} not found (Debian package: sudo apt-get install dataset-fashion-mnist)`);
  }
  if (!options.download) {
    reasons.push('downloading is disabled (--no-download or FASHION_MNIST_NO_DOWNLOAD)');
  } else {
    const url = options.baseUrl + name;
    try {
      console.log(`fetch-data: downloading ${url}`);
      const bytes = await download(url);
      verify(bytes, name, url);
      writeAtomically(target, bytes);
      return `${name}: downloaded from ${url} (${bytes.length} bytes, SHA-256 verified)`;
    } catch (error) {
      reasons.push(`download failed: ${error.message}`);
    }
  }
  throw new Error(`${name}: ${reasons.join('; ')}`);
}

async function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`fetch-data: ${error.message}`);
    return 2;
  }
  if (options.help) {
    console.log('usage: node scripts/fetch-data.mjs [--source DIR] [--target DIR] [--base-url URL] [--no-download]');
    return 0;
  }
  console.log(`fetch-data: installing Fashion-MNIST into ${options.target}`);
  const failures = [];
  for (const name of Object.keys(FILES)) {
    try {
      console.log(`fetch-data: ${await installOne(name, options)}`);
    } catch (error) {
      failures.push(error.message);
    }
  }
  if (failures.length > 0) {
    console.error(`fetch-data: could not install ${failures.length} of ${Object.keys(FILES).length} files:`);
    for (const failure of failures) console.error(`  ${failure}`);
    console.error(
      'fetch-data: install the Debian package (sudo apt-get install dataset-fashion-mnist) and rerun, ' +
        `or rerun with network access to download from ${options.baseUrl}. ` +
        'Until then the lessons use the committed subset in datasets/fashion-mnist-subset/.',
    );
    return 1;
  }
  console.log(`fetch-data: done; the lessons will now load the full set from ${options.target}`);
  return 0;
}

process.exitCode = await main();
