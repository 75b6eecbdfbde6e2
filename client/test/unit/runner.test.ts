import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compile } from '@server/language';
import { simulate, type RunResult } from '@server/simulator';
import { SlicedRun } from '../../src/webview/runner';

const TEXT = `scenario "Sliced" { cpus 2 }
process p {
  model many_to_many
  lwps 2
  mutex m
  thread w[6] priority 1 { repeat 400 { compute 1 lock m compute 1 unlock m yield } }
}
`;

function model() {
  const c = compile(TEXT);
  assert.ok(c.model, JSON.stringify(c.diagnostics));
  return c.model;
}

test('a sliced run ends with the same result as a run in one go, reporting progress between slices', async () => {
  const m = model();
  const progress: number[] = [];
  const result = await new Promise<RunResult>((resolve, reject) => {
    new SlicedRun(m, 'sliced.threads', { progress: (events) => progress.push(events), done: resolve, failed: reject });
  });
  const whole = simulate(m, { record: { events: true, spans: true }, scenarioName: 'sliced.threads' });
  assert.deepEqual(result, whole);
  assert.ok(result.spans && result.spans.length > 0);
  for (let i = 1; i < progress.length; i++) assert.ok(progress[i] >= progress[i - 1], 'progress only grows');
});

test('a cancelled run calls nothing back', async () => {
  let called = false;
  const run = new SlicedRun(model(), 'x', {
    progress: () => (called = true),
    done: () => (called = true),
    failed: () => (called = true),
  });
  run.cancel();
  // A later run on the same event loop completes: by then the cancelled one would have called back.
  await new Promise<void>(
    (resolve, reject) => new SlicedRun(model(), 'y', { progress: () => {}, done: () => resolve(), failed: reject }),
  );
  assert.equal(called, false);
});

test('a model the simulator refuses is reported as a failure, not thrown', async () => {
  const bad = { ...model(), processes: null } as unknown as ReturnType<typeof model>;
  const message = await new Promise<string>(
    (resolve) => new SlicedRun(bad, 'bad', { progress: () => {}, done: () => resolve('done'), failed: resolve }),
  );
  assert.notEqual(message, 'done');
});
