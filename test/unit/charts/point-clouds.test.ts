import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pointClouds } from '../../../kernel-helpers/src/charts/point-clouds';
import { compileWarnings, plain } from './spec-helpers';

const tilted = new Float32Array([4, 1, 6, 2, 8, 3, 10, 5]);
const round: [number, number][] = [[-1, 0], [1, 0], [0, 1], [0, -1]];

test('square panels with equal x and y spans, including the origin', () => {
  const spec = plain(pointClouds([{ label: 'original', points: tilted }, { label: 'whitened', points: round }], { title: 'Whitening rounds the cloud' }));
  assert.equal(spec.hconcat.length, 2);
  for (const panel of spec.hconcat) {
    assert.equal(panel.width, panel.height);
    const enc = panel.layer[2].encoding;
    const [x0, x1] = enc.x.scale.domain;
    const [y0, y1] = enc.y.scale.domain;
    assert.ok(Math.abs(x1 - x0 - (y1 - y0)) < 1e-9, 'equal spans: one unit is as long on x as on y');
    assert.ok(x0 <= 0 && x1 >= 0 && y0 <= 0 && y1 >= 0, 'origin inside');
  }
  assert.equal(spec.hconcat[0].layer[3].data.values[0].label, 'original');
  assert.equal(spec.hconcat[0].layer[2].data.values.length, 4);
  assert.deepEqual(compileWarnings(pointClouds([{ label: 'a', points: tilted }], { title: 't' })), []);
});

test('shared domain is the same square for all panels; large clouds are subsampled', () => {
  const spec = plain(pointClouds([{ label: 'a', points: tilted }, { label: 'b', points: round }], { title: 't', domain: 'shared' }));
  assert.deepEqual(spec.hconcat[0].layer[2].encoding.x.scale.domain, spec.hconcat[1].layer[2].encoding.y.scale.domain);
  const big = new Float32Array(2 * 10_000).map((_, i) => i % 7);
  assert.equal(plain(pointClouds([{ label: 'big', points: big }], { title: 't', maxPoints: 1000 })).hconcat[0].layer[2].data.values.length, 1000);
});

test('errors: odd length, NaN point, no panels', () => {
  assert.throws(() => pointClouds([{ label: 'a', points: [1, 2, 3] }], { title: 't' }), /panels\[0\]\.points has odd length 3/);
  assert.throws(() => pointClouds([{ label: 'a', points: [1, NaN] }], { title: 't' }), /panels\[0\] point 0 is \(1, NaN\); coordinates must be finite/);
  assert.throws(() => pointClouds([], { title: 't' }), /panels must be a non-empty array/);
});
