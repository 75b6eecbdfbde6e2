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
const fresh = (): PlaybackState => initialPlayback({ endTime: 24, marks, firstProblem: 16 });

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
  const none = initialPlayback({ endTime: 24, marks, firstProblem: null });
  assert.equal(reducePlayback(none, { type: 'jumpToProblem' }), none);
});

test('a new run keeps the playhead and speed, clamped to its end', () => {
  let s = { ...fresh(), time: 20, speed: 50 };
  s = reducePlayback(s, { type: 'load', run: { endTime: 12, marks: [0, 12], firstProblem: null } });
  assert.deepEqual([s.time, s.speed, s.endTime], [12, 50, 12]);
  const kept = initialPlayback({ endTime: 30, marks: [], firstProblem: null }, { time: 7, speed: 3 });
  assert.deepEqual([kept.time, kept.speed], [7, 2]);
});

const steps = [0, 0, 2, 5, 5, 5, 6, 10, 13, 24];
const stepped = (): PlaybackState => initialPlayback({ endTime: 24, marks, firstProblem: 16, steps });

test('steps: selecting an event moves the playhead to its instant; stepBy walks the events one by one', () => {
  let s = stepped();
  assert.equal(s.step, 1, 'at 0, the last event at or before the playhead');
  s = reducePlayback(s, { type: 'selectStep', index: 4 });
  assert.deepEqual([s.time, s.step], [5, 4]);
  s = reducePlayback(s, { type: 'stepBy', delta: 1 });
  assert.deepEqual([s.time, s.step], [5, 5], 'the next event of the same instant');
  s = reducePlayback(s, { type: 'stepBy', delta: 1 });
  assert.deepEqual([s.time, s.step], [6, 6]);
  s = reducePlayback(s, { type: 'stepBy', delta: -1 });
  assert.deepEqual([s.time, s.step], [5, 5]);
  assert.equal(reducePlayback(s, { type: 'selectStep', index: 99 }), s, 'no such event: nothing changes');
  s = reducePlayback(s, { type: 'seek', time: 11.5 });
  assert.equal(s.step, 7, 'a seek selects the last event at or before the playhead');
  s = reducePlayback(s, { type: 'home' });
  assert.equal(s.step, 1);
});

test('reveal hides the future: nothing moves the playhead past it, and a run of the same mode keeps it', () => {
  let s = reducePlayback(stepped(), { type: 'reveal', until: 6 });
  assert.equal(s.revealed, 6);
  for (const a of [
    { type: 'seek', time: 20 },
    { type: 'end' },
    { type: 'nudge', ticks: 30 },
    { type: 'nextEvent' },
  ] as const) {
    const t = reducePlayback({ ...s, time: 5 }, a);
    assert.ok(t.time <= 6, `${a.type} stays within what is revealed`);
  }
  assert.equal(reducePlayback(s, { type: 'jumpToProblem' }).time, s.time, 'the problem at 16 is in the hidden future');
  assert.equal(reducePlayback(s, { type: 'selectStep', index: 7 }), s, 'the event at 10 is hidden');
  s = reducePlayback(s, { type: 'play' });
  s = reducePlayback({ ...s, speed: 100 }, { type: 'tick', elapsedMs: 1000 });
  assert.deepEqual([s.time, s.playing], [6, false], 'playing stops where the future is hidden');
  s = reducePlayback(s, { type: 'load', run: { endTime: 30, marks, firstProblem: null, steps } });
  assert.equal(s.revealed, 6);
  s = reducePlayback(s, { type: 'reveal', until: null });
  assert.equal(s.revealed, 30);
  s = reducePlayback(s, { type: 'load', run: { endTime: 40, marks, firstProblem: null } });
  assert.equal(s.revealed, 40, 'nothing hidden: a new run shows all of it');
});
