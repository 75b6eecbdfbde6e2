import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analysed } from './fixture';

const UNUSED = ['unused-declaration'];
const STACK = ['stack-too-small'];

describe('unused-declaration', () => {
  test('a mutex, a condvar and a semaphore nobody uses: one hint each on its name', () => {
    const { diags, ranges } = analysed(
      `
process app {
  mutex ⟦m⟧
  mutex used
  condvar ⟦c⟧
  semaphore ⟦s⟧ 1
  thread t { lock used unlock used }
}`,
      UNUSED,
    );
    assert.deepEqual(
      diags.map((d) => [d.severity, d.range, d.message]),
      [
        ['hint', ranges[0], 'mutex m is never used'],
        ['hint', ranges[1], 'condvar c is never used'],
        ['hint', ranges[2], 'semaphore s is never used'],
      ],
    );
  });

  test('signal, wait, sem_post and unlock all count as uses, even after an exit', () => {
    const { diags } = analysed(
      `
process app {
  mutex m
  mutex n
  condvar c
  condvar d
  semaphore s 0
  thread t { lock m wait c m unlock m signal d exit sem_post s unlock n }
}`,
      UNUSED,
    );
    assert.deepEqual(diags, []);
  });

  test('an array is reported only when none of its elements is used', () => {
    const used = analysed('process app { mutex fork[3] thread t { lock fork[1] unlock fork[1] } }', UNUSED);
    assert.deepEqual(used.diags, []);
    const { diags, ranges } = analysed('process app { mutex ⟦fork⟧[3] thread t { compute 1 } }', UNUSED);
    assert.deepEqual(
      diags.map((d) => [d.range, d.message]),
      [[ranges[0], 'no element of mutex array fork is used']],
    );
  });

  test('objects of another process with the same name do not count', () => {
    const { diags, ranges } = analysed(
      `
process p1 { mutex m thread t { lock m unlock m } }
process p2 { mutex ⟦m⟧ thread t { compute 1 } }`,
      UNUSED,
    );
    assert.deepEqual(
      diags.map((d) => d.range),
      [ranges[0]],
    );
  });
});

describe('stack-too-small', () => {
  const stack = (threads: string, redzone = ''): ReturnType<typeof analysed> =>
    analysed(`process app {\n  ${redzone}\n  ${threads}\n}`, STACK);

  test('a stack_use larger than the stack, naming both sizes', () => {
    const { diags, ranges } = stack('thread t { ⟦stack_use 16k⟧ }');
    assert.deepEqual(
      diags.map((d) => [d.severity, d.range, d.message]),
      [
        [
          'warning',
          ranges[0],
          't uses 16k (16384 bytes) of stack, more than its 8k (8192 bytes) stack: ' +
            'the red zone turns the overflow into a fault that kills the process',
        ],
      ],
    );
    const off = stack('thread t stack 4k { stack_use 5000 }', 'redzone off').diags;
    assert.deepEqual(
      off.map((d) => d.message),
      [
        't uses 5000 bytes of stack, more than its 4k (4096 bytes) stack: ' +
          'with redzone off, the overflow silently overwrites the stack of the thread created next',
      ],
    );
  });

  test('a stack_use that fits, or a larger stack: nothing', () => {
    assert.deepEqual(stack('thread t { stack_use 8k }').diags, []);
    assert.deepEqual(stack('thread t stack 32k { stack_use 16k }').diags, []);
  });

  test('after exit the stack_use never runs; inside a loop it does', () => {
    assert.deepEqual(stack('thread t { exit stack_use 16k }').diags, []);
    assert.equal(stack('thread t { repeat 3 { stack_use 9000 } }').diags.length, 1);
  });

  test('threads of one array: one diagnostic naming them', () => {
    const { diags } = stack('thread w[2] { stack_use 9000 }');
    assert.deepEqual(
      diags.map((d) => d.message),
      [
        'w[0], w[1] use 9000 bytes of stack, more than their 8k (8192 bytes) stacks: ' +
          'the red zone turns the overflow into a fault that kills the process',
      ],
    );
  });
});
