// The incremental compiler (and the analysis with its per-process cache) against `compile` and
// `analyse`: over series of random edits of the samples and conformance files (seeded, so
// reproducible), including edits that break, merge and split top-level blocks, open comments
// and strings, and move blocks by lines and characters, every result must equal the whole
// text's compilation and analysis field for field.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyse, type AnalysisCache } from '../../src/analysis';
import { compile, IncrementalCompiler, type Compilation } from '../../src/language';
import { lineBreaks, splitParts } from '../../src/language/blocks';
import { seeded } from '../support/random';

const read = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.threads'))
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8'));
const sources = [...read('samples'), ...read('server/test/fixtures/conformance')];

const pieces = [
  'process',
  'scenario',
  '\nprocess q {\n',
  '\n  process r {',
  '\nscenario "s" {\n',
  '}',
  '{',
  '}\n',
  '\n',
  '\r\n',
  '\r',
  ' ',
  '\t',
  'thread t {',
  'lock m',
  'unlock m',
  'mutex m',
  'cpus 0',
  'cpus 2',
  'repeat 3 {',
  '/*',
  '*/',
  '//',
  '"',
  '"x\\"',
  'x',
  '7',
  '[',
  ']',
  'i+1',
  'process_x',
  '§',
  '😀',
];

/** One edit: insert a piece, delete a run, replace a character, or move a line elsewhere. */
function edit(text: string, rnd: () => number): string {
  const at = () => Math.floor(rnd() * (text.length + 1));
  const kind = Math.floor(rnd() * 5);
  const a = at();
  if (kind === 0) return text.slice(0, a) + text.slice(Math.min(text.length, a + 1 + Math.floor(rnd() * 40)));
  if (kind === 1 && a < text.length)
    return text.slice(0, a) + String.fromCharCode(32 + Math.floor(rnd() * 95)) + text.slice(a + 1);
  if (kind === 2) {
    const lines = text.split('\n');
    const [l] = lines.splice(Math.floor(rnd() * lines.length), 1);
    lines.splice(Math.floor(rnd() * (lines.length + 1)), 0, l);
    return lines.join('\n');
  }
  return text.slice(0, a) + pieces[Math.floor(rnd() * pieces.length)] + text.slice(a);
}

/** The parts of a compilation that hosts see (the symbol table is derived from the tree). */
function visible(c: Compilation): unknown {
  const declarations = c.symbols.declarations.map((d) => [
    d.kind,
    d.name,
    d.ident,
    d.arrayLength,
    d.process?.start ?? null,
    d.node.start,
  ]);
  const references = c.symbols.references.map((r) => [
    r.ident,
    r.expected,
    r.declaration?.ident ?? null,
    r.process.start,
    r.thread.start,
  ]);
  const scopes = c.ast.processes.map((p) => c.symbols.declarationsOf(p).map((d) => d.ident.start));
  return { diagnostics: c.diagnostics, model: c.model, ast: c.ast, declarations, references, scopes };
}

const caches = new WeakMap<IncrementalCompiler, AnalysisCache>();

function same(inc: IncrementalCompiler, text: string, what: string): void {
  const got = inc.compile(text);
  const want = compile(text);
  if (!caches.has(inc)) caches.set(inc, new WeakMap());
  const analysed = got.model ? analyse(got.model, caches.get(inc)) : null;
  assert.deepStrictEqual(analysed, want.model ? analyse(want.model) : null, `${what}: analysis`);
  assert.deepStrictEqual(visible(got), visible(want), what);
  assert.equal(JSON.stringify(got.ast), JSON.stringify(want.ast), `${what}: the tree prints the same`);
  assert.equal(JSON.stringify(got.model), JSON.stringify(want.model), `${what}: the model prints the same`);
}

test('parts cover the text and start at top-level keywords on their own lines', () => {
  const text =
    'scenario "a" {\n}\n/* process x {\n*/ process y {\n}\n  process z {\n  "process"\n// process\n}\r\nprocess w {}';
  const parts = splitParts(text);
  assert.deepEqual(
    parts.map((p) => text.slice(p.start, p.end).split(/\r?\n/)[0]),
    ['scenario "a" {', '  process z {', 'process w {}'],
  );
  assert.deepEqual(
    parts.map((p) => lineBreaks(text, 0, p.start)),
    [0, 5, 9],
  );
  assert.equal(parts.at(-1)!.end, text.length);
  assert.deepEqual(parts[0].next, { word: 'process', indent: 2 });
});

test('an unclosed comment or a string does not end a part', () => {
  assert.equal(splitParts('process a {\n/* open\nprocess b {}\n').length, 1);
  assert.equal(splitParts('process a { "x\\"\nprocess b {}\n').length, 2);
  assert.equal(splitParts('process a {\n  "x\nprocess b {}\n').length, 2);
  assert.equal(splitParts('process a { "/*" // /*\nprocess b {}\n').length, 2);
  assert.equal(splitParts('process a { "\\"/*" }\nprocess b {}\n').length, 2);
  assert.equal(splitParts('process a { /* x */ /*\nprocess b {}\n').length, 1);
  assert.equal(splitParts('process a {\u2028process b {}\n').length, 1);
});

test('random edits: the incremental result equals the whole compilation', () => {
  const rnd = seeded(20261126);
  for (const [k, source] of sources.entries()) {
    const inc = new IncrementalCompiler();
    let text = source;
    same(inc, text, `source ${k}`);
    for (let step = 0; step < 40; step++) {
      text = edit(text, rnd);
      same(inc, text, `source ${k}, edit ${step}: ${JSON.stringify(text)}`);
    }
  }
});

