// Opens one notebook in the project's JupyterLab in Chromium, runs all its cells through the Run
// menu as a student would, waits on what the page shows (never on fixed sleeps), and reports
// everything that went wrong: cells that wrote to stderr or raised, cells that never ran, charts
// that did not draw, page exceptions and console errors. Saves a full-page screenshot.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, ConsoleMessage, Page } from './browser';
import type { LabServer } from './labServer';

const probes = fs.readFileSync(path.join(__dirname, 'page-probes.js'), 'utf8');

export interface CellReport {
  index: number;
  type: 'code' | 'markdown' | 'raw';
  source: string;
  prompt?: string;
  executionCount?: number | null;
  stderr?: string[];
  modelStderr?: string[];
  errors?: string[];
  chartsExpected?: number;
  charts?: Array<{ ok: boolean; why?: string; kind?: string; width?: number; height?: number }>;
}

export interface LabRun {
  notebook: string;
  /** Everything that fails the notebook, each a readable paragraph. */
  problems: string[];
  cells: CellReport[];
  /** Console errors other than the known harmless ones. */
  consoleErrors: string[];
  pageErrors: string[];
  /** Console errors that were ignored as harmless, for the curious. */
  ignoredConsoleErrors: number;
  /** Seconds from navigation: notebook visible, kernel idle; Run All to done; charts drawn; total. */
  timings: { visible: number; kernelIdle: number; runAll: number; charts: number; total: number };
  chartsDrawn: number;
  /** Times the page had to ask JupyterLab to reconnect the kernel websocket (0 normally; see the kernel wait). */
  kernelReconnects: number;
  screenshot?: string;
}

export interface RunOptions {
  /** Where to save the full-page screenshot (a .png path). */
  screenshotPath?: string;
  /** Bound on Run All, from the click to the last cell done. Default 5 min (LAB_RUN_TIMEOUT_MS). */
  runTimeoutMs?: number;
  /** Bound on opening the notebook and starting its kernel. Default 2 min. */
  openTimeoutMs?: number;
  /** Bound on charts drawing after the run. Default 60 s. */
  chartTimeoutMs?: number;
  viewport?: { width: number; height: number };
}

/**
 * Console errors this server version produces, harmless for the lessons: jupyter_server 1.23 has
 * no identity (/api/me), event (/api/events/subscribe) or path resolution (/api/resolvePath)
 * endpoints, which JupyterLab 4 asks for and does without on a 404; when it links a file path
 * printed in an output it then probes the path's metadata (/api/contents/…?content=0), where a
 * 404 just means "no such file under the notebook folder". Yjs reports its internal bookkeeping.
 */
export function isKnownHarmless(msg: { text: string; url: string }): boolean {
  const endpoint = /\/api\/(me|events\/subscribe|resolvePath)(\?|$)/;
  if (/status of 404/.test(msg.text) && endpoint.test(msg.url)) return true;
  if (/status of 404/.test(msg.text) && /\/api\/contents\/[^?]*\?content=0&hash=0(&|$)/.test(msg.url)) return true;
  if (/WebSocket connection to '[^']*\/api\/events\/subscribe[^']*' failed/.test(msg.text)) return true;
  if (/\byjs\b|Y\.Doc|Yjs/i.test(msg.text)) return true;
  return false;
}

/** Tallest screenshot, in CSS pixels (LAB_SCREENSHOT_MAX_HEIGHT); longer notebooks are cut there. */
const maxScreenshotHeight = Number(process.env.LAB_SCREENSHOT_MAX_HEIGHT ?? 60_000);

const seconds = (ms: number) => Math.round(ms / 100) / 10;

function firstLines(source: string, n = 6): string {
  return source.split('\n').slice(0, n).join('\n    ');
}

/** The failures a finished run's cells show. */
export function cellProblems(notebook: string, cells: CellReport[]): string[] {
  const problems: string[] = [];
  for (const c of cells) {
    if (c.type !== 'code') continue;
    const where = `${notebook}, cell ${c.index}:\n    ${firstLines(c.source)}`;
    if (c.errors?.length) problems.push(`${where}\n  raised ${c.errors.join('; ')}`);
    const stderr = c.stderr?.length ? c.stderr : c.modelStderr ?? [];
    if (stderr.length && !c.errors?.length) problems.push(`${where}\n  wrote to stderr:\n${stderr.join('\n')}`);
    if (c.source.trim() && (c.executionCount === null || c.executionCount === undefined) && !c.errors?.length) {
      problems.push(`${where}\n  did not run (prompt ${c.prompt || '[ ]:'})`);
    }
    const charts = c.charts ?? [];
    const expected = c.chartsExpected ?? 0;
    const bad = charts.filter((d) => !d.ok);
    if (bad.length) problems.push(`${where}\n  ${bad.length} chart(s) not drawn: ${bad.map((d) => d.why).join('; ')}`);
    else if (charts.length < expected) problems.push(`${where}\n  sent ${expected} Vega-Lite chart(s), ${charts.length} rendered as charts`);
  }
  return problems;
}

