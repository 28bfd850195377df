// The project's JupyterLab (lab/): pinned exactly, kept out of the lessons' install, every
// extension registered, built from its current sources, and served the way the lessons need
// (the lessons kernel, token required, news off, no build → a clear message).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { labDir, buildDir, readBuildInfo, isBuilt, inputsHash, serverScript, python } from '../../scripts/lab/lab.mjs';
import { startLabServer } from './harness/labServer';

const repoRoot = path.resolve(__dirname, '..', '..');
const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));
const labPkg = readJson(path.join(labDir, 'package.json'));
const labLock = readJson(path.join(labDir, 'package-lock.json'));

/** name → versions of every installed copy in lab/package-lock.json. */
function lockedVersions(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [key, entry] of Object.entries(labLock.packages as Record<string, { version?: string }>)) {
    if (!key.includes('node_modules/') || !entry.version) continue;
    const name = key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
    if (!out.has(name)) out.set(name, new Set());
    out.get(name)!.add(entry.version);
  }
  return out;
}

test('lab/package.json pins exact versions and overrides every @jupyterlab package to the 4.6.3 release', () => {
  for (const [name, range] of Object.entries({ ...labPkg.dependencies, ...labPkg.devDependencies } as Record<string, string>)) {
    assert.match(range, /^\d+\.\d+\.\d+$/, `${name}@${range} is not an exact version`);
  }
  const overrides = labPkg.overrides as Record<string, string>;
  assert.equal(overrides['@jupyterlab/application'], '4.6.3');
  assert.equal(overrides['@jupyterlab/services'], '7.6.3', 'services is versioned 7.x within JupyterLab 4.6.3');
  assert.equal(overrides['@microsoft/fast-foundation'], '2.49.6', '2.50.0 floods the console with "Maximum call stack size exceeded"');
  const locked = lockedVersions();
  const jupyterlab = [...locked.keys()].filter((n) => n.startsWith('@jupyterlab/'));
  assert.ok(jupyterlab.length > 50, `only ${jupyterlab.length} @jupyterlab packages locked`);
  for (const name of jupyterlab) {
    assert.ok(overrides[name], `${name} is in the lockfile but not pinned in overrides`);
    assert.deepEqual([...locked.get(name)!], [overrides[name]], `${name} is locked at ${[...locked.get(name)!]} instead of ${overrides[name]}`);
    // Every package of the 4.6.3 release is 4.6.3, except those with their own version lines.
    if (!/^@jupyterlab\/(services|coreutils|apputils|observables|rendermime-interfaces|toc|toc-extension|shortcuts-extension)$/.test(name)) {
      assert.equal(overrides[name], '4.6.3', name);
    }
  }
  assert.deepEqual([...(locked.get('@microsoft/fast-foundation') ?? [])], ['2.49.6']);
});

test('the lab workspace stays out of the lessons install', () => {
  const rootPkg = readJson(path.join(repoRoot, 'package.json'));
  assert.ok(!(rootPkg.workspaces ?? []).some((w: string) => w === 'lab' || w.startsWith('lab/')), 'lab is not a root workspace');
  const rootLock = readJson(path.join(repoRoot, 'package-lock.json'));
  const fromLab = Object.keys(rootLock.packages).filter((k) => k === 'lab' || k.startsWith('lab/') || k.includes('node_modules/@jupyterlab/application'));
  assert.deepEqual(fromLab, [], 'the root lockfile holds none of the lab');
  assert.equal(rootPkg.scripts['test:lab'], 'node scripts/lab/test.mjs');
  assert.equal(rootPkg.scripts['lab:build'], 'node scripts/lab/build.mjs');
});

test('lab/src/index.js registers every extension dependency, as its package declares, with its styles', () => {
  const entry = fs.readFileSync(path.join(labDir, 'src', 'index.js'), 'utf8');
  const extensions = Object.keys(labPkg.dependencies).filter((n) => n.endsWith('-extension'));
  const missing: string[] = [];
  for (const name of extensions) {
    const meta = readJson(path.join(labDir, 'node_modules', name, 'package.json'));
    const m = entry.match(new RegExp(`import (\\w+) from '${name.replace('/', '\\/')}';`));
    if (!m) {
      missing.push(`${name}: not imported`);
      continue;
    }
    const list = meta.jupyterlab?.mimeExtension ? 'mimeModules' : 'pluginModules';
    const listed = entry.match(new RegExp(`const ${list} = \\[([^\\]]*)\\]`));
    if (!listed || !new RegExp(`\\b${m[1]}\\b`).test(listed[1])) missing.push(`${name}: not in ${list}`);
    if (meta.styleModule && !entry.includes(`import '${name}/${meta.styleModule}';`)) missing.push(`${name}: its styles (${meta.styleModule}) are not imported`);
  }
  assert.deepEqual(missing, []);
});

