/**
 * The visibility problem (docs/reference/language.md §5.2, §8, §9): `inherit` lifts an unbound owner in the
 * library only; its pool LWP stays at the process's priority, so a KLT of another process between
 * the two still runs first, and the simulation reports a kernel-level inversion.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codes, expectThread, run } from './helpers';

const scenario = (mutex: string, lowAttrs = '') => `scenario "visibility" { cpus 1 }
process app {
  model many_to_many
  lwps 2
  mutex m ${mutex}
  thread low priority 1 ${lowAttrs} { lock m compute 4 unlock m }
  thread high priority 10 bound at 1 { lock m compute 1 unlock m }
}
process other { model one_to_one thread medium priority 5 at 2 { compute 10 } }`;

test('inherit on a mutex of an unbound owner: a kernel-level inversion is reported all the same', () => {
  const r = run(scenario('inherit'));
  const d = r.diagnostics.find((x) => x.code === 'priority-inversion');
  assert.ok(d, codes(r).join());
  assert.match(d.message, /^priority inversion at the kernel level from t=2: high \(priority 10\) waited for m/);
  assert.match(
    d.message,
    /low, whose pool LWP the kernel ran at priority 0 \(app's priority: inherit lifts low in the library only\)/,
  );
  assert.match(d.message, /medium \(priority 5\) ran instead: 10 ticks/);
  assert.equal(d.data?.level, 'kernel');
  assert.equal(d.data?.fix, 'bound');
  assert.deepEqual(
    r.inversions?.map((i) => [i.start, i.end, i.level]),
    [[2, 12, 'kernel']],
  );
  // high waits from 1 until medium is done and low has finished its critical section.
  expectThread(r, 'high', { finish: 15 });
});

test('bound on the owner with inherit cures it: its KLT runs at the inherited priority', () => {
  // (high is bound throughout, so the kernel sees it and it reaches its lock.)
  const r = run(scenario('inherit', 'bound'));
  assert.ok(!codes(r).includes('priority-inversion'), codes(r).join());
  expectThread(r, 'high', { finish: 5 });
});

test('bound alone cures nothing: the inversion is at the kernel level, the fix is inherit', () => {
  const r = run(scenario('', 'bound'));
  const d = r.diagnostics.find((x) => x.code === 'priority-inversion');
  assert.ok(d);
  assert.equal(d.data?.level, 'kernel');
  assert.equal(d.data?.fix, 'inherit');
});

test('at the library level inherit cures it: the library sees the effective priority', () => {
  const text = (proto: string) => `scenario "t" { cpus 1 }
process p { model many_to_many lwps 1 mutex m block ${proto}
  thread low priority 1 { lock m compute 4 unlock m }
  thread high priority 9 at 1 { lock m compute 1 unlock m }
  thread medium priority 5 at 1 { compute 6 } }`;
  const plain = run(text('')).diagnostics.find((x) => x.code === 'priority-inversion');
  assert.equal(plain?.data?.level, 'library');
  assert.match(plain?.message ?? '', /at the library level/);
  assert.ok(!codes(run(text('inherit'))).includes('priority-inversion'));
});
