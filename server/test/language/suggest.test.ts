// A misspelt keyword: the syntax diagnostic suggests the keyword the parser expected there.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compile } from '../../src/language';
import { keywordsOf, suggestKeyword } from '../../src/language/suggest';
import { AttrStart, StmtStart } from '../../src/language/tokens';

function syntax(text: string) {
  return compile(text).diagnostics.filter((d) => d.code === 'syntax');
}

test('a misspelt keyword is suggested among those allowed where it stands', () => {
  const cases: [string, string][] = [
    ['process p {\n  mutex m\n  thread t { lock m unlok m }\n}\n', 'unlock'],
    ['scenaro "x" { cpus 1 }\nprocess p { thread t { compute 1 } }\n', 'scenario'],
    ['scenario "x" { polcy rr quantum 2 }\nprocess p { thread t { compute 1 } }\n', 'policy'],
    ['process p {\n  modl one_to_one\n  thread t { compute 1 }\n}\n', 'model'],
    ['process p {\n  mutx m\n  thread t { compute 1 }\n}\n', 'mutex'],
    ['process p {\n  thread t prority 3 { compute 1 }\n}\n', 'priority'],
    ['process p {\n  model one_to_on\n  thread t { compute 1 }\n}\n', 'one_to_one'],
    ['process p {\n  sigwaiting of\n  thread t { compute 1 }\n}\n', 'off'],
    ['process p {\n  thread t { compte 1 }\n}\n', 'compute'],
  ];
  for (const [text, want] of cases) {
    const ds = syntax(text);
    assert.equal(ds.length, 1, text);
    assert.match(ds[0].message, new RegExp(`; did you mean '${want}'\\?$`), text);
    assert.deepEqual(ds[0].data, { suggestion: want, kind: 'keyword' }, text);
  }
});

test('no suggestion for a word far from every keyword allowed there, or for a keyword out of place', () => {
  for (const text of [
    'process p {\n  thread t { compute 1 frobnicate 3 }\n}\n',
    'process p {\n  thread t { foo 3 }\n}\n',
    // `lwps` is a setting, not a statement: nothing allowed in a body is close to it.
    'process p {\n  thread t { lwps 3 }\n}\n',
  ]) {
    const ds = syntax(text);
    assert.equal(ds.length, 1, text);
    assert.doesNotMatch(ds[0].message, /did you mean/, text);
    assert.equal(ds[0].data, undefined, text);
  }
});

test('suggestions: one edit for short words, two for longer, prefix wins ties, never the word itself', () => {
  const stmts = keywordsOf([StmtStart]);
  assert.ok(stmts.includes('unlock') && stmts.includes('repeat') && !stmts.includes('mutex'));
  assert.deepEqual(keywordsOf([AttrStart]).sort(), ['at', 'bound', 'deferred', 'pin', 'priority', 'stack']);
  assert.equal(suggestKeyword('lok', stmts), 'lock');
  assert.equal(suggestKeyword('lck', stmts), 'lock');
  assert.equal(suggestKeyword('xo', stmts), null);
  assert.equal(suggestKeyword('semwait', stmts), 'sem_wait');
  assert.equal(suggestKeyword('stack_used', stmts), 'stack_use');
  assert.equal(suggestKeyword('compute', stmts), null);
  assert.equal(suggestKeyword('of', ['on', 'off']), 'off');
  assert.equal(suggestKeyword('x'.repeat(100000), stmts), null);
});
