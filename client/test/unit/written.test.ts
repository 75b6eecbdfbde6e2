import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compile } from '@server/language';
import { parse } from '@server/language/parse';
import { THREADING_MODELS, withModel, writtenSettings } from '@server/teaching/override';
import { isHostMessage } from '../../src/protocol';

const TEXT = `scenario "Dropped" { cpus 2 }
process app {
  model many_to_many
  lwps 2
  thread a bound { compute 3 }
}
process solo {
  model one_to_one
  thread s bound { compute 1 }
}
`;

test('what the file writes, handed over in place of the tree, gives the same runs and notes', () => {
  const model = compile(TEXT).model;
  assert.ok(model);
  const ast = parse(TEXT).ast;
  const written = writtenSettings(ast);
  for (const m of THREADING_MODELS)
    assert.deepEqual(withModel(model, m, { written }), withModel(model, m, { source: ast }), m);
  const base = { type: 'model', uri: 'file:///a', version: 1, fileName: 'a.threads', model, diagnostics: [] };
  assert.ok(isHostMessage({ ...base, written }), 'the panel takes it');
  for (const bad of [
    {},
    [{ process: 'app', thread: 3, name: 'lwps', range: written[0].range }],
    [{ ...written[0], range: null }],
  ])
    assert.equal(isHostMessage({ ...base, written: bad }), false, JSON.stringify(bad));
});
