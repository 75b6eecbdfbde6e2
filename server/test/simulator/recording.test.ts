/**
 * Bounded recording (docs/reference/cli.md): past the cap recording stops at an instant, keeping all before
 * it and nothing at or after it, while the run and its metrics go on to the end; a mark and a
 * rewind return the recorder to where it stood, so a restored run records as an uninterrupted one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulate, type RunResult } from '../../src/simulator';
import { DEFAULT_MAX_RECORDED, Recorder } from '../../src/simulator/recorder';
import { model, run } from './helpers';

const BUSY = `scenario "busy" { cpus 2 policy rr quantum 1 }
process p {
  model one_to_one
  mutex m
  thread w[4] { repeat 30 { compute 1 lock m compute 1 unlock m } }
}
`;

function core(r: RunResult): unknown {
  const {
    events: _e,
    spans: _s,
    inversions: _i,
    topology: _t,
    stalls: _st,
    statements: _x,
    recording: _r,
    final: _f,
    ...rest
  } = r;
  return rest;
}

test('the default cap is 10⁶ recorded events', () => {
  assert.equal(DEFAULT_MAX_RECORDED, 1_000_000);
  const r = run(BUSY, { record: { events: true, spans: true } });
  assert.deepEqual(r.recording, { events: r.events!.length, complete: true, until: null });
});

test('past the cap: everything before the stop, nothing at or after it; the metrics cover the whole run', () => {
  const whole = run(BUSY, { record: { events: true, spans: true } });
  const capped = run(BUSY, { record: { events: true, spans: true, maxEvents: 100 } });
  const rec = capped.recording!;
  assert.equal(rec.complete, false);
  assert.ok(rec.until !== null && rec.until > 0 && rec.until < capped.endTime);
  const until = rec.until;
  assert.ok(rec.events <= 100 && rec.events === capped.events!.length);
  assert.deepEqual(
    capped.events,
    whole.events!.filter((e) => e.t < until),
    'the events before the stop are those of the whole run',
  );
  assert.ok(capped.spans!.every((s) => s.end <= until));
  assert.ok(capped.statements!.t.every((t) => t < until));
  const cut = whole.spans!.filter((s) => s.start < until).map((s) => ({ ...s, end: Math.min(s.end, until) }));
  assert.deepEqual(
    new Set(capped.spans!.map((s) => JSON.stringify(s))),
    new Set(cut.map((s) => JSON.stringify(s))),
    'the spans before the stop are those of the whole run',
  );
  assert.deepEqual(core(capped), core(whole), 'the summary covers the whole run');
  assert.deepEqual(core(simulate(model(BUSY))), core(whole));
});

test('the cap counts events whether or not they are kept', () => {
  const kept = run(BUSY, { record: { events: true, spans: true, maxEvents: 100 } });
  const spansOnly = run(BUSY, { record: { spans: true, maxEvents: 100 } });
  assert.deepEqual(spansOnly.recording, kept.recording);
  assert.deepEqual(spansOnly.spans, kept.spans);
});

test('a cap the run never reaches leaves the recording complete; a cap of 0 records nothing', () => {
  const whole = run(BUSY, { record: { events: true } });
  const exact = run(BUSY, { record: { events: true, maxEvents: whole.events!.length } });
  assert.deepEqual(exact.recording, { events: whole.events!.length, complete: true, until: null });
  const none = run(BUSY, { record: { events: true, spans: true, maxEvents: 0 } });
  assert.deepEqual(none.recording, { events: 0, complete: false, until: 0 });
  assert.deepEqual(none.events, []);
  assert.deepEqual(none.spans, []);
});

test('rewinding to a mark, then recording the same, gives what an uninterrupted recording gives', () => {
  const lanes = [{ kind: 'thread', process: 'p', thread: 'a' }] as const;
  const script = (r: Recorder, clock: { now: number }, from: number, to: number): void => {
    for (let t = from; t < to; t++) {
      clock.now = t;
      r.lane(0, t % 3 === 0 ? 'running' : 'ready');
      r.event('run', null, { process: 'p' });
      r.event('preempt', null, { process: 'p' });
      r.stall('p', t, t + 1);
    }
  };
  const make = (): [Recorder, { now: number }] => {
    const clock = { now: 0 };
    const r = new Recorder(clock, true, true, 25);
    r.addLane(lanes[0]);
    return [r, clock];
  };
  const [a, ca] = make();
  script(a, ca, 0, 30);
  const [b, cb] = make();
  script(b, cb, 0, 8);
  const m = b.mark();
  script(b, cb, 8, 30);
  assert.equal(b.recording, false, 'the cap stopped it after the mark');
  b.rewind(m);
  assert.equal(b.recording, true);
  script(b, cb, 8, 30);
  const out = (r: Recorder): unknown => ({ e: r.events(), s: r.closeAll(30), i: r.info(), st: r.stallList });
  assert.deepEqual(out(b), out(a));
});
