// `npm run lab:build`: builds the project's JupyterLab frontend (lab/) into lab/build/:
//   static/     the webpack bundle (lab/webpack.config.js), served at /static/lessons_lab/
//   templates/  the page, lab/templates/index.html naming the bundle's hashed file
//   schemas/    every registered extension's settings schemas, as jupyterlab_server reads them
//   themes/     the light and dark themes' CSS, loaded by the theme manager
//   build-info.json  what it was built from (isBuilt() compares it with the current inputs)
// It builds into a sibling folder and swaps it in whole, so a running server never sees half a build.
// As a command it installs lab/node_modules first when needed; `--if-needed` skips a current build.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { labDir, buildDir, labRequire, inputsHash, JUPYTERLAB_VERSION, ensureLab } from './lab.mjs';

const defaultLog = (line) => console.error(line);

/** The packages lab/src/index.js registers: lab/package.json's dependencies named *-extension. */
export function extensionPackages() {
  const pkg = JSON.parse(fs.readFileSync(path.join(labDir, 'package.json'), 'utf8'));
  return Object.keys(pkg.dependencies).filter((name) => name.endsWith('-extension')).sort();
}

function packageJson(name) {
  const file = labRequire.resolve(`${name}/package.json`);
  return { dir: path.dirname(file), file, data: JSON.parse(fs.readFileSync(file, 'utf8')) };
}

function runWebpack(outDir, log) {
  const webpack = labRequire('webpack');
  const config = labRequire(path.join(labDir, 'webpack.config.js'));
  let lastStep = -1;
  const progress = new webpack.ProgressPlugin((fraction, message) => {
    const step = Math.floor(fraction * 10);
    if (step > lastStep && step < 10) {
      lastStep = step;
      log(`lab: bundling… ${step * 10}% ${message}`);
    }
  });
  const compiler = webpack({ ...config, output: { ...config.output, path: path.join(outDir, 'static') }, plugins: [...config.plugins, progress] });
  return new Promise((resolve, reject) => {
    compiler.run((err, stats) => {
      compiler.close(() => undefined);
      if (err) return reject(err);
      const info = stats.toJson({ all: false, errors: true, warnings: true, entrypoints: true });
      if (stats.hasErrors()) {
        return reject(new Error(`lab: webpack failed:\n${info.errors.map((e) => e.message).join('\n\n')}`));
      }
      for (const w of info.warnings ?? []) log(`lab: webpack warning: ${w.message.split('\n')[0]}`);
      const mainJs = info.entrypoints.main.assets.map((a) => a.name).filter((n) => n.endsWith('.js'));
      if (mainJs.length !== 1) return reject(new Error(`lab: expected one main bundle, got ${mainJs.join(', ')}`));
      resolve(mainJs[0]);
    });
  });
}

function copySchemas(outDir) {
  let count = 0;
  for (const name of extensionPackages()) {
    const { dir, file, data } = packageJson(name);
    const schemaDir = data.jupyterlab?.schemaDir;
    if (!schemaDir) continue;
    const dest = path.join(outDir, 'schemas', name);
    fs.mkdirSync(dest, { recursive: true });
    for (const f of fs.readdirSync(path.join(dir, schemaDir))) {
      if (!f.endsWith('.json')) continue;
      fs.copyFileSync(path.join(dir, schemaDir, f), path.join(dest, f));
      count++;
    }
    // jupyterlab_server reports each plugin's version from the package.json.orig beside its schemas.
    fs.copyFileSync(file, path.join(dest, 'package.json.orig'));
  }
  return count;
}

function copyThemes(outDir) {
  const themes = [];
  for (const name of extensionPackages()) {
    const { dir, data } = packageJson(name);
    const themePath = data.jupyterlab?.themePath;
    if (!themePath) continue;
    // The theme manager loads <themes URL>/<package>/index.css; the theme's entry CSS imports its
    // siblings by relative URL, so its folder is copied whole and the entry saved as index.css.
    const dest = path.join(outDir, 'themes', name);
    fs.cpSync(path.join(dir, path.dirname(themePath)), dest, { recursive: true });
    fs.copyFileSync(path.join(dir, themePath), path.join(dest, 'index.css'));
    themes.push(name);
  }
  return themes;
}

/** Builds into buildDir. Expects lab/node_modules to be installed (ensureLab does both). */
export async function build({ log = defaultLog } = {}) {
  const started = Date.now();
  const hash = inputsHash();
  const partial = `${buildDir}.partial`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(partial, { recursive: true });
  const where = buildDir.startsWith(process.cwd() + path.sep) ? path.relative(process.cwd(), buildDir) : buildDir;
  log(`lab: building JupyterLab ${JUPYTERLAB_VERSION} into ${where} (webpack, development mode; about 15 to 60 s)`);
  const mainJs = await runWebpack(partial, log);
  const template = fs.readFileSync(path.join(labDir, 'templates', 'index.html'), 'utf8');
  if (!template.includes('@MAIN_JS@')) throw new Error('lab/templates/index.html must name the bundle as @MAIN_JS@');
  fs.mkdirSync(path.join(partial, 'templates'), { recursive: true });
  fs.writeFileSync(path.join(partial, 'templates', 'index.html'), template.replaceAll('@MAIN_JS@', mainJs));
  const schemas = copySchemas(partial);
  const themes = copyThemes(partial);
  const info = { jupyterlab: JUPYTERLAB_VERSION, inputsHash: hash, mainJs, schemas, themes, builtAt: new Date().toISOString(), seconds: (Date.now() - started) / 1000 };
  fs.writeFileSync(path.join(partial, 'build-info.json'), JSON.stringify(info, null, 2) + '\n');
  // Swap the finished build in.
  const old = `${buildDir}.old`;
  fs.rmSync(old, { recursive: true, force: true });
  if (fs.existsSync(buildDir)) fs.renameSync(buildDir, old);
  fs.renameSync(partial, buildDir);
  fs.rmSync(old, { recursive: true, force: true });
  log(`lab: built in ${info.seconds.toFixed(0)} s (${schemas} settings schemas, themes: ${themes.join(', ')})`);
  return info;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const ifNeeded = process.argv.includes('--if-needed');
  ensureLab({ force: !ifNeeded })
    .then(({ installed, built }) => {
      if (!installed && !built) console.error('lab: already installed and built from the current sources');
    })
    .catch((err) => {
      console.error(err.message ?? err);
      process.exit(1);
    });
}