export async function runNotebookInLab(browser: Browser, server: LabServer, notebook: string, options: RunOptions = {}): Promise<LabRun> {
  const runTimeoutMs = options.runTimeoutMs ?? Number(process.env.LAB_RUN_TIMEOUT_MS ?? 300_000);
  const openTimeoutMs = options.openTimeoutMs ?? 120_000;
  const chartTimeoutMs = options.chartTimeoutMs ?? 60_000;
  const viewport = options.viewport ?? { width: 1280, height: 900 };
  const context = await browser.newContext({ viewport });
  const run: LabRun = {
    notebook,
    problems: [],
    cells: [],
    consoleErrors: [],
    pageErrors: [],
    ignoredConsoleErrors: 0,
    timings: { visible: NaN, kernelIdle: NaN, runAll: NaN, charts: NaN, total: NaN },
    chartsDrawn: 0,
    kernelReconnects: 0,
  };
  const started = Date.now();
  let page: Page | undefined;
  try {
    page = await context.newPage();
    const p = page;
    p.on('console', (msg: ConsoleMessage) => {
      if (msg.type() !== 'error') return;
      const entry = { text: msg.text(), url: msg.location().url };
      if (isKnownHarmless(entry)) run.ignoredConsoleErrors++;
      else run.consoleErrors.push(`${entry.text}${entry.url ? ` (${entry.url})` : ''}`);
    });
    p.on('pageerror', (err: Error) => run.pageErrors.push(err.stack || err.message));
    await p.addInitScript({ content: probes });

    const expectedKernel = await kernelDisplayName(notebook, server);
    const url = `${server.baseUrl}lab/tree/${notebook.split('/').map(encodeURIComponent).join('/')}?token=${server.token}`;
    await p.goto(url, { timeout: openTimeoutMs });
    const state = () => p.evaluate<{ restored: boolean; notebook: string | null; cells: number; kernelName: string; status: string | null; dialog: string }>('window.__lessonsLab.state()');

    // 1. The notebook is open and shows its cells.
    await waitFor(p, `(() => { const s = window.__lessonsLab.state(); return s.restored && s.notebook === ${JSON.stringify(notebook)} && s.cells > 0; })()`, openTimeoutMs, async () => `the notebook did not open: ${JSON.stringify(await state())}`);
    run.timings.visible = seconds(Date.now() - started);

    // 2. Its kernel is the one it names, started and idle.
    const kernelIdle = `(() => { const s = window.__lessonsLab.state(); return s.status === 'idle' && s.kernelName === ${JSON.stringify(expectedKernel)}; })()`;
    const notIdle = async () => `the kernel "${expectedKernel}" did not become idle: ${JSON.stringify(await state())}`;
    try {
      await waitFor(p, kernelIdle, openTimeoutMs / 2, notIdle);
    } catch (first) {
      // Seen once, on the first lesson of a fresh CI clone under heavy load: the page's kernel
      // websocket stayed "connecting" although the kernel had started. Ask JupyterLab to
      // reconnect once, as a student would with Kernel ▸ Reconnect, and say so in the report.
      const stuck = await state();
      if (stuck.status !== 'connecting') throw first;
      run.kernelReconnects = 1;
      await p.evaluate('window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.reconnect()');
      await waitFor(p, kernelIdle, openTimeoutMs / 2, notIdle);
    }
    run.timings.kernelIdle = seconds(Date.now() - started);

    // 3. Run ▸ Run All Cells, by mouse.
    const ranAt = Date.now();
    await p.locator('.lm-MenuBar-item', { hasText: /^Run$/ }).click({ timeout: 30_000 });
    await p.locator('.lm-Menu-item[data-command="runmenu:run-all"]').click({ timeout: 30_000 });
    await waitFor(p, 'window.__lessonsLab.runStarted()', 30_000, async () => 'Run All Cells did not start any cell');
    await waitFor(p, 'window.__lessonsLab.runFinished()', runTimeoutMs, async () => {
      const cell = await p.evaluate<{ index: number; source: string } | null>('window.__lessonsLab.running()');
      return `Run All did not finish within ${runTimeoutMs / 1000} s${cell ? `; still running cell ${cell.index}:\n    ${firstLines(cell.source)}` : ''}`;
    });
    run.timings.runAll = seconds(Date.now() - ranAt);

    // 4. Every chart drawn (vega-embed loads and renders asynchronously after the output arrives).
    const chartsAt = Date.now();
    try {
      await waitFor(p, 'window.__lessonsLab.chartsSettled()', chartTimeoutMs, async () => 'charts still drawing');
    } catch {
      // reported per cell below
    }
    run.timings.charts = seconds(Date.now() - chartsAt);
    run.cells = (await p.evaluate<CellReport[] | null>('window.__lessonsLab.report()')) ?? [];
    run.chartsDrawn = run.cells.reduce((n, c) => n + (c.charts ?? []).filter((d) => d.ok).length, 0);
    run.problems.push(...cellProblems(notebook, run.cells));
  } catch (e) {
    run.problems.push(`${notebook}: ${(e as Error).message}`);
  } finally {
    if (page && options.screenshotPath) {
      try {
        await screenshotWhole(page, options.screenshotPath, viewport.width);
        run.screenshot = options.screenshotPath;
      } catch (e) {
        run.problems.push(`${notebook}: the screenshot failed: ${(e as Error).message}`);
      }
    }
    await context.close();
    run.timings.total = seconds(Date.now() - started);
  }
  if (run.pageErrors.length) run.problems.push(`${notebook}: the page threw:\n${run.pageErrors.join('\n')}`);
  if (run.consoleErrors.length) run.problems.push(`${notebook}: the console logged errors:\n${run.consoleErrors.join('\n')}`);
  return run;
}