test('the build is current and complete: bundle, page, schemas, themes', () => {
  assert.ok(isBuilt(), 'scripts/lab/test.mjs builds the lab before the tests');
  const info = readBuildInfo()!;
  assert.equal(info.jupyterlab, '4.6.3');
  assert.equal(info.inputsHash, inputsHash());
  assert.ok(fs.statSync(path.join(buildDir, 'static', info.mainJs)).size > 1e6, 'the bundle');
  const page = fs.readFileSync(path.join(buildDir, 'templates', 'index.html'), 'utf8');
  assert.ok(page.includes(`/${info.mainJs}"`), 'the page loads the bundle by its hashed name');
  assert.ok(!page.includes('@MAIN_JS@'));
  for (const schema of ['@jupyterlab/apputils-extension/notification.json', '@jupyterlab/notebook-extension/tracker.json', '@jupyterlab/apputils-extension/package.json.orig']) {
    assert.ok(fs.existsSync(path.join(buildDir, 'schemas', schema)), schema);
  }
  for (const theme of ['theme-light-extension', 'theme-dark-extension']) {
    assert.ok(fs.existsSync(path.join(buildDir, 'themes', '@jupyterlab', theme, 'index.css')), theme);
    assert.ok(fs.existsSync(path.join(buildDir, 'themes', '@jupyterlab', theme, 'variables.css')), `${theme} variables`);
  }
});

test('a build made from other sources counts as stale', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lab-build-'));
  try {
    fs.mkdirSync(path.join(tmp, 'templates'));
    fs.writeFileSync(path.join(tmp, 'templates', 'index.html'), '');
    const check = (hash: string) => {
      fs.writeFileSync(path.join(tmp, 'build-info.json'), JSON.stringify({ inputsHash: hash }));
      const r = spawnSync(process.execPath, ['--input-type=module', '-e', `import('${path.join(repoRoot, 'scripts', 'lab', 'lab.mjs')}').then((m) => console.log(m.isBuilt()))`], {
        env: { ...process.env, LESSONS_LAB_BUILD_DIR: tmp },
        encoding: 'utf8',
      });
      return r.stdout.trim();
    };
    assert.equal(check(inputsHash()), 'true');
    assert.equal(check('0'.repeat(64)), 'false');
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test('without Debian\'s server packages it names them', () => {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', `import('${path.join(repoRoot, 'scripts', 'lab', 'lab.mjs')}').then((m) => console.log(m.pythonProblem()))`], {
    env: { ...process.env, LESSONS_LAB_PYTHON: '/nonexistent/python3' },
    encoding: 'utf8',
  });
  assert.match(r.stdout, /apt-get install python3-jupyter-server python3-jupyterlab-server/);
});

test('the server refuses to start without a build, saying how to make one', () => {
  const r = spawnSync(python, [serverScript, '--ServerApp.port=0', '--ServerApp.open_browser=False', '--ServerApp.allow_root=True'], {
    env: { ...process.env, LESSONS_LAB_BUILD_DIR: path.join(os.tmpdir(), 'no-such-lab-build') },
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /npm run lab:build/);
});

test('the server: JupyterLab 4.6.3 at /lab, the lessons kernel, token required, news off; tests never write beside the notebooks', { timeout: 120_000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lab-serve-'));
  fs.writeFileSync(path.join(dir, 'hello.txt'), 'hi\n');
  const server = await startLabServer(dir);
  try {
    const get = (p: string, auth = true) => fetch(`${server.baseUrl}${p}${auth ? `${p.includes('?') ? '&' : '?'}token=${server.token}` : ''}`);
    const page = await (await get('lab')).text();
    assert.match(page, /"appVersion": "4\.6\.3"/);
    assert.match(page, /\/static\/lessons_lab\/main\.[0-9a-f]+\.js/);
    const specs = await (await get('api/kernelspecs')).json();
    assert.equal(specs.kernelspecs['typescript-lessons'].spec.display_name, 'TypeScript (lessons)');
    const contents = await (await get('api/contents')).json();
    assert.deepEqual(contents.content.map((f: { name: string }) => f.name), ['hello.txt']);
    const notification = await (await get('lab/api/settings/@jupyterlab/apputils-extension:notification')).json();
    assert.equal(notification.schema.properties.fetchNews.default, 'false', 'news notification off');
    assert.equal(notification.schema.properties.checkForUpdates.default, false);
    const docmanager = await (await get('lab/api/settings/@jupyterlab/docmanager-extension:plugin')).json();
    assert.equal(docmanager.settings.autosave, false, 'the test servers never autosave notebooks');
    const checkpoint = await fetch(`${server.baseUrl}api/contents/hello.txt/checkpoints?token=${server.token}`, { method: 'POST' });
    assert.equal(checkpoint.status, 201);
    assert.ok(!fs.existsSync(path.join(dir, '.ipynb_checkpoints')), 'checkpoints are kept out of the served folder');
    assert.equal((await get('api/kernelspecs', false)).status, 403, 'the API refuses requests without the token');
    assert.equal((await fetch(`${server.baseUrl}lab`, { redirect: 'manual' })).status, 302, 'the page sends anonymous visitors to log in');
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
