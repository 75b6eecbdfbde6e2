import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analysed, type Analysed } from './fixture';

const HELD_CODES = ['unlock-not-held', 'relock', 'held-at-exit', 'wait-without-mutex'];

/** One thread `t` (or an array `t[N]`) with `body`, in a process with mutexes m, n and condvar c. */
function held(body: string, array = ''): Analysed {
  return analysed(
    `
process app {
  mutex m
  mutex n
  condvar c
  thread t${array} {
${body}
  }
}`,
    HELD_CODES,
  );
}

describe('held-lock dataflow', () => {
  test('balanced lock and unlock, and a balanced loop: nothing', () => {
    assert.deepEqual(held('lock m compute 1 unlock m').diags, []);
    assert.deepEqual(held('repeat 5 { lock m compute 1 unlock m }').diags, []);
    assert.deepEqual(held('lock m lock n unlock m unlock n').diags, []);
  });

  test('unlock-not-held on an unlock of a mutex never taken', () => {
    const { diags, ranges } = held('⟦unlock m⟧');
    assert.deepEqual(
      diags.map((d) => [d.code, d.severity, d.range, d.message]),
      [['unlock-not-held', 'error', ranges[0], 't unlocks m, which it does not hold']],
    );
  });

  test('unlock-not-held on the second pass of a loop', () => {
    const { diags, ranges } = held('lock m repeat 3 { ⟦unlock m⟧ compute 1 }');
    assert.deepEqual(
      diags.map((d) => [d.code, d.range]),
      [['unlock-not-held', ranges[0]]],
    );
    assert.equal(diags[0].message, 't unlocks m, which it does not hold on some pass of a repeat');
  });

  test('a loop run once has no second pass', () => {
    assert.deepEqual(held('lock m repeat 1 { unlock m }').diags, []);
    assert.deepEqual(held('repeat 1 { lock m } unlock m').diags, []);
    const { diags, ranges } = held('repeat 2 { ⟦lock m⟧ } unlock m');
    assert.deepEqual(
      diags.map((d) => [d.code, d.range]),
      [['relock', ranges[0]]],
    );
  });

  test('relock on a second lock of a held mutex', () => {
    const { diags, ranges } = held('lock m ⟦lock m⟧ unlock m');
    assert.deepEqual(
      diags.map((d) => [d.code, d.severity, d.range, d.message]),
      [['relock', 'error', ranges[0], 't locks m while already holding it: a self-deadlock']],
    );
  });

  test('held-at-exit at the end of the body is on the lock still held', () => {
    const { diags, ranges } = held('⟦lock m⟧ lock n unlock n compute 1');
    assert.deepEqual(
      diags.map((d) => [d.code, d.severity, d.range, d.message]),
      [['held-at-exit', 'warning', ranges[0], 't ends still holding m, taken here']],
    );
  });

  test('held-at-exit at `exit` is on the exit, with the lock as related information', () => {
    const { diags, ranges } = held('⟦lock m⟧ ⟦exit⟧ unlock m');
    assert.equal(diags.length, 1, 'the unlock after exit is dead code, the end of the body is not reached');
    assert.deepEqual(
      [diags[0].code, diags[0].range, diags[0].message],
      ['held-at-exit', ranges[1], 't can exit while holding m'],
    );
    assert.deepEqual(diags[0].relatedInformation, [{ range: ranges[0], message: 't takes m here' }]);
    assert.deepEqual(held('lock m unlock m exit').diags, []);
  });

  test('an exit inside a loop ends the thread in its first pass', () => {
    assert.deepEqual(held('lock m repeat 3 { unlock m exit }').diags, []);
  });

  test('wait-without-mutex, and a correct wait', () => {
    const { diags, ranges } = held('⟦wait c m⟧ unlock m');
    assert.deepEqual(
      diags.map((d) => [d.code, d.severity, d.range, d.message]),
      [['wait-without-mutex', 'error', ranges[0], 't waits on c without holding m']],
    );
    assert.deepEqual(held('lock m wait c m unlock m').diags, []);
    assert.deepEqual(held('repeat 3 { lock m wait c m unlock m }').diags, []);
  });

  test('threads of one array give one merged diagnostic naming them', () => {
    const { diags, ranges } = held('⟦unlock m⟧', '[3]');
    assert.deepEqual(
      diags.map((d) => [d.code, d.range, d.message]),
      [['unlock-not-held', ranges[0], 't[0], t[1], t[2] unlock m, which they do not hold']],
    );
  });

  test('threads of one array on different mutexes (i-relative): one diagnostic, one part each', () => {
    const { diags } = analysed(
      `
process app {
  mutex f[2]
  thread w[2] { unlock f[i] }
}`,
      HELD_CODES,
    );
    assert.deepEqual(
      diags.map((d) => d.message),
      ['w[0] unlocks f[0], which it does not hold; w[1] unlocks f[1], which it does not hold'],
    );
  });
});
