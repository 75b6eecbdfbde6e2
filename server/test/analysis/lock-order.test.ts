import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyse } from '../../src/analysis';
import type { Diagnostic } from '../../src/language/diagnostic';
import type { Model } from '../../src/language/model';
import { analyseHeldLocks } from '../../src/analysis/held-locks';
import { lockOrderFindings, MAX_CYCLES_PER_PROCESS } from '../../src/analysis/lock-order';
import { buildModel, line, type ThreadDecl } from './build-model';

function cycles(model: Model): Diagnostic[] {
  return analyse(model).filter((d) => d.code === 'lock-order-cycle');
}

function oneProcess(mutexes: string[], threads: ThreadDecl[]): Model {
  return buildModel([{ name: 'app', model: 'one_to_one', mutexes, condvars: ['c'], threads }], { cpus: 3 });
}

const PHIL = ['lock fork[i]', 'compute 1', 'lock fork[i+1]', 'compute 1', 'unlock fork[i+1]', 'unlock fork[i]'];

describe('lock-order-cycle', () => {
  test('three dining philosophers: one cycle on the lock that closes it, others related', () => {
    const d = cycles(oneProcess(['fork[3]'], [{ name: 'phil', count: 3, body: PHIL }]));
    assert.equal(d.length, 1);
    assert.equal(d[0].severity, 'warning');
    assert.equal(d[0].message,
      'lock order cycle: phil[0] takes fork[1] while holding fork[0], phil[1] takes fork[2] while holding fork[1], ' +
        'phil[2] takes fork[0] while holding fork[2]: a potential deadlock');
    assert.deepEqual(d[0].range, line('lock fork[i+1]'));
    assert.deepEqual(d[0].relatedInformation, [
      { range: line('lock fork[i+1]'), message: 'phil[1] takes fork[2] while holding fork[1]' },
      { range: line('lock fork[i+1]'), message: 'phil[2] takes fork[0] while holding fork[2]' },
    ]);
  });

  test('philosophers with one global order: no cycle', () => {
    const last = ['lock fork[0]', 'compute 1', 'lock fork[2]', 'compute 1', 'unlock fork[2]', 'unlock fork[0]'];
    const d = cycles(oneProcess(['fork[3]'], [{ name: 'phil', count: 2, body: PHIL }, { name: 'last', body: last }]));
    assert.deepEqual(d, []);
  });

  test('a ring of 1000 philosophers: one cycle, a bounded message', () => {
    const d = cycles(oneProcess(['fork[1000]'], [{ name: 'phil', count: 1000, body: PHIL }]));
    assert.equal(d.length, 1);
    assert.match(d[0].message, /^lock order cycle: phil\[0\] takes fork\[1\] while holding fork\[0\], /);
    assert.match(d[0].message, /and 988 more acquisitions: a potential deadlock$/);
    assert.equal(d[0].relatedInformation.length, 50);
  });

  test('two threads in opposite orders: anchored in the first thread', () => {
    const d = cycles(oneProcess(['a', 'b'], [
      { name: 'left', body: ['lock a', 'lock b', 'unlock b', 'unlock a'] },
      { name: 'right', body: ['lock b', 'lock a', 'unlock a', 'unlock b'] },
    ]));
    assert.equal(d.length, 1);
    assert.deepEqual(d[0].range, line('lock b', 0));
    assert.equal(d[0].message,
      'lock order cycle: left takes b while holding a, right takes a while holding b: a potential deadlock');
    assert.deepEqual(d[0].relatedInformation, [{ range: line('lock a', 1), message: 'right takes a while holding b' }]);
  });

  test('threads of one array taking an edge at one statement are named together', () => {
    const d = cycles(oneProcess(['a', 'b'], [
      { name: 'x', count: 5, body: ['lock a', 'lock b', 'unlock b', 'unlock a'] },
      { name: 'y', body: ['lock b', 'lock a', 'unlock a', 'unlock b'] },
    ]));
    assert.equal(d.length, 1);
    assert.equal(d[0].message,
      'lock order cycle: x[0], x[1], x[2], x[3] and 1 more take b while holding a, y takes a while holding b: ' +
        'a potential deadlock');
  });

  test('a gate lock held at every edge of the cycle: no report', () => {
    const threads: ThreadDecl[] = [
      { name: 'left', body: ['lock g', 'lock a', 'lock b', 'unlock b', 'unlock a', 'unlock g'] },
      { name: 'right', body: ['lock g', 'lock b', 'lock a', 'unlock a', 'unlock b', 'unlock g'] },
    ];
    assert.deepEqual(cycles(oneProcess(['g', 'a', 'b'], threads)), []);
  });

  test('a gate lock held by only one of the threads does not protect the cycle', () => {
    const d = cycles(oneProcess(['g', 'a', 'b'], [
      { name: 'left', body: ['lock g', 'lock a', 'lock b', 'unlock b', 'unlock a', 'unlock g'] },
      { name: 'right', body: ['lock b', 'lock a', 'unlock a', 'unlock b'] },
    ]));
    assert.equal(d.length, 1);
    assert.match(d[0].message, /left takes b while holding a, right takes a while holding b/);
  });

  test('one thread taking both orders alone cannot deadlock', () => {
    const body = ['lock a', 'lock b', 'unlock b', 'unlock a', 'lock b', 'lock a', 'unlock a', 'unlock b'];
    assert.deepEqual(cycles(oneProcess(['a', 'b'], [{ name: 't', body }])), []);
    const two = cycles(oneProcess(['a', 'b'], [{ name: 't', count: 2, body }]));
    assert.equal(two.length, 1, 'two threads running that body can');
    assert.match(two[0].message, /t\[0\] takes b while holding a, t\[1\] takes a while holding b/);
  });

  test('the back edge of a loop: b then a, and next time round a then b', () => {
    const body = [{ repeat: 2, body: ['lock b', 'lock a', 'unlock b', 'compute 1'] }, 'unlock a'];
    const d = cycles(oneProcess(['a', 'b'], [{ name: 't', count: 2, body }]));
    assert.equal(d.length, 1);
    assert.match(d[0].message, /t\[0\] takes (a while holding b|b while holding a), t\[1\] takes/);
    const once = [{ repeat: 1, body: ['lock b', 'lock a', 'unlock b', 'compute 1'] }, 'unlock a'];
    assert.deepEqual(cycles(oneProcess(['a', 'b'], [{ name: 't', count: 2, body: once }])), []);
  });

  test('`wait` reacquires its mutex while the others stay held', () => {
    const d = cycles(oneProcess(['m', 'a'], [
      { name: 'waiter', body: ['lock m', 'lock a', 'wait c m', 'unlock m', 'unlock a'] },
      { name: 'other', body: ['lock m', 'lock a', 'unlock a', 'unlock m'] },
    ]));
    assert.equal(d.length, 1);
    assert.deepEqual(d[0].range, line('wait c m'));
    assert.match(d[0].message, /^lock order cycle: waiter takes m while holding a, other takes a while holding m/);
  });

  test('two processes with mutexes of the same names do not share them', () => {
    const model = buildModel([
      { name: 'p1', mutexes: ['a', 'b'], threads: [{ name: 't', body: ['lock a', 'lock b', 'unlock b', 'unlock a'] }] },
      { name: 'p2', mutexes: ['a', 'b'], threads: [{ name: 't', body: ['lock b', 'lock a', 'unlock a', 'unlock b'] }] },
    ]);
    assert.deepEqual(cycles(model), []);
  });

  test('each elementary cycle once: a, b, c taken in every pairwise opposite order', () => {
    const pair = (x: string, y: string): string[] => [`lock ${x}`, `lock ${y}`, `unlock ${y}`, `unlock ${x}`];
    const d = cycles(oneProcess(['a', 'b', 'c'], [
      { name: 't1', body: pair('a', 'b') },
      { name: 't2', body: pair('b', 'c') },
      { name: 't3', body: pair('c', 'a') },
      { name: 't4', body: pair('b', 'a') },
      { name: 't5', body: pair('c', 'b') },
      { name: 't6', body: pair('a', 'c') },
    ]));
    // a⇄b, b⇄c, a⇄c, a→b→c→a and a→c→b→a: five elementary cycles (those anchored on one
    // statement share a diagnostic).
    const all = d.flatMap((x) => x.message.replace(/^lock order cycle: /, '').split('; '));
    assert.equal(all.length, 5);
    assert.equal(new Set(all).size, 5);
  });

  test('edges all taken by one thread do not make a cycle with others', () => {
    const pair = (x: string, y: string): string[] => [`lock ${x}`, `lock ${y}`, `unlock ${y}`, `unlock ${x}`];
    const d = cycles(oneProcess(['a', 'b', 'c'], [
      { name: 't1', body: [...pair('a', 'b'), ...pair('b', 'c')] },
      { name: 't2', body: pair('c', 'a') },
    ]));
    assert.deepEqual(d, [], 'a→b→c→a needs three threads; t1 takes two of its edges');
  });

  test('a complete graph of ten mutexes: MAX_CYCLES_PER_PROCESS cycles, those of two mutexes first', () => {
    const names = Array.from({ length: 10 }, (_, k) => `m${k}`);
    const threads: ThreadDecl[] = [];
    for (const x of names) {
      for (const y of names) {
        if (x !== y) threads.push({ name: `${x}_${y}`, body: [`lock ${x}`, `lock ${y}`, `unlock ${y}`, `unlock ${x}`] });
      }
    }
    const proc = oneProcess(names, threads).processes[0];
    const found = lockOrderFindings(proc, analyseHeldLocks(proc).edges);
    assert.equal(found.length, MAX_CYCLES_PER_PROCESS);
    for (const f of found) assert.equal(f.parts[0].split(', ').length, 2, f.parts[0]);
  });
});
