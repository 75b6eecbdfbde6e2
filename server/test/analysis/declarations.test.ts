import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyse } from '../../src/analysis';
import type { Diagnostic } from '../../src/language/diagnostic';
import type { Model } from '../../src/language/model';
import { buildModel, line, type ThreadDecl } from './build-model';

function only(model: Model, code: string): Diagnostic[] {
  return analyse(model).filter((d) => d.code === code);
}

describe('unused-declaration', () => {
  test('a mutex, a condvar and a semaphore nobody uses: one hint each on its name', () => {
    const model = buildModel([{
      name: 'app',
      mutexes: ['m', 'used'],
      condvars: ['c'],
      semaphores: ['s 1'],
      threads: [{ name: 't', body: ['lock used', 'unlock used'] }],
    }]);
    const d = only(model, 'unused-declaration');
    assert.deepEqual(d.map((x) => [x.severity, x.range, x.message]), [
      ['hint', line('m'), 'mutex m is never used'],
      ['hint', line('c'), 'condvar c is never used'],
      ['hint', line('s 1'), 'semaphore s is never used'],
    ]);
  });

  test('signal, wait, sem_post and unlock all count as uses', () => {
    const model = buildModel([{
      name: 'app',
      mutexes: ['m', 'n'],
      condvars: ['c', 'd'],
      semaphores: ['s 0'],
      threads: [{ name: 't', body: ['lock m', 'wait c m', 'unlock m', 'signal d', 'sem_post s', 'unlock n'] }],
    }]);
    assert.deepEqual(only(model, 'unused-declaration'), []);
  });

  test('an array is reported only when none of its elements is used', () => {
    const used = buildModel([{ name: 'app', mutexes: ['fork[3]'], threads: [{ name: 't', body: ['lock fork[1]', 'unlock fork[1]'] }] }]);
    assert.deepEqual(only(used, 'unused-declaration'), []);
    const unused = buildModel([{ name: 'app', mutexes: ['fork[3]'], threads: [{ name: 't', body: ['compute 1'] }] }]);
    assert.deepEqual(only(unused, 'unused-declaration').map((x) => [x.range, x.message]), [
      [line('fork[3]'), 'no element of mutex array fork is used'],
    ]);
  });
});

describe('stack-too-small', () => {
  const stack = (threads: ThreadDecl[]): Diagnostic[] =>
    only(buildModel([{ name: 'app', threads }]), 'stack-too-small');

  test('a stack_use larger than the stack, naming both sizes', () => {
    const d = stack([{ name: 't', body: ['stack_use 16384'] }]);
    assert.equal(d.length, 1);
    assert.equal(d[0].severity, 'warning');
    assert.deepEqual(d[0].range, line('stack_use 16384'));
    assert.match(d[0].message, /^t uses 16k \(16384 bytes\) of stack, more than its 8k \(8192 bytes\) stack/);
  });

  test('a stack_use that fits, or a larger stack: nothing', () => {
    assert.deepEqual(stack([{ name: 't', body: ['stack_use 8192'] }]), []);
    assert.deepEqual(stack([{ name: 't', stack: 32768, body: ['stack_use 16384'] }]), []);
  });

  test('after exit the stack_use never runs; inside a loop it does', () => {
    assert.deepEqual(stack([{ name: 't', body: ['exit', 'stack_use 16384'] }]), []);
    assert.equal(stack([{ name: 't', body: [{ repeat: 3, body: ['stack_use 9000'] }] }]).length, 1);
  });

  test('threads of one array: one diagnostic naming them', () => {
    const d = stack([{ name: 'w', count: 2, body: ['stack_use 9000'] }]);
    assert.equal(d.length, 1);
    assert.equal(d[0].message,
      'w[0], w[1] use 9000 bytes of stack, more than their 8k (8192 bytes) stacks: ' +
        'the red zone turns the overflow into a fault that kills the process');
  });
});
