import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analysed, type Analysed } from './fixture';

const RISK = ['inversion-risk'];
const USE = '{ lock bus compute 4 unlock bus }';

/**
 * The Pathfinder tasks: `low` (1) and `high` (10) share the mutex `bus`, and `mediums` are
 * threads of priority 5 by default; attributes given as text.
 */
function lander(opts: {
  mutex?: string;
  model?: string;
  cpus?: number;
  policy?: string;
  lwps?: number;
  low?: string;
  mediums?: string[];
}): Analysed {
  const mediums = (opts.mediums ?? ['priority 5']).map((attrs, k) => `thread medium${k || ''} ${attrs} { compute 10 }`);
  const model = opts.model ?? 'one_to_one';
  return analysed(
    `
scenario "lander" {
  cpus ${opts.cpus ?? 1}
  policy ${opts.policy ?? 'priority'}${opts.policy === 'rr' ? ' quantum 5' : ''}
}
process lander {
  model ${model}${opts.lwps ? ` lwps ${opts.lwps}` : ''}
  mutex ⟦bus⟧ ${opts.mutex ?? ''}
  thread low priority 1 ${opts.low ?? ''} ${USE}
  thread high priority 10 ${USE}
  ${mediums.join('\n  ')}
}`,
    RISK,
  );
}

