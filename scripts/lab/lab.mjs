// The project's own JupyterLab (lab/): where it lives, whether it is installed and built, how to
// install and build it (with progress), and how to start its server. Used by `npm start`,
// `npm run lab:build` and `npm run test:lab`. The lab workspace is not a root workspace: the
// lessons' `npm install` never downloads it; these helpers install it on demand with `npm ci`.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { repoRoot, jupyterEnv } from '../kernelspec.mjs';

export const labDir = path.join(repoRoot, 'lab');
export const JUPYTERLAB_VERSION = '4.6.3';
/** Where the bundle, schemas, themes and page template go (LESSONS_LAB_BUILD_DIR overrides, for tests). */
export const buildDir = process.env.LESSONS_LAB_BUILD_DIR ? path.resolve(process.env.LESSONS_LAB_BUILD_DIR) : path.join(labDir, 'build');
export const serverScript = path.join(labDir, 'lessons_lab.py');
/** Debian's Python, which has python3-jupyter-server and python3-jupyterlab-server (LESSONS_LAB_PYTHON overrides). */
export const python = process.env.LESSONS_LAB_PYTHON || '/usr/bin/python3';
export const APT_PACKAGES = ['python3-jupyter-server', 'python3-jupyterlab-server'];

const installMarker = path.join(labDir, 'node_modules', '.lessons-lab-installed');
const buildInfoFile = () => path.join(buildDir, 'build-info.json');

const sha256 = (data) => createHash('sha256').update(data).digest('hex');

/** Files whose content decides the build; a change to any of them makes the build stale. */
function buildInputs() {
  const listed = ['package-lock.json', 'webpack.config.js', 'templates/index.html'];
  const src = fs.readdirSync(path.join(labDir, 'src'), { recursive: true }).map((f) => path.join('src', String(f)));
  const files = [...listed, ...src].filter((f) => fs.statSync(path.join(labDir, f)).isFile()).sort();
  return [...files.map((f) => path.join(labDir, f)), fileFromHere('build.mjs')];
}

function fileFromHere(name) {
  return path.join(repoRoot, 'scripts', 'lab', name);
}

/** A hash of everything the build is made from. */
export function inputsHash() {
  const h = createHash('sha256');
  for (const f of buildInputs()) h.update(path.relative(repoRoot, f)).update('\0').update(fs.readFileSync(f)).update('\0');
  return h.digest('hex');
}

/** Whether lab/node_modules holds what lab/package-lock.json pins (as installed by installLab). */
export function isInstalled() {
  try {
    return fs.readFileSync(installMarker, 'utf8').trim() === sha256(fs.readFileSync(path.join(labDir, 'package-lock.json')));
  } catch {
    return false;
  }
}

/** The build's record, or null when there is no complete build. */
export function readBuildInfo() {
  try {
    return JSON.parse(fs.readFileSync(buildInfoFile(), 'utf8'));
  } catch {
    return null;
  }
}

/** Whether the build in buildDir was made from the current inputs. */
export function isBuilt() {
  const info = readBuildInfo();
  return info !== null && info.inputsHash === inputsHash() && fs.existsSync(path.join(buildDir, 'templates', 'index.html'));
}

/**
 * Whether Debian's (or LESSONS_LAB_PYTHON's) Python can run the server: returns null when it can,
 * else what is missing and how to install it.
 */
export function pythonProblem() {
  const r = spawnSync(python, ['-c', 'import jupyter_server, jupyterlab_server'], { encoding: 'utf8' });
  if (r.error) return `${python} was not found (${r.error.message}); JupyterLab's server needs Debian's Python: sudo apt-get install ${APT_PACKAGES.join(' ')}`;
  if (r.status !== 0) return `${python} cannot import jupyter_server and jupyterlab_server: sudo apt-get install ${APT_PACKAGES.join(' ')}`;
  return null;
}

const defaultLog = (line) => console.error(line);

/** Prints "still working" lines with the elapsed time every `everyMs`, until stopped. */
function heartbeat(log, what, everyMs = 10_000, detail = () => '') {
  const started = Date.now();
  const timer = setInterval(() => {
    const extra = detail();
    log(`lab: ${what}… ${Math.round((Date.now() - started) / 1000)} s${extra ? ` (${extra})` : ''}`);
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer), seconds: () => (Date.now() - started) / 1000 };
}

