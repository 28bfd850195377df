// The browser test's own checks, on scratch notebooks written here: a clean notebook with a chart
// passes and is screenshotted; a cell writing to stderr, a cell that raises (and the cells it
// stops), and a chart the renderer cannot draw each fail, saying which cell and why.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launchChromium, Browser } from './harness/browser';
import { startLabServer, LabServer } from './harness/labServer';
import { runNotebookInLab, isKnownHarmless, cellProblems, LabRun } from './harness/runInLab';

const repoRoot = path.resolve(__dirname, '..', '..');
// Inside the repository, so cells resolve `kernel-helpers` from its node_modules (gitignored).
const scratchDir = path.join(repoRoot, 'test-output', `lab-scratch-${process.pid}`);
const shotsDir = path.join(scratchDir, 'screenshots');

const code = (source: string) => ({ cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source });
const markdown = (source: string) => ({ cell_type: 'markdown', metadata: {}, source });
const showChart = (spec: object) =>
  `import { show } from 'kernel-helpers';\nawait show({ data: { 'application/vnd.vegalite.v5+json': ${JSON.stringify(spec)}, 'text/plain': 'a chart' } });`;
const lineSpec = {
  $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
  width: 240,
  height: 160,
  data: { values: Array.from({ length: 8 }, (_, x) => ({ x, y: x * x })) },
  mark: 'line',
  encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
};

function writeNotebook(name: string, cells: object[]): string {
  const nb = {
    cells,
    metadata: { kernelspec: { name: 'typescript-lessons', display_name: 'TypeScript (lessons)', language: 'typescript' }, language_info: { name: 'typescript' } },
    nbformat: 4,
    nbformat_minor: 5,
  };
  fs.writeFileSync(path.join(scratchDir, name), JSON.stringify(nb, null, 1));
  return name;
}

let browser: Browser;
let server: LabServer;

before(async () => {
  fs.mkdirSync(scratchDir, { recursive: true });
  browser = await launchChromium();
  server = await startLabServer(scratchDir);
});

after(async () => {
  await server?.stop();
  await browser?.close();
  fs.rmSync(scratchDir, { recursive: true, force: true });
});

const run = (name: string): Promise<LabRun> => runNotebookInLab(browser, server, name, { screenshotPath: path.join(shotsDir, name.replace('.ipynb', '.png')), runTimeoutMs: 120_000, chartTimeoutMs: 30_000 });

test('a clean notebook passes: output shown, chart drawn, screenshot saved', { timeout: 300_000 }, async () => {
  const name = writeNotebook('clean.ipynb', [
    markdown('# Scratch\nA formula: $E = mc^2$'),
    code('const x: number = 6 * 7;\nconsole.log(`x = ${x}`);'),
    code(showChart(lineSpec)),
    code('x + 1'),
  ]);
  const r = await run(name);
  assert.deepEqual(r.problems, []);
  assert.equal(r.chartsDrawn, 1);
  const cells = r.cells.filter((c) => c.type === 'code');
  assert.deepEqual(cells.map((c) => c.prompt), ['[1]:', '[2]:', '[3]:']);
  assert.equal(cells[1].charts?.[0]?.ok, true);
  const png = fs.readFileSync(r.screenshot!);
  assert.equal(png.subarray(1, 4).toString(), 'PNG');
  assert.ok(Number.isFinite(r.timings.runAll) && r.timings.runAll < 120);
});

test('a cell writing to stderr fails its notebook, naming the cell and the text', { timeout: 300_000 }, async () => {
  const name = writeNotebook('stderr.ipynb', [code("console.error('something went wrong on stderr');"), code('1 + 1')]);
  const r = await run(name);
  assert.equal(r.problems.length, 1, r.problems.join('\n'));
  assert.match(r.problems[0], /cell 0:[\s\S]*wrote to stderr:[\s\S]*something went wrong on stderr/);
});

test('a cell that raises fails, and so do the cells Run All then skipped', { timeout: 300_000 }, async () => {
  const name = writeNotebook('raises.ipynb', [code('const a = 1;'), code("throw new Error('boom from a cell');"), code('const after = 2;')]);
  const r = await run(name);
  assert.ok(r.problems.some((p) => /cell 1:[\s\S]*raised [\s\S]*boom from a cell/.test(p)), r.problems.join('\n'));
  assert.ok(r.problems.some((p) => /cell 2:[\s\S]*did not run/.test(p)), r.problems.join('\n'));
});

test('a chart the renderer cannot draw fails', { timeout: 300_000 }, async () => {
  const name = writeNotebook('badchart.ipynb', [code(showChart({ ...lineSpec, mark: 'no-such-mark' }))]);
  const r = await run(name);
  assert.ok(r.problems.some((p) => /cell 0:[\s\S]*chart/.test(p)), r.problems.join('\n'));
  assert.equal(r.chartsDrawn, 0);
});

test('known harmless console errors are those of this server version only', () => {
  const origin = 'http://127.0.0.1:9999';
  assert.ok(isKnownHarmless({ text: 'Failed to load resource: the server responded with a status of 404 (Not Found)', url: `${origin}/api/me?123` }));
  assert.ok(isKnownHarmless({ text: "WebSocket connection to 'ws://127.0.0.1:9999/api/events/subscribe' failed: Error during WebSocket handshake: Unexpected response code: 404", url: '' }));
  assert.ok(isKnownHarmless({ text: '[yjs#509] Not same Y.Doc', url: '' }));
  const notFound = 'Failed to load resource: the server responded with a status of 404 (Not Found)';
  assert.ok(isKnownHarmless({ text: notFound, url: `${origin}/api/resolvePath?path=%2Fwork%2Fx.js&kernel=k&1795` }));
  assert.ok(isKnownHarmless({ text: notFound, url: `${origin}/api/contents/work/x.js?content=0&hash=0&1795` }));
  assert.ok(!isKnownHarmless({ text: notFound, url: `${origin}/api/contents/lesson.ipynb?type=notebook&content=1&hash=1` }), 'a notebook that cannot be opened is no probe');
  assert.ok(!isKnownHarmless({ text: 'Failed to load resource: the server responded with a status of 404 (Not Found)', url: `${origin}/lab/api/settings` }));
  assert.ok(!isKnownHarmless({ text: 'Failed to load resource: the server responded with a status of 500 (Internal Server Error)', url: `${origin}/api/me` }));
  assert.ok(!isKnownHarmless({ text: 'Maximum call stack size exceeded', url: '' }));
});

test('cellProblems: a chart sent but rendered as something else is a failure', () => {
  const problems = cellProblems('x.ipynb', [{ index: 0, type: 'code', source: 'show(c)', prompt: '[1]:', executionCount: 1, stderr: [], modelStderr: [], errors: [], chartsExpected: 1, charts: [] }]);
  assert.equal(problems.length, 1);
  assert.match(problems[0], /sent 1 Vega-Lite chart\(s\), 0 rendered as charts/);
  assert.deepEqual(cellProblems('x.ipynb', [{ index: 0, type: 'code', source: '', prompt: '[ ]:', executionCount: null, stderr: [], errors: [], chartsExpected: 0, charts: [] }]), [], 'an empty cell need not run');
});
