import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyseHeldLocks } from '../../src/analysis/held-locks';
import { lockOrderFindings, MAX_CYCLES_PER_PROCESS } from '../../src/analysis/lock-order';
import { analysed, type Analysed } from './fixture';

const CYCLE = ['lock-order-cycle'];

/** A one_to_one process `app` declaring `decls` and `threads`. */
function cycles(decls: string, threads: string): Analysed {
  return analysed(
    `
process app {
  model one_to_one
  ${decls}
  ${threads}
}`,
    CYCLE,
  );
}

/** `lock x lock y unlock y unlock x` as a thread named `name`. */
const pair = (name: string, x: string, y: string): string =>
  `thread ${name} { lock ${x} lock ${y} unlock ${y} unlock ${x} }`;

describe('lock-order-cycle', () => {
  test('three dining philosophers: one cycle on the lock that closes it, others related', () => {
    const { diags, ranges } = cycles(
      'mutex fork[3]',
      `
  thread phil[3] {
    lock fork[i]
    compute 1
    ⟦lock fork[i+1]⟧
    compute 1
    unlock fork[i+1]
    unlock fork[i]
  }`,
    );
    assert.equal(diags.length, 1);
    assert.equal(diags[0].severity, 'warning');
    assert.deepEqual(diags[0].range, ranges[0]);
    assert.equal(
      diags[0].message,
      'lock order cycle: phil[0] takes fork[1] while holding fork[0], phil[1] takes fork[2] while holding fork[1], ' +
        'phil[2] takes fork[0] while holding fork[2]: a potential deadlock',
    );
    assert.deepEqual(diags[0].relatedInformation, [
      { range: ranges[0], message: 'phil[1] takes fork[2] while holding fork[1]' },
      { range: ranges[0], message: 'phil[2] takes fork[0] while holding fork[2]' },
    ]);
  });

  test('philosophers with one global order: no cycle', () => {
    const { diags } = cycles(
      'mutex fork[3]',
      `
  thread phil[2] { lock fork[i] lock fork[i+1] unlock fork[i+1] unlock fork[i] }
  thread last { lock fork[0] lock fork[2] unlock fork[2] unlock fork[0] }`,
    );
    assert.deepEqual(diags, []);
  });

  test('a ring of 1000 philosophers: one cycle, a bounded message', () => {
    const { diags } = cycles(
      'mutex fork[1000]',
      'thread phil[1000] { lock fork[i] lock fork[i+1] unlock fork[i+1] unlock fork[i] }',
    );
    assert.equal(diags.length, 1);
    assert.match(diags[0].message, /^lock order cycle: phil\[0\] takes fork\[1\] while holding fork\[0\], /);
    assert.match(diags[0].message, /and 988 more acquisitions: a potential deadlock$/);
    assert.equal(diags[0].relatedInformation.length, 50);
  });

  test('two threads in opposite orders: anchored in the first thread', () => {
    const { diags, ranges } = cycles(
      'mutex a mutex b',
      `
  thread left { lock a ⟦lock b⟧ unlock b unlock a }
  thread right { lock b ⟦lock a⟧ unlock a unlock b }`,
    );
    assert.deepEqual(
      diags.map((d) => [d.range, d.message, d.relatedInformation]),
      [
        [
          ranges[0],
          'lock order cycle: left takes b while holding a, right takes a while holding b: a potential deadlock',
          [{ range: ranges[1], message: 'right takes a while holding b' }],
        ],
      ],
    );
  });

  test('threads of one array taking an edge at one statement are named together', () => {
    const { diags } = cycles('mutex a mutex b', `${pair('x[5]', 'a', 'b')} ${pair('y', 'b', 'a')}`);
    assert.deepEqual(
      diags.map((d) => d.message),
      [
        'lock order cycle: x[0], x[1], x[2], x[3] and 1 more take b while holding a, y takes a while holding b: ' +
          'a potential deadlock',
      ],
    );
  });

  test('a gate lock held at every edge of the cycle: no report', () => {
    const { diags } = cycles(
      'mutex g mutex a mutex b',
      `
  thread left { lock g lock a lock b unlock b unlock a unlock g }
  thread right { lock g lock b lock a unlock a unlock b unlock g }`,
    );
    assert.deepEqual(diags, []);
  });

  test('a gate lock held by only one of the threads does not protect the cycle', () => {
    const { diags } = cycles(
      'mutex g mutex a mutex b',
      `
  thread left { lock g lock a lock b unlock b unlock a unlock g }
  thread right { lock b lock a unlock a unlock b }`,
    );
    assert.deepEqual(
      diags.map((d) => d.message),
      ['lock order cycle: left takes b while holding a, right takes a while holding b: a potential deadlock'],
    );
  });

  test('one thread taking both orders alone cannot deadlock; two threads running that body can', () => {
    const body = '{ lock a lock b unlock b unlock a lock b lock a unlock a unlock b }';
    assert.deepEqual(cycles('mutex a mutex b', `thread t ${body}`).diags, []);
    const { diags } = cycles('mutex a mutex b', `thread t[2] ${body}`);
    assert.equal(diags.length, 1);
    assert.match(diags[0].message, /t\[0\] takes b while holding a, t\[1\] takes a while holding b/);
  });

  test('the back edge of a loop: b then a, and next time round a then b', () => {
    const twice = cycles('mutex a mutex b', 'thread t[2] { repeat 2 { lock b lock a unlock b compute 1 } unlock a }');
    assert.equal(twice.diags.length, 1);
    assert.match(twice.diags[0].message, /^lock order cycle: t\[0\] takes \w while holding \w, t\[1\] takes /);
    const once = cycles('mutex a mutex b', 'thread t[2] { repeat 1 { lock b lock a unlock b compute 1 } unlock a }');
    assert.deepEqual(once.diags, []);
  });

  test('`wait` reacquires its mutex while the others stay held', () => {
    const { diags, ranges } = cycles(
      'mutex m mutex a condvar c',
      `
  thread waiter { lock m lock a ⟦wait c m⟧ unlock m unlock a }
  thread other { lock m lock a unlock a unlock m }`,
    );
    assert.deepEqual(
      diags.map((d) => [d.range, d.message]),
      [
        [
          ranges[0],
          'lock order cycle: waiter takes m while holding a, other takes a while holding m: a potential deadlock',
        ],
      ],
    );
  });

  test('two processes with mutexes of the same names do not share them', () => {
    const { diags } = analysed(
      `
process p1 { mutex a mutex b ${pair('t', 'a', 'b')} }
process p2 { mutex a mutex b ${pair('t', 'b', 'a')} }`,
      CYCLE,
    );
    assert.deepEqual(diags, []);
  });

  test('each elementary cycle once: a, b, c taken in every pairwise opposite order', () => {
    const { diags } = cycles(
      'mutex a mutex b mutex c',
      [
        pair('t1', 'a', 'b'),
        pair('t2', 'b', 'c'),
        pair('t3', 'c', 'a'),
        pair('t4', 'b', 'a'),
        pair('t5', 'c', 'b'),
        pair('t6', 'a', 'c'),
      ].join(' '),
    );
    // a⇄b, b⇄c, a⇄c, a→b→c→a and a→c→b→a: five elementary cycles (those anchored on one
    // statement share a diagnostic).
    const all = diags.flatMap((x) => x.message.replace(/^lock order cycle: /, '').split('; '));
    assert.equal(all.length, 5);
    assert.equal(new Set(all).size, 5);
  });

  test('edges all taken by one thread do not make a cycle with others', () => {
    const { diags } = cycles(
      'mutex a mutex b mutex c',
      'thread t1 { lock a lock b unlock b unlock a lock b lock c unlock c unlock b } ' + pair('t2', 'c', 'a'),
    );
    assert.deepEqual(diags, [], 'a→b→c→a needs three threads; t1 takes two of its edges');
  });

  test('a complete graph of ten mutexes: MAX_CYCLES_PER_PROCESS cycles, those of two mutexes first', () => {
    const names = Array.from({ length: 10 }, (_, k) => `m${k}`);
    const threads = names.flatMap((x) => names.filter((y) => y !== x).map((y) => pair(`${x}_${y}`, x, y)));
    const { model } = cycles(names.map((m) => `mutex ${m}`).join(' '), threads.join('\n'));
    const proc = model.processes[0];
    const found = lockOrderFindings(proc, analyseHeldLocks(proc).edges);
    assert.equal(found.length, MAX_CYCLES_PER_PROCESS);
    for (const f of found) assert.equal(f.parts[0].split(', ').length, 2, f.parts[0]);
  });
});