/** Serializes install and build between processes (two `npm start`s, or a start and a test run). */
async function withLock(log, fn) {
  const lockDir = path.join(labDir, '.lock');
  const deadline = Date.now() + 15 * 60_000;
  let told = false;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      let holder = NaN;
      try {
        holder = Number(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8'));
      } catch {
        // being created or removed right now
      }
      if (Number.isInteger(holder) && holder > 0 && !isAlive(holder)) {
        fs.rmSync(lockDir, { recursive: true, force: true }); // left by a process that died
        continue;
      }
      if (Date.now() > deadline) throw new Error(`lab: ${lockDir} is still held by process ${holder}; remove it if that process is gone`);
      if (!told) log(`lab: waiting for process ${holder}, which is installing or building the lab…`);
      told = true;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/** `npm ci` in lab/: exactly the lockfile's packages, build tools included. */
export async function installLab({ log = defaultLog } = {}) {
  log(`lab: installing JupyterLab ${JUPYTERLAB_VERSION} and its build tools into lab/node_modules with npm ci (first run only: about 1 minute, ~190 MB download, ~500 MB on disk)`);
  fs.rmSync(installMarker, { force: true });
  const modules = path.join(labDir, 'node_modules');
  const beat = heartbeat(log, 'installing', 10_000, () => countPackages(modules));
  // The npm that runs us (npm start, npm run …), else the one on PATH.
  const viaNpm = process.env.npm_execpath && /npm-cli\.js$/.test(process.env.npm_execpath);
  const [cmd, pre] = viaNpm ? [process.execPath, [process.env.npm_execpath]] : [process.platform === 'win32' ? 'npm.cmd' : 'npm', []];
  // Output is kept and shown only on failure; the heartbeat says what is going on meanwhile.
  const { code, output } = await run(cmd, [...pre, 'ci', '--prefix', labDir, '--include=dev', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: labDir });
  beat.stop();
  if (code !== 0) throw new Error(`lab: npm ci in lab/ failed (exit ${code}):\n${output}`);
  fs.writeFileSync(installMarker, sha256(fs.readFileSync(path.join(labDir, 'package-lock.json'))) + '\n');
  log(`lab: installed in ${beat.seconds().toFixed(0)} s`);
}

function countPackages(modules) {
  try {
    let n = 0;
    for (const e of fs.readdirSync(modules)) {
      if (e.startsWith('.')) continue;
      n += e.startsWith('@') ? fs.readdirSync(path.join(modules, e)).length : 1;
    }
    return `${n} packages so far`;
  } catch {
    return '';
  }
}

function run(cmd, args, options) {
  return new Promise((resolve, reject) => {
    // `npm run` exports the root project's location and package; the nested npm must see lab/ as its
    // own project. Other npm_config_* (registry, cache, proxy) pass through.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_(config_local_prefix|config_workspaces?|package_|lifecycle_)/i.test(k)));
    const child = spawn(cmd, args, { ...options, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** Builds the frontend into buildDir (see build.mjs); installs first when needed. */
export async function buildLab({ log = defaultLog } = {}) {
  const { build } = await import('./build.mjs');
  return build({ log });
}

/**
 * Makes sure the lab is installed and built from the current inputs, doing only what is missing
 * and saying so. `force` rebuilds even when the build is current.
 */
export async function ensureLab({ log = defaultLog, force = false } = {}) {
  if (isInstalled() && isBuilt() && !force) return { installed: false, built: false };
  return withLock(log, async () => {
    let installed = false;
    let built = false;
    if (!isInstalled()) {
      await installLab({ log });
      installed = true;
    }
    if (force || !isBuilt()) {
      await buildLab({ log });
      built = true;
    }
    return { installed, built };
  });
}

/** `require` that resolves from lab/node_modules (webpack, playwright-core). */
export const labRequire = createRequire(path.join(labDir, 'package.json'));

/**
 * The command that serves the lab: Python, the server script and its options. `notebookDir` is
 * the folder it opens; `stateDir` holds user settings and workspaces (default lab/.state);
 * `checkpointsDir` takes the checkpoints out of the notebook folder.
 */
export function serverCommand({ notebookDir, port, token, stateDir, checkpointsDir, openBrowser = false, portRetries } = {}) {
  const args = [serverScript, '--ServerApp.ip=127.0.0.1', `--ServerApp.root_dir=${notebookDir}`, `--ServerApp.open_browser=${openBrowser ? 'True' : 'False'}`];
  if (port !== undefined) args.push(`--ServerApp.port=${port}`);
  if (portRetries !== undefined) args.push(`--ServerApp.port_retries=${portRetries}`);
  if (token !== undefined) args.push(`--ServerApp.token=${token}`);
  if (stateDir) args.push(`--LessonsLab.state_dir=${stateDir}`);
  // Checkpoints (File ▸ Save and Create Checkpoint, and the one JupyterLab makes on opening a
  // notebook) elsewhere than .ipynb_checkpoints/ beside the notebooks.
  if (checkpointsDir) args.push(`--FileCheckpoints.root_dir=${checkpointsDir}`);
  if (buildDir !== path.join(labDir, 'build')) args.push(`--LessonsLab.build_dir=${buildDir}`);
  if (process.getuid?.() === 0) args.push('--ServerApp.allow_root=True');
  return { command: python, args, env: jupyterEnv() };
}
