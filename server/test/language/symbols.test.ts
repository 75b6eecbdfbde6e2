// The symbol table the language server asks: declarations, references, lookups by position.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compile } from '../../src/language';
import { marked } from '../support/markers';

const src = `process p {
  mutex ⟦m⟧
  condvar c
  thread ⟦w⟧[2] deferred { lock ⟦m⟧ wait c ⟦m⟧ unlock ⟦m⟧ }
  thread main { spawn ⟦w⟧ join ⟦w⟧ lock ghost }
}
process q { mutex m thread t { lock m } }`;

test('declarations carry kind, name range, process and array length', () => {
  const { text, ranges } = marked(src);
  const { symbols } = compile(text);
  const decls = symbols.declarations.map((d) => [d.kind, d.name, d.process?.name?.name ?? null, d.arrayLength]);
  assert.deepEqual(decls, [
    ['process', 'p', null, null],
    ['mutex', 'm', 'p', null],
    ['condvar', 'c', 'p', null],
    ['thread', 'w', 'p', 2],
    ['thread', 'main', 'p', null],
    ['process', 'q', null, null],
    ['mutex', 'm', 'q', null],
    ['thread', 't', 'q', null],
  ]);
  assert.deepEqual(symbols.declarations[1].ident.range, ranges[0]);
});

test('references resolve within their process, with the kind their statement expects', () => {
  const { text, ranges } = marked(src);
  const { symbols } = compile(text);
  const m = symbols.declarations[1];
  assert.deepEqual(
    symbols.referencesTo(m).map((r) => r.ident.range),
    [ranges[2], ranges[3], ranges[4]],
  );
  const w = symbols.declarations[3];
  assert.deepEqual(
    symbols.referencesTo(w).map((r) => r.ident.range),
    [ranges[5], ranges[6]],
  );
  const ghost = symbols.references.find((r) => r.ident.name === 'ghost');
  assert.equal(ghost?.declaration, null);
  assert.equal(ghost?.expected, 'mutex');
  const wait = symbols.references.filter((r) => r.stmt.op === 'wait').map((r) => r.expected);
  assert.deepEqual(wait, ['condvar', 'mutex']);
  const qm = symbols.declarations[6];
  assert.equal(symbols.referencesTo(qm).length, 1);
});

test('declarationAt answers on a declaration name or on a reference, by position or offset', () => {
  const { text, ranges } = marked(src);
  const { symbols } = compile(text);
  const m = symbols.declarations[1];
  assert.equal(symbols.declarationAt(ranges[0].start), m);
  assert.equal(symbols.declarationAt(ranges[3].end), m);
  assert.equal(symbols.declarationAt(text.indexOf('lock m') + 5), m);
  assert.equal(symbols.declarationAt({ line: 0, character: 0 }), null);
  assert.equal(symbols.referenceAt(ranges[5].start)?.declaration?.name, 'w');
  assert.equal(symbols.processAt(text.indexOf('lock ghost'))?.name?.name, 'p');
});