describe('inversion-risk', () => {
  test('Pathfinder: one CPU, a medium thread between low and high', () => {
    const { diags, ranges } = lander({});
    assert.deepEqual(
      diags.map((d) => [d.severity, d.range, d.message, d.data]),
      [
        [
          'warning',
          ranges[0],
          'bus has no priority protocol: high (priority 10) can wait for it while low (priority 1) holds it, ' +
            'and medium (priority 5) can run instead of low on CPU 0: unbounded priority inversion at the kernel level',
          { fix: 'inherit', mutex: 'bus', ceiling: 10 },
        ],
      ],
    );
  });

  test("inherit, or a ceiling at the highest user's priority, cures it", () => {
    assert.deepEqual(lander({ mutex: 'inherit' }).diags, []);
    assert.deepEqual(lander({ mutex: 'ceiling 10' }).diags, []);
    const low = lander({ mutex: 'ceiling 3' }).diags;
    assert.equal(low.length, 1, 'a ceiling below the medium thread does not');
    assert.match(low[0].message, /^bus has ceiling 3, below high's priority 10: /);
    assert.deepEqual(lander({ mutex: 'ceiling 5' }).diags, [], 'medium no longer lies strictly above');
  });

  test('no thread between the two users: nothing', () => {
    assert.deepEqual(lander({ mediums: ['priority 10'] }).diags, []);
    assert.deepEqual(lander({ mediums: ['priority 1'] }).diags, []);
  });

  test('two CPUs: one medium thread cannot keep low off both, two can', () => {
    assert.deepEqual(lander({ cpus: 2 }).diags, []);
    const { diags } = lander({ cpus: 2, mediums: ['priority 5', 'priority 5'] });
    assert.equal(diags.length, 1);
    assert.match(diags[0].message, /medium \(priority 5\) can run instead of low on the 2 CPUs/);
  });

  test('pinned threads on different CPUs cannot compete', () => {
    assert.deepEqual(lander({ cpus: 2, low: 'pin 0', mediums: ['priority 5 pin 1'] }).diags, []);
    const same = lander({ cpus: 2, low: 'pin 0', mediums: ['priority 5 pin 0'] }).diags;
    assert.equal(same.length, 1);
    assert.match(same[0].message, /on CPU 0/);
    const free = lander({ cpus: 2, low: 'pin 0', mediums: ['priority 5'] }).diags;
    assert.equal(free.length, 1, "an unpinned medium thread may take low's CPU");
  });

  test('policies that ignore priorities give no kernel-level risk', () => {
    assert.deepEqual(lander({ policy: 'fifo' }).diags, []);
    assert.deepEqual(lander({ policy: 'rr' }).diags, []);
  });

  test('library level: one LWP (many_to_one, or lwps 1) whatever the kernel policy', () => {
    const m21 = lander({ model: 'many_to_one', policy: 'fifo' }).diags;
    assert.equal(m21.length, 1);
    assert.match(m21[0].message, /can run instead of low on lander's only LWP/);
    assert.equal(lander({ model: 'many_to_many', lwps: 1 }).diags.length, 1);
  });

  test('library level: a pool of two LWPs needs two threads above low', () => {
    assert.deepEqual(lander({ model: 'many_to_many', lwps: 2, cpus: 2 }).diags, []);
    const { diags } = lander({ model: 'many_to_many', lwps: 2, cpus: 2, mediums: ['priority 5', 'priority 20'] });
    assert.equal(diags.length, 1);
    assert.match(diags[0].message, /on the 2 LWPs of lander's pool/);
  });

  test('kernel level under many_to_many: a bound medium thread outranks the pool', () => {
    const { diags } = lander({ model: 'many_to_many', lwps: 2, mediums: ['priority 5 bound'] });
    assert.equal(diags.length, 1);
    assert.match(diags[0].message, /medium \(priority 5\) can run instead of low on CPU 0/);
  });

  test('a mutex array: one diagnostic on the declaration, one part per element', () => {
    const { diags, ranges } = analysed(
      `
process app {
  model one_to_one
  mutex ⟦m⟧[2]
  thread low priority 1 { lock m[0] unlock m[0] lock m[1] unlock m[1] }
  thread high priority 10 { lock m[0] unlock m[0] lock m[1] unlock m[1] }
  thread mid priority 5 { compute 10 }
}`,
      RISK,
    );
    assert.equal(diags.length, 1);
    assert.deepEqual(diags[0].range, ranges[0]);
    assert.match(diags[0].message, /^m\[0\] has no priority protocol: .*; m\[1\] has no priority protocol: /);
    assert.deepEqual(diags[0].data, { fix: 'inherit', mutex: 'm', ceiling: 10 });
  });
});

/**
 * The visibility problem (docs/reference/language.md §5.2, §8): under many_to_many an unbound owner's pool LWP
 * runs at the process's priority whatever `inherit` gives the owner in the library, so a KLT of
 * another process between that priority and H's still runs first.
 */
function visibility(mutex: string, lowAttrs = ''): Analysed {
  return analysed(
    `
scenario "visibility" { cpus 1 }
process app {
  model many_to_many
  lwps 2
  mutex ⟦m⟧ ${mutex}
  thread low priority 1 ${lowAttrs} { lock m compute 4 unlock m }
  thread high priority 10 at 1 { lock m compute 1 unlock m }
}
process other {
  model one_to_one
  thread medium priority 5 at 1 { compute 10 }
}`,
    RISK,
  );
}

describe('inversion-risk at the kernel level (the visibility problem)', () => {
  test('inherit does not cure it for an unbound owner: the fix is bound on the owner', () => {
    const { diags, ranges } = visibility('inherit');
    assert.equal(diags.length, 1);
    assert.deepEqual(diags[0].range, ranges[0]);
    assert.match(diags[0].message, /m has inherit, which lifts low in the library only/);
    assert.match(diags[0].message, /pool LWP the kernel runs at 0 \(app's priority\)/);
    assert.match(diags[0].message, /medium \(priority 5\) can run instead of low on CPU 0/);
    assert.match(diags[0].message, /at the kernel level$/);
    assert.deepEqual(diags[0].data, { fix: 'bound', mutex: 'm', owner: 'low', ceiling: 10 });
  });

  test('without a protocol the fix is bound on the owner too (with inherit added)', () => {
    const { diags } = visibility('');
    assert.equal(diags.length, 1);
    assert.equal(diags[0].data?.fix, 'bound');
  });

  test('a bound owner with inherit is cured; bound alone is not', () => {
    assert.deepEqual(visibility('inherit', 'bound').diags, []);
    const alone = visibility('', 'bound').diags;
    assert.equal(alone.length, 1);
    assert.equal(alone[0].data?.fix, 'inherit');
  });

  test('a KLT below the process priority is no risk at the kernel level', () => {
    const { diags } = analysed(
      `scenario "v" { cpus 1 }
process app { model many_to_many priority 6 lwps 2 mutex m inherit
  thread low priority 1 { lock m compute 4 unlock m } thread high priority 10 { lock m unlock m } }
process other { model one_to_one thread medium priority 5 { compute 10 } }`,
      RISK,
    );
    assert.deepEqual(diags, []);
  });
});
