import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyse } from '../../src/analysis';
import type { Diagnostic } from '../../src/language/diagnostic';
import type { Model, Policy, ProcessModel } from '../../src/language/model';
import { buildModel, line, type ProcessDecl, type ThreadDecl } from './build-model';

function risks(model: Model): Diagnostic[] {
  return analyse(model).filter((d) => d.code === 'inversion-risk');
}

const USE = (m: string): string[] => [`lock ${m}`, 'compute 4', `unlock ${m}`];

function lander(opts: {
  mutex?: string;
  model?: ProcessModel['model'];
  cpus?: number;
  policy?: Policy;
  lwps?: number;
  low?: Partial<ThreadDecl>;
  mediums?: Partial<ThreadDecl>[];
}): Model {
  const threads: ThreadDecl[] = [
    { name: 'low', priority: 1, body: USE('bus'), ...opts.low },
    { name: 'high', priority: 10, body: USE('bus') },
    ...(opts.mediums ?? [{}]).map((m, k) => ({ name: `medium${k || ''}`, priority: 5, body: ['compute 10'], ...m })),
  ];
  const proc: ProcessDecl = {
    name: 'lander',
    model: opts.model ?? 'one_to_one',
    lwps: opts.lwps,
    mutexes: [opts.mutex ?? 'bus'],
    threads,
  };
  return buildModel([proc], { cpus: opts.cpus ?? 1, policy: opts.policy ?? 'priority' });
}

describe('inversion-risk', () => {
  test('Pathfinder: one CPU, a medium thread between low and high', () => {
    const d = risks(lander({}));
    assert.equal(d.length, 1);
    assert.equal(d[0].severity, 'warning');
    assert.deepEqual(d[0].range, line('bus'));
    assert.equal(d[0].message,
      'bus has no priority protocol: high (priority 10) can wait for it while low (priority 1) holds it, ' +
        'and medium (priority 5) can run instead of low on CPU 0: unbounded priority inversion');
    assert.deepEqual(d[0].data, { fix: 'inherit', mutex: 'bus', ceiling: 10 });
  });

  test('inherit, or a ceiling at the highest user\'s priority, cures it', () => {
    assert.deepEqual(risks(lander({ mutex: 'bus inherit' })), []);
    assert.deepEqual(risks(lander({ mutex: 'bus ceiling 10' })), []);
    const low = risks(lander({ mutex: 'bus ceiling 3' }));
    assert.equal(low.length, 1, 'a ceiling below the medium thread does not');
    assert.match(low[0].message, /^bus has ceiling 3, below high's priority 10: /);
    assert.deepEqual(risks(lander({ mutex: 'bus ceiling 5' })), [], 'medium no longer lies strictly above');
  });

  test('no thread between the two users: nothing', () => {
    assert.deepEqual(risks(lander({ mediums: [{ priority: 10 }] })), []);
    assert.deepEqual(risks(lander({ mediums: [{ priority: 1 }] })), []);
  });

  test('two CPUs: one medium thread cannot keep low off both, two can', () => {
    assert.deepEqual(risks(lander({ cpus: 2 })), []);
    const d = risks(lander({ cpus: 2, mediums: [{}, {}] }));
    assert.equal(d.length, 1);
    assert.match(d[0].message, /medium \(priority 5\) can run instead of low on the 2 CPUs/);
  });

  test('pinned threads on different CPUs cannot compete', () => {
    assert.deepEqual(risks(lander({ cpus: 2, low: { pin: 0 }, mediums: [{ pin: 1 }] })), []);
    const same = risks(lander({ cpus: 2, low: { pin: 0 }, mediums: [{ pin: 0 }] }));
    assert.equal(same.length, 1);
    assert.match(same[0].message, /on CPU 0/);
    const free = risks(lander({ cpus: 2, low: { pin: 0 }, mediums: [{}] }));
    assert.equal(free.length, 1, 'an unpinned medium thread may take low\'s CPU');
  });

  test('policies that ignore priorities give no kernel-level risk', () => {
    assert.deepEqual(risks(lander({ policy: 'fifo' })), []);
    assert.deepEqual(risks(lander({ policy: 'rr' })), []);
  });

  test('library level: one LWP (many_to_one, or lwps 1) whatever the kernel policy', () => {
    const m21 = risks(lander({ model: 'many_to_one', policy: 'fifo' }));
    assert.equal(m21.length, 1);
    assert.match(m21[0].message, /can run instead of low on lander's only LWP/);
    assert.equal(risks(lander({ model: 'many_to_many', lwps: 1 })).length, 1);
  });

  test('library level: a pool of two LWPs needs two threads above low', () => {
    assert.deepEqual(risks(lander({ model: 'many_to_many', lwps: 2, cpus: 2 })), []);
    const d = risks(lander({ model: 'many_to_many', lwps: 2, cpus: 2, mediums: [{}, { priority: 20 }] }));
    assert.equal(d.length, 1);
    assert.match(d[0].message, /on the 2 LWPs of lander's pool/);
  });

  test('kernel level under many_to_many: a bound medium thread outranks the pool', () => {
    const d = risks(lander({ model: 'many_to_many', lwps: 2, mediums: [{ bound: true }] }));
    assert.equal(d.length, 1);
    assert.match(d[0].message, /medium \(priority 5\) can run instead of low on CPU 0/);
  });

  test('a mutex array: one diagnostic on the declaration, one part per element', () => {
    const model = buildModel([{
      name: 'app',
      model: 'one_to_one',
      mutexes: ['m[2]'],
      threads: [
        { name: 'low', priority: 1, body: [...USE('m[0]'), ...USE('m[1]')] },
        { name: 'high', priority: 10, body: [...USE('m[0]'), ...USE('m[1]')] },
        { name: 'mid', priority: 5, body: ['compute 10'] },
      ],
    }]);
    const d = risks(model);
    assert.equal(d.length, 1);
    assert.deepEqual(d[0].range, line('m[2]'));
    assert.match(d[0].message, /^m\[0\] has no priority protocol: .*; m\[1\] has no priority protocol: /);
    assert.deepEqual(d[0].data, { fix: 'inherit', mutex: 'm', ceiling: 10 });
  });
});