test('blocks nested too deep fall back to parsing the whole text', () => {
  const deep = `process a {\n thread t {\n${'repeat 1 {\n'.repeat(70)}\nprocess b {\n thread u { lock m }\n}\n`;
  const inc = new IncrementalCompiler();
  same(inc, deep, 'deep');
  same(inc, deep.replace('lock m', 'lock n'), 'deep, edited');
});

test('an edit of one block parses that block only; a block moved by an edit before it is moved, not parsed', () => {
  const block = (n: number) =>
    `process p${n} {\n  mutex m\n  thread t {\n    lock m\n    compute 3\n    unlock m\n  }\n}\n`;
  const text = 'scenario "s" {\n  cpus 2\n}\n' + Array.from({ length: 20 }, (_, n) => block(n)).join('');
  const inc = new IncrementalCompiler();
  same(inc, text, 'first');
  assert.equal(inc.reparsed, 21);
  const at = text.indexOf('compute 3', text.indexOf('process p10'));
  same(inc, text.slice(0, at) + 'compute 4' + text.slice(at + 9), 'same length');
  assert.equal(inc.reparsed, 1);
  const longer = text.slice(0, at) + 'compute 42\n    yield' + text.slice(at + 9);
  same(inc, longer, 'longer');
  assert.equal(inc.reparsed, 1);
  same(inc, longer.replace('cpus 2', 'cpus 3'), 'scenario');
  assert.equal(inc.reparsed, 1);
});

test('an unchanged process keeps its lowered model; a changed one is lowered again', () => {
  const text = 'process a {\n  mutex m\n  thread t { lock m }\n}\nprocess b {\n  thread u { compute 1 }\n}\n';
  const inc = new IncrementalCompiler();
  const first = inc.compile(text).model!;
  const second = inc.compile(text.replace('compute 1', 'compute 2')).model!;
  assert.equal(second.processes[0], first.processes[0]);
  assert.notEqual(second.processes[1], first.processes[1]);
  assert.equal(second.processes[1].threads[0].body[0].op, 'compute');
});

test('analysis: a cached process is not analysed again only while the cycle budget before it is the same', () => {
  // Two processes with a lock-order cycle each: the second's findings depend on what the first spent.
  const proc = (n: string, extra: string) =>
    `process ${n} {\n  mutex a\n  mutex b\n  thread t { lock a lock b unlock b unlock a }\n  thread u { lock b lock a unlock a unlock b }${extra}\n}\n`;
  const inc = new IncrementalCompiler();
  const cache: AnalysisCache = new WeakMap();
  for (const extra of ['', '\n  thread v { lock a lock b unlock b unlock a }', '']) {
    const text = proc('p', extra) + proc('q', '');
    const model = inc.compile(text).model!;
    assert.deepStrictEqual(analyse(model, cache), analyse(compile(text).model!));
  }
});

test('a process checked before is checked again when the scenario changes its CPUs', () => {
  const text = (cpus: number) =>
    `scenario "s" {\n  cpus ${cpus}\n}\nprocess a {\n  thread t bound pin 3 { compute 1 }\n}\n`;
  const inc = new IncrementalCompiler();
  same(inc, text(4), 'four CPUs');
  same(inc, text(2), 'two CPUs');
  assert.ok(inc.compile(text(2)).diagnostics.some((d) => d.code === 'pin-out-of-range'));
  same(inc, text(4), 'four again');
  assert.ok(!inc.compile(text(4)).diagnostics.some((d) => d.code === 'pin-out-of-range'));
});

test('a block moved along its line keeps its lowered model; one moved to another line is lowered again', () => {
  const text = 'process a {\n  thread t { compute 1 }\n}\nprocess b {\n  mutex m\n  thread u { lock m unlock m }\n}\n';
  const inc = new IncrementalCompiler();
  const first = inc.compile(text).model!;
  const wider = text.replace('compute 1', 'compute  1');
  const second = inc.compile(wider).model!;
  assert.equal(second.processes[1], first.processes[1]);
  same(inc, wider, 'wider');
  const taller = wider.replace('compute  1', 'compute\n 1');
  const third = inc.compile(taller).model!;
  assert.notEqual(third.processes[1], second.processes[1]);
  assert.equal(third.processes[1].range.start.line, 4);
  same(inc, taller, 'taller');
});

test('analysis: a cached process gets new inversion risks when a thread of another process changes priority', () => {
  const text = (mid: number) =>
    'scenario "s" {\n  cpus 1\n}\nprocess p {\n  model one_to_one\n  mutex m\n  thread low priority 1 { lock m compute 5 unlock m }\n' +
    `  thread high priority 5 at 1 { lock m unlock m }\n}\nprocess q {\n  model one_to_one\n  thread mid priority ${mid} at 2 { compute 20 }\n}\n`;
  const inc = new IncrementalCompiler();
  const cache: AnalysisCache = new WeakMap();
  const risks = (t: string): number => {
    const c = inc.compile(t);
    const got = analyse(c.model!, cache);
    assert.deepStrictEqual(got, analyse(compile(t).model!));
    return got.filter((d) => d.code === 'inversion-risk').length;
  };
  assert.equal(risks(text(3)), 1);
  const before = inc.compile(text(3)).model!.processes[0];
  assert.equal(risks(text(0)), 0);
  assert.equal(inc.compile(text(0)).model!.processes[0], before, 'process p itself was not lowered again');
  assert.equal(risks(text(3)), 1);
});
