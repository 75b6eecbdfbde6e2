// The analyses on scenario texts through the language front end, with exact ranges from
// inline markers (`⟦…⟧`, in order of appearance).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { analyse } from '../../src/analysis';
import { compile } from '../../src/language';
import type { Diagnostic } from '../../src/language/diagnostic';
import { analysed } from './fixture';

function conformance(name: string): Diagnostic[] {
  const c = compile(readFileSync(`server/test/fixtures/conformance/${name}.threads`, 'utf8'));
  assert.ok(c.model);
  return analyse(c.model);
}

describe('analysis of conformance scenarios', () => {
  test('dining-three has a lock-order cycle, dining-three-ordered none', () => {
    const d = conformance('dining-three');
    assert.deepEqual(
      d.map((x) => x.code),
      ['lock-order-cycle'],
    );
    assert.deepEqual(d[0].range, { start: { line: 12, character: 4 }, end: { line: 12, character: 18 } });
    assert.deepEqual(conformance('dining-three-ordered'), []);
  });

  test('pathfinder-inversion has inversion-risk on the mutex, pathfinder-inherit none', () => {
    const d = conformance('pathfinder-inversion');
    assert.deepEqual(
      d.map((x) => [x.code, x.range.start.line]),
      [['inversion-risk', 9]],
    );
    assert.deepEqual(d[0].data, { fix: 'inherit', mutex: 'bus', ceiling: 10 });
    assert.deepEqual(conformance('pathfinder-inherit'), []);
  });
});

describe('analysis of marked texts', () => {
  test('philosophers with i-relative forks: the cycle on the second lock, all three related', () => {
    const { diags, ranges } = analysed(`
process table {
  model one_to_one
  mutex fork[3]
  thread phil[3] {
    lock fork[i]
    ⟦lock fork[i+1]⟧
    unlock fork[i+1]
    unlock fork[i]
  }
}`);
    assert.deepEqual(
      diags.map((d) => [d.code, d.range]),
      [['lock-order-cycle', ranges[0]]],
    );
    assert.deepEqual(
      diags[0].relatedInformation.map((r) => [r.range, r.message]),
      [
        [ranges[0], 'phil[1] takes fork[2] while holding fork[1]'],
        [ranges[0], 'phil[2] takes fork[0] while holding fork[2]'],
      ],
    );
  });

  test('held-lock errors, each on its statement', () => {
    const { diags, ranges } = analysed(`
process app {
  mutex m
  mutex n
  condvar c
  thread a {
    ⟦unlock m⟧
    ⟦wait c n⟧
    unlock n
  }
  thread b {
    lock m
    ⟦lock m⟧
    unlock m
    ⟦lock n⟧
    compute 1
  }
  thread e {
    lock n
    ⟦exit⟧
  }
}`);
    assert.deepEqual(
      diags.map((d) => [d.code, d.severity, d.range]),
      [
        ['unlock-not-held', 'error', ranges[0]],
        ['wait-without-mutex', 'error', ranges[1]],
        ['relock', 'error', ranges[2]],
        ['held-at-exit', 'warning', ranges[3]],
        ['held-at-exit', 'warning', ranges[4]],
      ],
    );
  });

  test('a loop whose second pass relocks, and a balanced loop', () => {
    const { diags, ranges } = analysed(`
process app {
  mutex m
  thread t {
    repeat 3 {
      ⟦lock m⟧
      compute 1
    }
    unlock m
  }
  thread u {
    repeat 3 { lock m compute 1 unlock m }
  }
}`);
    assert.deepEqual(
      diags.map((d) => [d.code, d.range]),
      [['relock', ranges[0]]],
    );
    assert.match(diags[0].message, /^t locks m while already holding it on some pass of a repeat/);
  });

  test('two processes each with a mutex a and b: no cycle across them', () => {
    const { diags } = analysed(`
process p1 {
  mutex a
  mutex b
  thread t { lock a lock b unlock b unlock a }
}
process p2 {
  mutex a
  mutex b
  thread t { lock b lock a unlock a unlock b }
}`);
    assert.deepEqual(diags, []);
  });

  test('a gate lock: no report; without it: a report', () => {
    const gated = (g: string): string => `
process app {
  mutex g
  mutex a
  mutex b
  thread x { ${g} lock a lock b unlock b unlock a ${g.replace('lock', 'unlock')} }
  thread y { lock g lock b lock a unlock a unlock b unlock g }
}`;
    assert.deepEqual(analysed(gated('lock g')).diags, []);
    assert.deepEqual(
      analysed(gated('')).diags.map((d) => d.code),
      ['lock-order-cycle'],
    );
  });

  test('pinned threads on different CPUs cannot compete; on the same CPU they can', () => {
    const text = (midPin: number): string => `
scenario "pins" { cpus 2 }
process app {
  model one_to_one
  mutex ⟦bus⟧
  thread low priority 1 pin 0 { lock bus compute 4 unlock bus }
  thread high priority 10 { lock bus compute 1 unlock bus }
  thread mid priority 5 pin ${midPin} { compute 10 }
}`;
    assert.deepEqual(analysed(text(1)).diags, []);
    const { diags, ranges } = analysed(text(0));
    assert.deepEqual(
      diags.map((d) => [d.code, d.range]),
      [['inversion-risk', ranges[0]]],
    );
    assert.match(diags[0].message, /high \(priority 10\).*low \(priority 1\).*mid \(priority 5\).*on CPU 0/);
  });

  test('unused declarations and a stack too small', () => {
    const { diags, ranges } = analysed(`
process app {
  mutex ⟦spare⟧
  condvar ⟦never⟧
  semaphore ⟦s⟧ 1
  mutex fork[2]
  thread t stack 4k {
    lock fork[1]
    ⟦stack_use 6k⟧
    unlock fork[1]
  }
}`);
    assert.deepEqual(
      diags.map((d) => [d.code, d.range]),
      [
        ['unused-declaration', ranges[0]],
        ['unused-declaration', ranges[1]],
        ['unused-declaration', ranges[2]],
        ['stack-too-small', ranges[3]],
      ],
    );
    assert.match(diags[3].message, /^t uses 6k \(6144 bytes\) of stack, more than its 4k \(4096 bytes\) stack/);
  });
});
