/**
 * What each sample's opening comment tells the reader to watch for, checked against the run.
 * The golden files pin every number; these tests pin the point of each sample, so that a
 * regenerated golden cannot silently contradict its comment. Variants ("turn `sigwaiting
 * off` and …") are checked by editing the text the way the comment suggests.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { diagnose, withRun } from '../../src/diagnose';
import { simulate, type RunResult, type SimulationOptions, type ThreadMetrics } from '../../src/simulator';

/** Diagnoses and simulates a text as `threadscape check` does. */
function checkText(text: string, simulation?: SimulationOptions) {
  const d = diagnose(text);
  const result = d.compilation.model ? simulate(d.compilation.model, simulation) : null;
  return { result, diagnostics: withRun(d, result) };
}

const samplesDir = resolve(__dirname, '../../../samples');

function source(sample: string): string {
  return readFileSync(join(samplesDir, sample), 'utf8');
}

/** Replaces the one line of a sample whose text (indentation aside) is `from`. */
function variant(text: string, from: string, to: string): string {
  const lines = text.split('\n');
  const at = lines.filter((l) => l.trim() === from);
  assert.equal(at.length, 1, `the sample has one line '${from}'`);
  return lines.map((l) => (l.trim() === from ? l.replace(from, to) : l)).join('\n');
}

interface Run {
  result: RunResult;
  codes: string[];
  thread(name: string): ThreadMetrics;
}

function run(text: string): Run {
  const checked = checkText(text, { record: { events: true } });
  const result = checked.result;
  assert.ok(result, `the text compiles: ${checked.diagnostics.map((d) => d.message).join('; ')}`);
  return {
    result,
    codes: checked.diagnostics.map((d) => d.code),
    thread(name) {
      const [proc, bare] = name.includes('/') ? name.split('/') : [null, name];
      const t = result.threads.find((x) => x.name === bare && (proc === null || x.process === proc));
      assert.ok(t, `thread ${name} exists`);
      return t;
    },
  };
}

