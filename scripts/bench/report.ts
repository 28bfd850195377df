/** Formatting of the benchmark's lines and of the Markdown table for BENCHMARKS.md. */

/** One workload on one backend. */
export interface Row {
  id: string;
  backend: string;
  /** Median wall time in milliseconds. */
  medianMs: number;
  runs: number;
  /** medianMs / numpy's medianMs, or null when numpy did not run. */
  vsNumpy: number | null;
}

/** `0.812 ms`, `27.5 ms`, `3.81 s`: three significant digits, unit chosen by size. */
export function formatMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toPrecision(3)} s`;
  return `${ms.toPrecision(3)} ms`;
}

function ratio(r: number | null): string {
  if (r === null) return 'n/a';
  return r >= 10 ? `${r.toFixed(0)}x` : `${r.toFixed(1)}x`;
}

const COLUMNS = [22, 12, 11, 6, 9];

/** The column titles, aligned with {@link line}. */
export function header(): string {
  return ['workload', 'backend', 'median', 'runs', 'vs numpy'].map((t, i) => (i === 2 ? t.padStart(COLUMNS[i]) : t.padEnd(COLUMNS[i]))).join(' ');
}

/** One printed line per workload and backend. */
export function line(row: Row): string {
  return [
    row.id.padEnd(COLUMNS[0]),
    row.backend.padEnd(COLUMNS[1]),
    formatMs(row.medianMs).padStart(COLUMNS[2]),
    String(row.runs).padEnd(COLUMNS[3]),
    ratio(row.vsNumpy).padStart(COLUMNS[4] - 1),
  ].join(' ');
}

/** The rows as a Markdown table, one row per workload and one column per backend (time and ratio). */
export function markdownTable(rows: Row[]): string {
  const backends = [...new Set(rows.map((r) => r.backend))];
  const ids = [...new Set(rows.map((r) => r.id))];
  const out = [`| workload | ${backends.join(' | ')} |`, `|---|${backends.map(() => '---:').join('|')}|`];
  for (const id of ids) {
    const cells = backends.map((b) => {
      const r = rows.find((x) => x.id === id && x.backend === b);
      if (!r) return '-';
      return b === 'numpy' ? formatMs(r.medianMs) : `${formatMs(r.medianMs)} (${ratio(r.vsNumpy)})`;
    });
    out.push(`| ${id} | ${cells.join(' | ')} |`);
  }
  return out.join('\n');
}
