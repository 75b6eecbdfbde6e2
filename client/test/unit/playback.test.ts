import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  SPEEDS,
  defaultSpeed,
  initialPlayback,
  nearestSpeed,
  reducePlayback,
  type PlaybackState,
} from '../../src/webview/playback';

const marks = [0, 2, 5, 6, 10, 13, 24];
const fresh = (): PlaybackState => initialPlayback(24, marks, 16);

test('a fresh run starts paused at 0 with a speed that plays it in about fifteen seconds', () => {
  const s = fresh();
  assert.equal(s.time, 0);
  assert.equal(s.playing, false);
  assert.ok(SPEEDS.includes(s.speed));
  assert.equal(defaultSpeed(1500), 100);
  assert.equal(defaultSpeed(0), 0.5);
});

test('tick advances the playhead by elapsed time × speed only while playing', () => {
  let s = { ...fresh(), speed: 2 };
  s = reducePlayback(s, { type: 'tick', elapsedMs: 1000 });
  assert.equal(s.time, 0, 'paused: no motion');
  s = reducePlayback(s, { type: 'play' });
  s = reducePlayback(s, { type: 'tick', elapsedMs: 500 });
  assert.equal(s.time, 1);
  s = reducePlayback(s, { type: 'tick', elapsedMs: 1500 });
  assert.equal(s.time, 4);
});

test('playing stops at the end, and play from the end starts over', () => {
  let s = reducePlayback({ ...fresh(), speed: 100 }, { type: 'play' });
  s = reducePlayback(s, { type: 'tick', elapsedMs: 10_000 });
  assert.equal(s.time, 24);
  assert.equal(s.playing, false);
  s = reducePlayback(s, { type: 'toggle' });
  assert.equal(s.playing, true);
  assert.equal(s.time, 0);
});

test('next and previous event walk the distinct event instants and pause', () => {
  let s = reducePlayback(fresh(), { type: 'play' });
  s = reducePlayback(s, { type: 'nextEvent' });
  assert.deepEqual([s.time, s.playing], [2, false]);
  s = reducePlayback(s, { type: 'nextEvent' });
  assert.equal(s.time, 5);
  s = reducePlayback({ ...s, time: 7.5 }, { type: 'prevEvent' });
  assert.equal(s.time, 6);
  s = reducePlayback(s, { type: 'prevEvent' });
  assert.equal(s.time, 5);
  s = reducePlayback({ ...s, time: 0 }, { type: 'prevEvent' });
  assert.equal(s.time, 0);
  s = reducePlayback({ ...s, time: 24 }, { type: 'nextEvent' });
  assert.equal(s.time, 24);
});

test('nudge moves by whole ticks from a fractional playhead, clamped', () => {
  let s = { ...fresh(), time: 3.4 };
  assert.equal(reducePlayback(s, { type: 'nudge', ticks: 1 }).time, 4);
  assert.equal(reducePlayback(s, { type: 'nudge', ticks: -1 }).time, 3);
  s = { ...s, time: 0 };
  assert.equal(reducePlayback(s, { type: 'nudge', ticks: -1 }).time, 0);
});

test('seek, home and end clamp to the run', () => {
  const s = fresh();
  assert.equal(reducePlayback(s, { type: 'seek', time: 99 }).time, 24);
  assert.equal(reducePlayback(s, { type: 'seek', time: -3 }).time, 0);
  assert.equal(reducePlayback(s, { type: 'seek', time: Number.NaN }).time, 0);
  assert.equal(reducePlayback({ ...s, time: 9 }, { type: 'home' }).time, 0);
  assert.equal(reducePlayback(s, { type: 'end' }).time, 24);
});

test('faster and slower step through the speed list and stop at its ends', () => {
  let s = { ...fresh(), speed: 1 };
  s = reducePlayback(s, { type: 'faster' });
  assert.equal(s.speed, 2);
  s = reducePlayback(s, { type: 'slower' });
  s = reducePlayback(s, { type: 'slower' });
  s = reducePlayback(s, { type: 'slower' });
  assert.equal(s.speed, SPEEDS[0]);
  s = reducePlayback({ ...s, speed: SPEEDS[SPEEDS.length - 1] }, { type: 'faster' });
  assert.equal(s.speed, SPEEDS[SPEEDS.length - 1]);
  assert.equal(nearestSpeed(-1), SPEEDS[0]);
  assert.equal(nearestSpeed(190), 200);
});

test('jump to the first problem moves there; without one nothing changes', () => {
  const s = fresh();
  assert.equal(reducePlayback(s, { type: 'jumpToProblem' }).time, 16);
  const none = initialPlayback(24, marks, null);
  assert.equal(reducePlayback(none, { type: 'jumpToProblem' }), none);
});

test('a new run keeps the playhead and speed, clamped to its end', () => {
  let s = { ...fresh(), time: 20, speed: 50 };
  s = reducePlayback(s, { type: 'load', endTime: 12, marks: [0, 12], firstProblem: null });
  assert.deepEqual([s.time, s.speed, s.endTime], [12, 50, 12]);
  const kept = initialPlayback(30, [], null, { time: 7, speed: 3 });
  assert.deepEqual([kept.time, kept.speed], [7, 2]);
});
