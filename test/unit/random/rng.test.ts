import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../../kernel-helpers/src/random';

test('the same seed gives the same stream; different seeds differ', () => {
  const a = new Rng(42), b = new Rng(42), c = new Rng(43);
  const sa = Array.from({ length: 5 }, () => a.random());
  assert.deepEqual(sa, Array.from({ length: 5 }, () => b.random()));
  assert.notDeepEqual(sa, Array.from({ length: 5 }, () => c.random()));
});

test('uniform samples lie in [0, 1) with mean near 1/2', () => {
  const r = new Rng(1);
  let sum = 0;
  for (let i = 0; i < 100000; i++) {
    const u = r.random();
    assert.ok(u >= 0 && u < 1);
    sum += u;
  }
  assert.ok(Math.abs(sum / 100000 - 0.5) < 0.01);
});

test('normal samples have the requested mean and std', () => {
  const r = new Rng(7);
  const xs = r.normalArray(100000, 3, 2);
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  const std = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length);
  assert.ok(Math.abs(mean - 3) < 0.03, `mean ${mean}`);
  assert.ok(Math.abs(std - 2) < 0.03, `std ${std}`);
});

test('permutation holds every index once', () => {
  const p = new Rng(3).permutation(1000);
  assert.deepEqual(Array.from(p).sort((x, y) => x - y), Array.from({ length: 1000 }, (_, i) => i));
  assert.notDeepEqual(Array.from(p.subarray(0, 10)), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
});

test('tfSeed is never 0 (tfjs would treat 0 as unseeded)', () => {
  const r = new Rng(0);
  for (let i = 0; i < 10000; i++) assert.ok(r.tfSeed() >= 1);
});

test('logUniform spreads evenly over the exponent', () => {
  const r = new Rng(5);
  let below = 0;
  for (let i = 0; i < 10000; i++) if (r.logUniform(-6, -3) < 10 ** -4.5) below++;
  assert.ok(Math.abs(below / 10000 - 0.5) < 0.03);
});

test('bad arguments are rejected with the argument named', () => {
  assert.throws(() => new Rng(-1), /seed must be an integer/);
  assert.throws(() => new Rng(1.5), /seed must be an integer/);
  assert.throws(() => new Rng(2 ** 32), /seed must be an integer/);
  const r = new Rng(1);
  assert.throws(() => r.int(0), /n must be a positive integer/);
  assert.throws(() => r.uniform(2, 1), /high/);
  assert.throws(() => r.normal(0, -1), /std must be >= 0/);
  assert.throws(() => r.permutation(-3), /n must be a non-negative integer/);
});

test('fork gives an independent but reproducible stream', () => {
  const a = new Rng(9).fork(), b = new Rng(9).fork();
  assert.equal(a.random(), b.random());
});
