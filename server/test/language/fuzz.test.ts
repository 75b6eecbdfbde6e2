// Fuzzing the front end with mutations of the conformance files (seeded, so reproducible):
// no input may throw, every diagnostic must lie inside the text, and the parser's work must
// stay proportional to the number of tokens.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { compile, parse } from '../../src/language';
import { endOf } from '../../src/language/parse';
import { KEYWORDS } from '../../src/language/keywords';
import { FAMILIES } from '../support/hostile';
import { pipelineChecker } from '../support/pipeline-check';
import { seeded } from '../support/random';

const dir = 'server/test/fixtures/conformance';
const sources = readdirSync(dir)
  .filter((f) => f.endsWith('.threads'))
  .map((f) => readFileSync(join(dir, f), 'utf8'));
const pieces = [
  ...KEYWORDS.map((k) => k.word),
  '{',
  '}',
  '[',
  ']',
  '+',
  '-',
  '..',
  '0',
  '7',
  '007',
  '2147483648',
  '8k',
  '8kb',
  'i',
  'i+1',
  'fork',
  'm',
  'x_y',
  '"t"',
  '"open',
  '/*',
  '*/',
  '//',
  '§',
  '\n',
  ' ',
  '\r\n',
  '😀',
];

function mutate(text: string, rnd: () => number): string {
  const at = () => Math.floor(rnd() * (text.length + 1));
  const steps = 1 + Math.floor(rnd() * 4);
  for (let k = 0; k < steps; k++) {
    const kind = Math.floor(rnd() * 5);
    if (kind === 0) {
      const a = at();
      text = text.slice(0, a) + text.slice(Math.min(text.length, a + 1 + Math.floor(rnd() * 12)));
    } else if (kind === 1) {
      const a = at();
      const piece = pieces[Math.floor(rnd() * pieces.length)];
      text = `${text.slice(0, a)} ${piece} ${text.slice(a)}`;
    } else if (kind === 2) {
      const [a, b] = [at(), at()].sort((x, y) => x - y);
      const c = Math.min(text.length, b + Math.floor(rnd() * 20));
      text = text.slice(0, a) + text.slice(b, c) + text.slice(a, b) + text.slice(c);
    } else if (kind === 3) {
      text = text.slice(0, at());
    } else {
      const a = at();
      text = text.slice(0, a) + text.slice(a, a + 30).replace(/[{}]/, '');
    }
  }
  return text;
}

test('thousands of mutated files: no exception, ranges inside the text, linear work', { timeout: 240_000 }, () => {
  const rnd = seeded(20260101);
  const iterations = 3000;
  let withErrors = 0;
  for (let n = 0; n < iterations; n++) {
    const text = mutate(sources[n % sources.length], rnd);
    let c;
    try {
      c = compile(text);
    } catch (e) {
      assert.fail(`compile threw on mutation ${n}: ${(e as Error).stack}\n---\n${text}`);
    }
    const end = endOf(text);
    for (const d of c.diagnostics) {
      const { start, end: e } = d.range;
      const inside = (p: { line: number; character: number }) =>
        p.line < end.line || (p.line === end.line && p.character <= end.character);
      assert.ok(inside(start) && inside(e), `range outside the text on mutation ${n}: ${JSON.stringify(d)}`);
      assert.ok(start.line < e.line || (start.line === e.line && start.character <= e.character));
    }
    if (c.diagnostics.some((d) => d.severity === 'error')) withErrors++;
    const p = parse(text);
    assert.ok(p.counters.items <= p.tokens.length + 1, `items ${p.counters.items} for ${p.tokens.length} tokens`);
    assert.ok(p.counters.skipped <= p.tokens.length, `skipped ${p.counters.skipped} for ${p.tokens.length} tokens`);
    assert.ok(p.issues.length <= p.tokens.length + 1);
  }
  // the mutations do break files (the test would prove nothing otherwise)
  assert.ok(withErrors > iterations / 3, `only ${withErrors} mutated files had errors`);
});

test('a long file of garbage is parsed in linear work', { timeout: 60_000 }, () => {
  const rnd = seeded(7);
  const text = Array.from({ length: 50_000 }, () => pieces[Math.floor(rnd() * pieces.length)]).join(' ');
  const p = parse(text);
  assert.ok(p.counters.items + p.counters.skipped <= 2 * p.tokens.length);
  compile(text);
});

test('hostile families through every host path: no exception, ranges inside their lines', { timeout: 240_000 }, () => {
  const check = pipelineChecker({ maxEvents: 20_000, maxRecorded: 5_000 });
  const perFamily = 30;
  for (const family of FAMILIES) {
    const rnd = seeded(hashName(family.name));
    for (let n = 0; n < perFamily; n++) {
      const text = family.make(rnd, 0.02);
      let report;
      try {
        report = check(text);
      } catch (e) {
        assert.fail(`${family.name} #${n} threw: ${(e as Error).stack}\n---\n${text.slice(0, 2000)}`);
      }
      assert.deepEqual(report.problems, [], `${family.name} #${n}\n---\n${JSON.stringify(text.slice(0, 2000))}`);
    }
  }
});

/** A seed per family name, so adding a family does not change the others' inputs. */
function hashName(name: string): number {
  let h = 2166136261;
  for (let k = 0; k < name.length; k++) h = Math.imul(h ^ name.charCodeAt(k), 16777619) >>> 0;
  return h;
}
