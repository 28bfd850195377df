import { test } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { histogramBins, histogramRows } from '../../../kernel-helpers/src/charts/histogram';
import { Rng } from '../../../kernel-helpers/src/random';

test('bins a small array exactly, the right edge in the last bin', () => {
  const h = histogramBins([0, 0.1, 0.5, 0.99, 1], { bins: 4, domain: [0, 1] });
  assert.deepEqual(h.edges, [0, 0.25, 0.5, 0.75, 1]);
  assert.deepEqual(h.counts, [2, 0, 1, 2]);
  assert.equal(h.total, 5);
  assert.equal(h.below + h.above, 0);
});

test('counts values outside the domain and non-finite values separately', () => {
  const h = histogramBins(new Float32Array([-2, 0.5, 3, NaN, Infinity]), { bins: 2, domain: [0, 1] });
  assert.deepEqual(h.counts, [0, 1]);
  assert.equal(h.below, 1);
  assert.equal(h.above, 1);
  assert.equal(h.nonFinite, 2);
  assert.equal(h.total, 3);
  assert.equal(h.mean, (-2 + 0.5 + 3) / 3);
});

test('default domain is the data range; a constant array gets a range around it', () => {
  const h = histogramBins([2, 4, 6], { bins: 2 });
  assert.deepEqual([h.edges[0], h.edges[2]], [2, 6]);
  assert.deepEqual(histogramBins([0, 0], { bins: 2 }).edges, [-0.5, 0, 0.5]);
  assert.deepEqual(histogramBins([4, 4], { bins: 2 }).edges, [2, 4, 6]);
});

test('mean and std match a two-pass computation, even for a tiny spread around 0.5', () => {
  const rng = new Rng(7);
  const values = Float64Array.from({ length: 10_000 }, () => 0.5 + 1e-4 * rng.normal());
  const h = histogramBins(values);
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const std = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
  assert.ok(Math.abs(h.mean - mean) < 1e-12);
  assert.ok(Math.abs(h.std - std) / std < 1e-6, `std ${h.std} vs ${std}`);
  assert.equal(h.counts.reduce((a, b) => a + b, 0), values.length);
});

test('bins 500k Float32 values in well under 100 ms', () => {
  const rng = new Rng(1);
  const values = Float32Array.from({ length: 500_000 }, () => rng.normal());
  histogramBins(values, { bins: 50 }); // warm-up
  const t = performance.now();
  const h = histogramBins(values, { bins: 50 });
  const ms = performance.now() - t;
  assert.ok(ms < 100, `took ${ms.toFixed(1)} ms`);
  assert.equal(h.counts.reduce((a, b) => a + b, 0), 500_000);
  assert.ok(Math.abs(h.std - 1) < 0.01);
});

test('refuses empty input, bad bins, bad domains and all-NaN input without a domain', () => {
  assert.throws(() => histogramBins([]), /values is empty/);
  assert.throws(() => histogramBins([1], { bins: 0 }), /option bins must be a positive integer, got 0/);
  assert.throws(() => histogramBins([1], { domain: [1, 1] }), /option domain must be \[low, high\] with finite low < high, got \[1, 1\]/);
  assert.throws(() => histogramBins([NaN, NaN]), /has no finite value \(2 NaN\/Infinity\); pass a domain/);
  assert.equal(histogramBins([NaN], { domain: [0, 1], bins: 1 }).counts[0], 0);
});

test('histogramRows gives one row per bin with fractions of the finite total', () => {
  const rows = histogramRows(histogramBins([0, 1, 1, 5], { bins: 2, domain: [0, 2] }));
  assert.deepEqual(rows, [
    { x0: 0, x1: 1, count: 1, fraction: 0.25 },
    { x0: 1, x1: 2, count: 2, fraction: 0.5 },
  ]);
});
