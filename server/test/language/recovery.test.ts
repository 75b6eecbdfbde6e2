// Recovery (docs/reference/language.md §3): one syntax diagnostic per broken statement, setting or
// declaration, parsing resumes at the next keyword, and the checker still runs elsewhere.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compile, parse } from '../../src/language';
import { marked } from '../support/markers';

function syntaxRanges(text: string) {
  return compile(text)
    .diagnostics.filter((d) => d.code === 'syntax')
    .map((d) => d.range);
}

test('independent mistakes in different statements give exactly one error each', () => {
  const { text, ranges } = marked(`scenario "s" {
  cpus ⟦policy⟧ fifo
}
process p {
  mutex m
  thread a { compute ⟦}⟧
  thread b { lock m lock ⟦nothere⟧ unlock m }
  thread c { io 5 sleep ⟦x⟧ yield }
  thread d priority ⟦{⟧ compute 1 }
  thread e { lock m[⟦+⟧] }
}`);
  // the unknown name is the semantic error; the others are syntax errors
  const unknown = ranges.splice(2, 1)[0];
  assert.deepEqual(syntaxRanges(text), ranges);
  const c = compile(text);
  assert.deepEqual(
    c.diagnostics.filter((d) => d.code === 'unknown-name').map((d) => d.range),
    [unknown],
  );
  assert.equal(c.model, null);
});

test('a missing closing brace is one error, and the next declaration still parses', () => {
  const { text, ranges } = marked('process p {\n  thread a { compute 1\n  ⟦thread⟧ b { compute 2 }\n}');
  assert.deepEqual(syntaxRanges(text), ranges);
  const ast = parse(text).ast;
  assert.deepEqual(
    ast.processes[0].threads.map((t) => t.name.name),
    ['a', 'b'],
  );
});

test('garbage between statements is one error, skipped to the next keyword', () => {
  const { text, ranges } = marked('process p { mutex m thread t { lock m ⟦foo⟧ bar 1 2 3 unlock m } }');
  assert.deepEqual(syntaxRanges(text), ranges);
  const body = parse(text).ast.processes[0].threads[0].body;
  assert.deepEqual(
    body.map((s) => s.op),
    ['lock', 'unlock'],
  );
});

test('a broken thread header resumes at its block', () => {
  const { text, ranges } = marked('process p { mutex m thread t priority ⟦x⟧ { lock m unlock m } thread u { yield } }');
  assert.deepEqual(syntaxRanges(text), ranges);
  const threads = parse(text).ast.processes[0].threads;
  assert.deepEqual(
    threads.map((t) => [t.name.name, t.body.length]),
    [
      ['t', 2],
      ['u', 1],
    ],
  );
});

test('an error at the end of the file sits after the last token, never at offset 0', () => {
  const text = '\n\nprocess p {\n  thread t {\n    compute';
  const [d] = compile(text).diagnostics;
  assert.equal(d.code, 'syntax');
  assert.deepEqual(d.range, { start: { line: 4, character: 11 }, end: { line: 4, character: 11 } });
});

test('a second scenario block, or one after a process, is an error', () => {
  const { text, ranges } = marked('process p { }\n⟦scenario⟧ "late" { cpus 2 }');
  assert.deepEqual(syntaxRanges(text), ranges);
});

test('statements outside any thread are one error up to the next declaration', () => {
  const { text, ranges } = marked('process p { mutex m ⟦lock⟧ m unlock m thread t { yield } ⟦lock⟧ m }');
  assert.deepEqual(syntaxRanges(text), ranges);
});

test('text outside any process is reported once', () => {
  const { text, ranges } = marked('⟦thread⟧ t { compute 1 } }}} lock m\nprocess p { thread u { yield } }');
  assert.deepEqual(syntaxRanges(text), ranges);
  assert.equal(parse(text).ast.processes.length, 1);
});

test('deep nesting is reported, not a stack overflow', () => {
  const depth = 5000;
  const text = `process p { thread t { ${'repeat 2 { '.repeat(depth)}yield${' }'.repeat(depth)} } }`;
  const diags = compile(text).diagnostics;
  assert.equal(diags.filter((d) => d.code === 'syntax').length, 1);
  assert.match(diags[0].message, /nested more than/);
});

test('an empty file or a file of comments is a valid scenario with no processes', () => {
  for (const text of ['', '// nothing\n/* at all */\n']) {
    const c = compile(text);
    assert.deepEqual(c.diagnostics, []);
    assert.equal(c.model?.processes.length, 0);
  }
});
