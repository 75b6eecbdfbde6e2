/**
 * `withModel`: a scenario under another threading model equals the file a user would write for
 * it (the `model` line changed, every setting the model cannot take blanked out), and each
 * dropped setting is named once.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { compile } from '../../src/language';
import type { Model, ThreadingModel } from '../../src/language/model';
import { simulate } from '../../src/simulator';
import { THREADING_MODELS, withModel } from '../../src/teaching';

function compiled(text: string) {
  const c = compile(text);
  assert.ok(c.model, c.diagnostics.map((d) => d.message).join('; '));
  return { model: c.model, ast: c.ast };
}

/** The text with `from` replaced by `to` padded with spaces to the same length, so ranges stay put. */
function edit(text: string, ...pairs: [string, string][]): string {
  let out = text;
  for (const [from, to] of pairs) {
    assert.ok(out.includes(from), `the text has '${from}'`);
    out = out.replace(from, to.padEnd(from.length));
  }
  return out;
}

const M2N = `scenario "s" { cpus 2 }
process app {
  model many_to_many
  lwps 4
  concurrency 2
  sigwaiting off
  lwp_idle_timeout 30
  mutex m
  thread logger bound pin 1 { compute 3 }
  thread w[3] { repeat 2 { set_concurrency 3 compute 1 } lock m unlock m }
}
process other {
  model many_to_many
  lwps 2
  thread t bound { compute 1 }
}
`;

function sameModel(actual: Model, expected: Model): void {
  assert.deepEqual(JSON.parse(JSON.stringify(actual)), JSON.parse(JSON.stringify(expected)));
}

describe('withModel', () => {
  test('many_to_many to many_to_one: what the file would say without the settings many_to_one refuses', () => {
    const { model, ast } = compiled(M2N);
    const { model: got, dropped } = withModel(model, 'many_to_one', { processes: ['app'], source: ast });
    const expected = edit(
      M2N,
      ['model many_to_many\n  lwps 4', 'model many_to_one\n'],
      ['concurrency 2', ''],
      ['sigwaiting off', ''],
      ['lwp_idle_timeout 30', ''],
      ['bound pin 1', ''],
      ['set_concurrency 3', ''],
    );
    sameModel(got, compiled(expected).model);
    assert.deepEqual(
      dropped.map((d) => [d.process, d.thread, d.setting, d.range.start.line]),
      [
        ['app', null, 'lwps 4', 3],
        ['app', null, 'concurrency 2', 4],
        ['app', null, 'sigwaiting off', 5],
        ['app', null, 'lwp_idle_timeout 30', 6],
        ['app', 'logger', 'bound', 8],
        ['app', 'logger', 'pin 1', 8],
        ['app', 'w', 'set_concurrency 3', 9],
      ],
      'one note per setting, array elements and repeat bodies counted once',
    );
    const blind = withModel(model, 'many_to_one', { processes: ['app'] });
    sameModel(blind.model, got);
    assert.ok(
      blind.dropped.slice(0, 4).every((d) => d.range.start.line === 1),
      'without the syntax tree, a process setting is placed at the process name',
    );
    assert.equal(got.processes[1], model.processes[1], 'a process not chosen is untouched');
  });

  test('many_to_many to one_to_one keeps bound and pin (every thread is bound there)', () => {
    const { model } = compiled(M2N);
    const { model: got, dropped } = withModel(model, 'one_to_one');
    const expected = edit(
      M2N,
      ['model many_to_many\n  lwps 4', 'model one_to_one\n'],
      ['concurrency 2', ''],
      ['sigwaiting off', ''],
      ['lwp_idle_timeout 30', ''],
      ['set_concurrency 3', ''],
      ['model many_to_many\n  lwps 2', 'model one_to_one\n'],
    );
    sameModel(got, compiled(expected).model);
    assert.deepEqual(
      dropped.map((d) => d.setting),
      ['lwps 4', 'concurrency 2', 'sigwaiting off', 'lwp_idle_timeout 30', 'set_concurrency 3', 'lwps 2'],
    );
  });

  test('one_to_one to many_to_many: threads unbound unless declared bound; a pin needs bound', () => {
    const text = `scenario "s" { cpus 2 }
process app {
  model one_to_one
  thread a pin 1 { compute 2 }
  thread b bound pin 0 { compute 2 }
  thread c { compute 2 }
}
`;
    const { model, ast } = compiled(text);
    const { model: got, dropped } = withModel(model, 'many_to_many', { source: ast });
    sameModel(got, compiled(edit(text, ['model one_to_one', 'model many_to_many'], ['pin 1', ''])).model);
    assert.deepEqual(
      dropped.map((d) => `${d.thread}: ${d.setting}`),
      ['a: pin 1'],
    );
    const blind = withModel(model, 'many_to_many');
    assert.deepEqual(
      blind.model.processes[0].threads.map((t) => t.bound),
      [false, false, false],
      'without the syntax tree every thread becomes unbound',
    );
  });

  test('many_to_one to many_to_many takes the many_to_many defaults', () => {
    const text = 'process p {\n  model many_to_one\n  thread a { io 3 }\n  thread b { compute 1 }\n}\n';
    const { model } = compiled(text);
    const { model: got, dropped } = withModel(model, 'many_to_many');
    sameModel(got, compiled(edit(text, ['model many_to_one', 'model many_to_many'])).model);
    assert.deepEqual(dropped, []);
    assert.equal(simulate(got).counters.upcalls, 1, 'SIGWAITING exists again');
  });

  test('the model a process already has changes nothing', () => {
    const { model } = compiled(M2N);
    const { model: got, dropped } = withModel(model, 'many_to_many');
    sameModel(got, model);
    assert.deepEqual(dropped, []);
  });

  test('every sample runs under every model', () => {
    const dir = resolve(__dirname, '../../../samples');
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.threads'))) {
      const { model, ast } = compiled(readFileSync(join(dir, f), 'utf8'));
      for (const m of THREADING_MODELS as readonly ThreadingModel[]) {
        const { model: v } = withModel(model, m, { source: ast });
        assert.ok(
          v.processes.every((p) => p.model === m),
          `${f} under ${m}`,
        );
        const r = simulate(v, { maxEvents: 200_000 });
        assert.ok(r.endTime >= 0, `${f} under ${m} runs`);
      }
    }
  });
});