describe('sample claims', () => {
  test('three-models: only many_to_one makes the worker wait for the I/O', () => {
    const r = run(source('three-models.threads'));
    assert.equal(r.thread('one_to_one_app/worker').finish, 5);
    assert.equal(r.thread('one_to_one_app/reader').finish, 10);
    assert.equal(r.thread('many_to_one_app/worker').firstRun, 10);
    assert.equal(r.thread('many_to_many_app/worker').firstRun, 2, 'after cost lwp_create');
    assert.equal(r.result.counters.upcalls, 1);
    assert.ok(r.codes.includes('process-stall'));
  });

  test('sigwaiting: one upcall grows the pool to three LWPs; off, the process stalls and a worker hangs', () => {
    const text = source('sigwaiting.threads');
    const on = run(text);
    assert.equal(on.result.outcome, 'completed');
    assert.equal(on.result.counters.upcalls, 1);
    assert.equal(on.result.counters.lwpsCreated, 3);
    assert.ok(!on.codes.includes('process-stall'));
    const off = run(variant(text, 'sigwaiting on', 'sigwaiting off'));
    assert.equal(off.result.counters.upcalls, 0);
    assert.ok(off.codes.includes('process-stall'));
    assert.equal(off.result.outcome, 'hang');
    assert.equal(off.thread('worker[0]').firstRun, 23);
  });

  test('set-concurrency: the workers run in parallel only after set_concurrency', () => {
    const text = source('set-concurrency.threads');
    const grown = run(text);
    for (const w of ['worker[0]', 'worker[1]', 'worker[2]']) assert.equal(grown.thread(w).finish, 18);
    const single = run(variant(text, 'set_concurrency 4', ''));
    assert.deepEqual(
      ['worker[0]', 'worker[1]', 'worker[2]'].map((w) => single.thread(w).finish),
      [18, 30, 42],
    );
  });

  test('lwp-aging: idle LWPs are reclaimed down to the concurrency level', () => {
    const text = source('lwp-aging.threads');
    assert.equal(run(text).result.counters.lwpsReclaimed, 2);
    assert.equal(run(variant(text, 'concurrency 2', 'concurrency 0')).result.counters.lwpsReclaimed, 3);
  });

  test('bound-and-pinned: the unbound urgent thread waits, the bound one preempts, the pinned one stays', () => {
    const r = run(source('bound-and-pinned.threads'));
    const urgent = r.thread('urgent');
    assert.ok(urgent.firstRun !== null && urgent.arrival !== null && urgent.firstRun - urgent.arrival >= 10);
    assert.equal(r.thread('alarm').firstRun, 5, 'arrival 4 + cost lwp_create 1');
    const loggerRuns = (r.result.events ?? []).filter((e) => e.kind === 'run' && e.thread === 'logger');
    assert.ok(loggerRuns.length > 0);
    assert.ok(
      loggerRuns.every((e) => e.cpu === 1),
      'logger runs only on CPU 1',
    );
  });

  test('ult-locking-problem: the waiter spins while the holder is preempted; adaptive or block does not', () => {
    const text = source('ult-locking-problem.threads');
    const spin = run(text);
    assert.equal(spin.thread('waiter').spinTime, 30);
    const holder = spin.thread('holder');
    assert.ok(holder.readyTime > 0, 'the holder was preempted');
    for (const kind of ['adaptive', 'block']) {
      const other = run(variant(text, 'mutex m spin', `mutex m ${kind}`));
      assert.ok(other.thread('waiter').spinTime <= 1, kind);
      assert.equal(other.thread('holder').readyTime <= 1, true, `${kind}: the holder is not preempted`);
      assert.equal(other.result.endTime, 20, kind);
    }
  });

  test('cross-cpu-preemption: two signals, t3 runs at 2 and from 6', () => {
    const r = run(source('cross-cpu-preemption.threads'));
    assert.equal(r.result.counters.ipis, 2);
    assert.equal(r.thread('t3').firstRun, 2);
    assert.equal(r.thread('t3').finish, 8);
  });

  test('mutex-kinds: spin spins, block sleeps, adaptive spins then sleeps', () => {
    const r = run(source('mutex-kinds.threads'));
    const spin = r.thread('spinning/waiter');
    const block = r.thread('blocking/waiter');
    const adaptive = r.thread('adapting/waiter');
    assert.ok(spin.spinTime >= 8 && spin.blockedTime === 0);
    assert.ok(block.spinTime === 0 && block.blockedTime >= 8);
    assert.ok(adaptive.spinTime > 0 && adaptive.spinTime < spin.spinTime && adaptive.blockedTime > 0);
  });

  test('priority-inversion: high finishes at 15 without a protocol, at 5 with inherit or ceiling', () => {
    const r = run(source('priority-inversion.threads'));
    assert.equal(r.thread('plain/high').finish, 15);
    assert.equal(r.thread('inheriting/high').finish, 5);
    assert.equal(r.thread('capped/high').finish, 5);
    assert.equal(r.codes.filter((c) => c === 'priority-inversion').length, 1);
    assert.equal(r.codes.filter((c) => c === 'inversion-risk').length, 1);
  });

  test('death-row: the second spawn reuses a stack, the reaper empties death row, keep 1 keeps one', () => {
    const text = source('death-row.threads');
    const r = run(text);
    assert.equal(r.result.counters.threadsReused, 1);
    assert.equal(r.result.counters.threadsReaped, 1);
    assert.equal(
      r.thread('helper[1]').arrival,
      12,
      'cost create 8, then cost create_cached 1 after helper[0] exits at 11',
    );
    const kept = run(variant(text, 'reaper 40 keep 0', 'reaper 40 keep 1'));
    assert.equal(kept.result.counters.threadsReused, 2);
    assert.equal(kept.result.counters.threadsReaped, 0);
    const last = r.thread('helper[2]').arrival;
    const lastKept = kept.thread('helper[2]').arrival;
    assert.ok(last !== null && lastKept !== null && last - lastKept === 7, 'create 8 instead of create_cached 1');
  });

  test('red-zones: the guard page blames the culprit at once; without it the victim faults later', () => {
    const checked = checkText(source('red-zones.threads'));
    const r = checked.result;
    assert.ok(r);
    const find = (p: string, n: string) => r.threads.find((t) => t.process === p && t.name === n);
    assert.equal(find('guarded', 'parser')?.state, 'faulted');
    assert.equal(find('guarded', 'printer')?.state, 'killed');
    assert.equal(find('unguarded', 'printer')?.state, 'faulted');
    const overflows = checked.diagnostics.filter((d) => d.code === 'stack-overflow');
    assert.deepEqual(
      overflows.map((d) => d.time),
      [2, 5],
    );
    assert.match(overflows[1]?.message ?? '', /printer/);
    assert.match(overflows[1]?.message ?? '', /parser/);
  });

  test('switch-costs: the cross-process half spends far more on switching', () => {
    const r = run(source('switch-costs.threads'));
    const lightOverhead = (r.thread('right').finish ?? 0) - 16;
    const hardOverhead = (r.thread('b').finish ?? 0) - 40 - 16;
    assert.ok(lightOverhead > 0);
    assert.ok(hardOverhead > 4 * lightOverhead, `${hardOverhead} vs ${lightOverhead}`);
    assert.ok(r.result.counters.processSwitches > 0);
  });

  test('dining-philosophers: all five deadlock at tick 2, and the analysis saw the cycle', () => {
    const r = run(source('dining-philosophers.threads'));
    assert.equal(r.result.outcome, 'deadlock');
    assert.equal(r.result.endTime, 2);
    assert.ok(r.codes.includes('deadlock'));
    assert.ok(r.codes.includes('lock-order-cycle'));
  });
});
