/**
 * Test helpers for chart specs (not a test file itself): compile with Vega-Lite, collecting its
 * warnings, so a test fails on a spec that Vega-Lite accepts only with complaints.
 */
import * as vl from 'vega-lite';
import type { VegaLiteSpec } from '../../../kernel-helpers/src/charts';

/** Compiles `spec` to Vega and returns the warnings Vega-Lite logged. Throws if it does not compile. */
export function compileWarnings(spec: VegaLiteSpec): string[] {
  const warnings: string[] = [];
  interface Logger {
    level(): Logger;
    error(...args: unknown[]): Logger;
    warn(...args: unknown[]): Logger;
    info(): Logger;
    debug(): Logger;
  }
  const logger: Logger = {
    level: () => logger,
    error: (...args) => {
      throw new Error(args.join(' '));
    },
    warn: (...args) => {
      warnings.push(args.join(' '));
      return logger;
    },
    info: () => logger,
    debug: () => logger,
  };
  vl.compile(spec, { logger } as unknown as Parameters<typeof vl.compile>[1]);
  return warnings;
}

/** The spec as a plain object, for inspecting fields without Vega-Lite's union types. */
export function plain(spec: unknown): Record<string, any> {
  return JSON.parse(JSON.stringify(spec)) as Record<string, any>;
}

/** Every unit's `encoding` objects found anywhere in the spec (layers, concat, facet). */
export function encodings(spec: unknown): Record<string, any>[] {
  const out: Record<string, any>[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (k === 'encoding' && v && typeof v === 'object') out.push(v as Record<string, any>);
        else if (k !== 'data' && k !== 'config') walk(v);
      }
    }
  };
  walk(spec);
  return out;
}
