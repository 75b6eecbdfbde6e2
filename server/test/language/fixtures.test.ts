import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { compile } from '../../src/language';

function scenarios(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.threads'))
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
}

const files = [...scenarios('server/test/fixtures/conformance'), ...scenarios('samples')];

test('there are conformance fixtures to parse', () => {
  assert.ok(files.length >= 12);
});

for (const file of files) {
  test(`${file} compiles without error and lowers to a model`, () => {
    const c = compile(readFileSync(file, 'utf8'));
    assert.deepEqual(
      c.diagnostics.filter((d) => d.severity === 'error'),
      [],
    );
    assert.ok(c.model);
    assert.ok(c.model.processes.length > 0);
    for (const p of c.model.processes) {
      p.threads.forEach((t, k) => {
        assert.equal(t.index, k);
        assert.equal(t.tid, k + 1);
        if (p.model === 'one_to_one') assert.equal(t.bound, true);
      });
    }
  });
}

test('dining-three lowers phil[i] to fork[i] then fork[i+1] modulo 3', () => {
  const c = compile(readFileSync('server/test/fixtures/conformance/dining-three.threads', 'utf8'));
  const p = c.model!.processes[0];
  assert.deepEqual(
    p.mutexes.map((m) => m.name),
    ['fork[0]', 'fork[1]', 'fork[2]'],
  );
  assert.deepEqual(
    p.threads.map((t) => t.name),
    ['phil[0]', 'phil[1]', 'phil[2]'],
  );
  const locks = p.threads.map((t) =>
    t.body.filter((s) => s.op === 'lock').map((s) => (s.op === 'lock' ? s.mutex : -1)),
  );
  assert.deepEqual(locks, [
    [0, 1],
    [1, 2],
    [2, 0],
  ]);
  assert.equal(p.lwps, 0);
  assert.equal(c.model!.title, 'Dining philosophers');
  assert.equal(c.model!.cpus, 3);
});