/** Waits for a page expression to be truthy, polling; on timeout throws what `explain` says. */
async function waitFor(page: Page, expression: string, timeoutMs: number, explain: () => Promise<string>): Promise<void> {
  try {
    await page.waitForFunction(expression, undefined, { timeout: timeoutMs, polling: 250 });
  } catch (e) {
    let why: string;
    try {
      why = await explain();
    } catch {
      why = (e as Error).message;
    }
    throw new Error(why);
  }
}

/**
 * Makes the window as tall as the notebook (bounded), so one screenshot shows every cell. Cells
 * out of view are laid out at estimated heights (content-visibility), so the height is measured
 * again after each resize until it settles.
 */
async function screenshotWhole(page: Page, file: string, width: number): Promise<void> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const probe = (expr: string) => page.evaluate<number | boolean>(`window.__lessonsLab ? window.__lessonsLab.${expr} : 0`);
  let height = page.viewportSize()?.height ?? 900;
  for (let i = 0; i < 6; i++) {
    await probe('scrollToTop()');
    await probe('frames()');
    const wanted = Math.min(Math.max(Math.ceil(Number(await probe('fullHeight()'))), 600), maxScreenshotHeight);
    if (Math.abs(wanted - height) <= 4) break;
    height = wanted;
    await page.setViewportSize({ width, height });
    await probe('frames()');
  }
  // Charts sized to their container redraw after the resize.
  await page.waitForFunction('window.__lessonsLab ? window.__lessonsLab.chartsSettled() : true', undefined, { timeout: 10_000 }).catch(() => undefined);
  await probe('scrollToTop()');
  await probe('frames()');
  await page.screenshot({ path: file, fullPage: true, timeout: 60_000 });
}

/** The display name of the kernelspec the notebook names, as the server has it (and the toolbar should show). */
async function kernelDisplayName(notebook: string, server: LabServer): Promise<string> {
  const nb = JSON.parse(fs.readFileSync(path.join(server.notebookDir, notebook), 'utf8')) as { metadata?: { kernelspec?: { name?: string } } };
  const name = nb.metadata?.kernelspec?.name;
  if (!name) throw new Error(`${notebook}: metadata.kernelspec.name is missing`);
  const specs = (await (await fetch(`${server.baseUrl}api/kernelspecs?token=${server.token}`)).json()) as { kernelspecs: Record<string, { spec: { display_name: string } }> };
  const spec = specs.kernelspecs[name];
  if (!spec) throw new Error(`${notebook}: the server has no kernelspec "${name}" (has ${Object.keys(specs.kernelspecs).join(', ')})`);
  return spec.spec.display_name;
}
