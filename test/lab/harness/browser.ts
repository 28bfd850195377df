// Chromium for the browser tests: Debian's /usr/bin/chromium (LAB_CHROMIUM overrides) driven by
// playwright-core, which lives in lab/node_modules (the lab workspace, installed on demand), so it
// is loaded from there. The few Playwright types the tests use are declared here for the same reason.
import { labRequire } from '../../../scripts/lab/lab.mjs';

export interface ConsoleMessage {
  type(): string;
  text(): string;
  location(): { url: string };
}
export interface Locator {
  click(options?: { timeout?: number }): Promise<void>;
  waitFor(options?: { state?: 'attached' | 'visible'; timeout?: number }): Promise<void>;
}
export interface Page {
  goto(url: string, options?: { timeout?: number }): Promise<unknown>;
  on(event: 'console', listener: (msg: ConsoleMessage) => void): void;
  on(event: 'pageerror', listener: (err: Error) => void): void;
  addInitScript(script: { content: string }): Promise<void>;
  evaluate<T>(expression: string): Promise<T>;
  waitForFunction(expression: string, arg?: unknown, options?: { timeout?: number; polling?: number }): Promise<unknown>;
  locator(selector: string, options?: { hasText?: string | RegExp }): Locator;
  setViewportSize(size: { width: number; height: number }): Promise<void>;
  viewportSize(): { width: number; height: number } | null;
  screenshot(options: { path: string; fullPage?: boolean; timeout?: number }): Promise<Buffer>;
}
export interface BrowserContext {
  newPage(): Promise<Page>;
  close(): Promise<void>;
}
export interface Browser {
  newContext(options?: { viewport?: { width: number; height: number }; deviceScaleFactor?: number }): Promise<BrowserContext>;
  close(): Promise<void>;
  version(): string;
}

export const chromiumPath = process.env.LAB_CHROMIUM || '/usr/bin/chromium';

/** Launches headless Chromium with the flags that keep it quiet and offline. */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = labRequire('playwright-core') as { chromium: { launch(options: object): Promise<Browser> } };
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    timeout: 60_000,
  });
}
