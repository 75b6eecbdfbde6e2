/**
 * `threadscape compare`: samples/three-models gives the times its opening comment states under
 * each model; settings a model cannot take are dropped with a note; bad usage exits 2.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { compile } from '../../src/language';
import { compareModels, comparisonTable, type ThreadRow } from '../../src/teaching';
import { CLI, SAMPLES, scenarioFile, threadscape } from './cli';
import { modelClaims } from './model-claims';

type JsonRow = Omit<ThreadRow, 'differs'>;

interface JsonComparison {
  models: string[];
  processes: string[];
  runs: { model: string; dropped: { setting: string }[]; outcome: string; upcalls: number; stalls: number }[];
  threads: JsonRow[];
}

function compareJson(...args: string[]): JsonComparison {
  const r = threadscape('compare', ...args, '--json');
  assert.equal(r.code, 0, r.err);
  return JSON.parse(r.out) as JsonComparison;
}

test('the command is built', () => assert.ok(existsSync(CLI), 'run node esbuild.mjs first'));

describe('compare on samples/three-models', () => {
  const file = join(SAMPLES, 'three-models.threads');
  const text = readFileSync(file, 'utf8');
  const model = compile(text).model!;
  const claims = modelClaims(text, model);

  test('the opening comment states a time for each of the three models', () => {
    for (const m of ['one_to_one', 'many_to_one', 'many_to_many'])
      assert.ok(
        claims.some((c) => c.model === m),
        `no time stated for ${m} in the comment (model-claims.ts lists the forms it reads)`,
      );
  });

  // Each process in turn under the three models, the others as the sample has them: the same
  // surroundings as the sample's own process of that model.
  for (const p of model.processes) {
    test(`${p.name} under each model has the times the comment states`, () => {
      const c = compareJson(file, '--process', p.name);
      assert.deepEqual(c.models, ['one_to_one', 'many_to_one', 'many_to_many']);
      const rows = c.threads.filter((t) => t.process === p.name);
      for (const claim of claims) {
        const k = c.models.indexOf(claim.model);
        const where = `${p.name} under ${claim.model}: "${claim.source.trim()}"`;
        if (claim.thread === null) {
          const finishes = rows.map((r) => r.finish[k]);
          assert.ok(
            finishes.every((f) => f !== null && f <= claim.value),
            where,
          );
          assert.equal(Math.max(...(finishes as number[])), claim.value, where);
          continue;
        }
        const row = rows.find((r) => r.thread === claim.thread);
        assert.ok(row, `${claim.thread} is a thread of ${p.name}`);
        const start = row.arrival[k] !== null && row.response[k] !== null ? row.arrival[k]! + row.response[k]! : null;
        const value = claim.metric === 'finish' ? row.finish[k] : start;
        assert.equal(value, claim.value, where);
      }
    });
  }

  test('the text table marks what differs from the first model', () => {
    const r = threadscape('compare', file, '--process', 'many_to_many_app', '--models', 'many_to_one,many_to_many');
    assert.equal(r.code, 0, r.err);
    const lines = r.out.split('\n');
    assert.match(lines[0], /many_to_one, many_to_many \(model of many_to_many_app overridden\)$/);
    const worker = lines.find((l) => l.startsWith('many_to_many_app/worker'));
    assert.ok(worker);
    assert.match(worker, /^many_to_many_app\/worker\s+15\s+10\s+10\s+\d+\*\s+\d+\*\s+\d+\*$/);
    const reader = lines.find((l) => l.startsWith('many_to_many_app/reader'));
    assert.ok(reader && !reader.includes('*'), 'the reader is the same under both');
    assert.match(r.out, /^upcalls\s+0\s+1\*$/m);
    assert.match(r.out, /^\* differs from many_to_one$/m);
  });
});

describe('compare drops what a model cannot take', () => {
  const text = `scenario "Pinned" { cpus 2 }
process app {
  model many_to_many
  lwps 3
  thread logger bound pin 1 { io 4 compute 2 }
  thread worker { compute 5 }
}
`;

  test('every model runs; one note per dropped setting; exit 0', () => {
    const f = scenarioFile('pinned.threads', text);
    const r = threadscape('compare', f);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.err, '');
    const notes = r.out.split('\n').filter((l) => l.includes('dropped'));
    assert.deepEqual(notes, [
      "  one_to_one: dropped 'lwps 3' of process app (line 4)",
      "  many_to_one: dropped 'lwps 3' of process app (line 4)",
      "  many_to_one: dropped 'bound' of thread logger of process app (line 5)",
      "  many_to_one: dropped 'pin 1' of thread logger of process app (line 5)",
    ]);
    const c = compareJson(f);
    assert.deepEqual(
      c.runs.map((x) => [x.model, x.outcome, x.dropped.length]),
      [
        ['one_to_one', 'completed', 1],
        ['many_to_one', 'completed', 3],
        ['many_to_many', 'completed', 0],
      ],
    );
  });

  test('the table in the core: differences are flagged per metric', () => {
    const model = compile(text).model!;
    const table = comparisonTable(compareModels(model));
    const worker = table.threads.find((t) => t.thread === 'worker')!;
    assert.deepEqual(worker.finish, [5, 11, 5], 'under many_to_one the worker waits for the logger, io included');
    assert.deepEqual(worker.differs, { finish: true, response: true, waiting: true });
    const logger = table.threads.find((t) => t.thread === 'logger')!;
    assert.equal(logger.differs.finish, false);
    assert.equal(table.runDiffers.outcome, false);
    assert.equal(table.runDiffers.stalls, true);
  });
});

describe('compare: bad usage and bad files', () => {
  const ok = scenarioFile('ok.threads', 'process p { thread a { compute 1 } }\n');

  for (const [args, message] of [
    [
      ['--models', 'one_to_one,two_to_two'],
      "threadscape: unknown model 'two_to_two'; valid models: one_to_one, many_to_one, many_to_many\n",
    ],
    [
      ['--models', ','],
      'threadscape: --models needs at least one model; valid models: one_to_one, many_to_one, many_to_many\n',
    ],
    [['--process', 'q'], `threadscape: no process 'q' in ${ok}; processes: p\n`],
  ] as const) {
    test(`${args.join(' ')}: exit 2, one line naming the valid ones`, () => {
      const r = threadscape('compare', ok, ...args);
      assert.deepEqual([r.code, r.out, r.err], [2, '', message]);
    });
  }

  test('no FILE, or two: exit 2', () => {
    assert.equal(threadscape('compare').code, 2);
    assert.equal(threadscape('compare', ok, ok).code, 2);
  });

  test('an unreadable file: exit 2, one line', () => {
    const r = threadscape('compare', join(SAMPLES, 'no-such.threads'));
    assert.equal(r.code, 2);
    assert.match(r.err, /^threadscape: cannot read .*no-such\.threads: no such file\n$/);
  });

  test('a file with text errors: its diagnostics, exit 1, nothing compared', () => {
    const bad = scenarioFile('bad.threads', 'process p { thread a { lock nope } }\n');
    const r = threadscape('compare', bad);
    assert.equal(r.code, 1);
    assert.match(r.out, /bad\.threads:1:29: error unknown-name/);
    assert.match(r.err, /nothing compared/);
  });

  test('a run that deadlocks under one model: exit 1, the table still printed', () => {
    const f = scenarioFile(
      'dl.threads',
      'process p {\n  mutex a\n  mutex b\n  thread x { lock a io 2 lock b unlock b unlock a }\n  thread y { lock b io 2 lock a unlock a unlock b }\n}\n',
    );
    const r = threadscape('compare', f, '--models', 'one_to_one');
    assert.equal(r.code, 1);
    assert.match(r.out, /^outcome\s+deadlock\s*$/m);
  });
});
