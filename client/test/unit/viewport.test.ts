import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MIN_SPAN, fitViewport, follow, panBy, tickStep, timeToX, xToTime, zoomAt } from '../../src/webview/viewport';

test('fit shows the whole run; time and x convert both ways', () => {
  const v = fitViewport(100, 510);
  assert.equal(v.start, 0);
  assert.equal(v.span, 102);
  assert.equal(timeToX(v, 51), 255);
  assert.equal(xToTime(v, 255), 51);
});

test('zoom keeps the instant under the pointer in place and stops at the minimum span', () => {
  const v = fitViewport(100, 1000);
  const z = zoomAt(v, 2, 500, 100);
  assert.equal(z.span, 51);
  assert.ok(Math.abs(xToTime(z, 500) - xToTime(v, 500)) < 1e-9);
  let deep = z;
  for (let i = 0; i < 20; i++) deep = zoomAt(deep, 2, 500, 100);
  assert.equal(deep.span, MIN_SPAN);
  const out = zoomAt(z, 0.001, 0, 100);
  assert.deepEqual([out.start, out.span], [0, 102]);
});

test('pan moves the window and stays inside the run', () => {
  const v = zoomAt(fitViewport(100, 1000), 4, 0, 100);
  const p = panBy(v, 500, 100);
  assert.ok(p.start > v.start);
  assert.equal(panBy(v, -10_000, 100).start, 0);
  const far = panBy(v, 1e9, 100);
  assert.ok(Math.abs(far.start + far.span - 102) < 1e-9);
});

test('follow scrolls only when the playhead leaves the window', () => {
  const v = zoomAt(fitViewport(1000, 1000), 10, 0, 1000);
  assert.equal(follow(v, 50, 1000), v);
  const f = follow(v, 500, 1000);
  assert.ok(f.start <= 500 && 500 <= f.start + f.span);
});

test('axis steps are 1, 2 or 5 × 10ⁿ and at least one tick', () => {
  assert.equal(tickStep(fitViewport(1000, 700)), 200);
  assert.equal(tickStep({ start: 0, span: 4, width: 1000 }), 1);
  assert.equal(tickStep(fitViewport(100, 700)), 20);
});
