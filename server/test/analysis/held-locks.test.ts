import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyse } from '../../src/analysis';
import type { Diagnostic } from '../../src/language/diagnostic';
import { buildModel, line, type Tpl } from './build-model';

const HELD_CODES = ['unlock-not-held', 'relock', 'held-at-exit', 'wait-without-mutex'];

function held(body: Tpl[], count?: number): Diagnostic[] {
  const model = buildModel([
    { name: 'app', mutexes: ['m', 'n'], condvars: ['c'], threads: [{ name: 't', count, body }] },
  ]);
  return analyse(model).filter((d) => HELD_CODES.includes(d.code));
}

describe('held-lock dataflow', () => {
  test('balanced lock and unlock, and a balanced loop: nothing', () => {
    assert.deepEqual(held(['lock m', 'compute 1', 'unlock m']), []);
    assert.deepEqual(held([{ repeat: 5, body: ['lock m', 'compute 1', 'unlock m'] }]), []);
    assert.deepEqual(held(['lock m', 'lock n', 'unlock m', 'unlock n']), []);
  });

  test('unlock-not-held on an unlock of a mutex never taken', () => {
    const d = held(['unlock m']);
    assert.equal(d.length, 1);
    assert.equal(d[0].code, 'unlock-not-held');
    assert.equal(d[0].severity, 'error');
    assert.deepEqual(d[0].range, line('unlock m'));
    assert.equal(d[0].message, 't unlocks m, which it does not hold');
  });

  test('unlock-not-held on the second pass of a loop', () => {
    const d = held(['lock m', { repeat: 3, body: ['unlock m', 'compute 1'] }]);
    assert.deepEqual(d.map((x) => x.code), ['unlock-not-held']);
    assert.deepEqual(d[0].range, line('unlock m'));
    assert.match(d[0].message, /on some pass of a repeat/);
  });

  test('a loop run once does not see its own second pass', () => {
    assert.deepEqual(held(['lock m', { repeat: 1, body: ['unlock m'] }]), []);
    const twice = held([{ repeat: 2, body: ['lock m'] }, 'unlock m']);
    assert.deepEqual(twice.map((x) => x.code), ['relock']);
    assert.deepEqual(held([{ repeat: 1, body: ['lock m'] }, 'unlock m']), []);
  });

  test('relock on a second lock of a held mutex', () => {
    const d = held(['lock m', 'lock m', 'unlock m']);
    assert.deepEqual(d.map((x) => [x.code, x.range]), [['relock', line('lock m', 1)]]);
    assert.equal(d[0].severity, 'error');
    assert.equal(d[0].message, 't locks m while already holding it: a self-deadlock');
  });

  test('held-at-exit at the end of the body is on the lock still held', () => {
    const d = held(['lock m', 'lock n', 'unlock n', 'compute 1']);
    assert.deepEqual(d.map((x) => [x.code, x.severity, x.range]), [['held-at-exit', 'warning', line('lock m')]]);
    assert.equal(d[0].message, 't ends still holding m, taken here');
  });

  test('held-at-exit at `exit` is on the exit, with the lock as related information', () => {
    const d = held(['lock m', 'exit', 'unlock m']);
    assert.equal(d.length, 1, 'the unlock after exit is dead code, the end of the body is not reached');
    assert.equal(d[0].code, 'held-at-exit');
    assert.deepEqual(d[0].range, line('exit'));
    assert.equal(d[0].message, 't can exit while holding m');
    assert.deepEqual(d[0].relatedInformation, [{ range: line('lock m'), message: 't takes m here' }]);
    assert.deepEqual(held(['lock m', 'unlock m', 'exit']), []);
  });

  test('an exit inside a loop ends the thread in its first pass', () => {
    assert.deepEqual(held(['lock m', { repeat: 3, body: ['unlock m', 'exit'] }]), []);
  });

  test('wait-without-mutex, and a correct wait', () => {
    const d = held(['wait c m', 'unlock m']);
    assert.deepEqual(d.map((x) => [x.code, x.range]), [['wait-without-mutex', line('wait c m')]]);
    assert.equal(d[0].message, 't waits on c without holding m');
    assert.deepEqual(held(['lock m', 'wait c m', 'unlock m']), []);
    assert.deepEqual(held([{ repeat: 3, body: ['lock m', 'wait c m', 'unlock m'] }]), []);
  });

  test('threads of one array give one merged diagnostic naming them', () => {
    const d = held(['unlock m'], 3);
    assert.equal(d.length, 1);
    assert.equal(d[0].message, 't[0], t[1], t[2] unlock m, which they do not hold');
  });

  test('threads of one array on different mutexes (i-relative): one diagnostic, one part each', () => {
    const model = buildModel([{ name: 'app', mutexes: ['f[2]'], threads: [{ name: 'w', count: 2, body: ['unlock f[i]'] }] }]);
    const d = analyse(model).filter((x) => x.code === 'unlock-not-held');
    assert.equal(d.length, 1);
    assert.equal(d[0].message, 'w[0] unlocks f[0], which it does not hold; w[1] unlocks f[1], which it does not hold');
  });
});
