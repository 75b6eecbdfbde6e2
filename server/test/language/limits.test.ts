// The limits of docs/reference/language.md §2 (each an `invalid-value` at the number, naming the limit, before
// anything is expanded), control characters in strings, and ranges of unterminated comments.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compile } from '../../src/language';
import { endOf } from '../../src/language/parse';
import { marked } from '../support/markers';

interface Case {
  src: string;
  has: string[];
  code?: 'invalid-value' | 'syntax';
}

const P = (body: string, settings = '') => `process p {\n${settings}\n${body}\n}\n`;
const T = (n: number, name = 't') => `thread ${name}[${n}] { yield }`;

const cases: Case[] = [
  { src: P('mutex m[⟦1000000⟧]\nthread t { compute 1 }'), has: ["mutex array 'm'", '1,000,000', '10,000 elements'] },
  { src: P('mutex m[⟦10000000⟧]\nthread t { compute 1 }'), has: ['10,000,000', 'limit'] },
  { src: P('thread w[⟦10001⟧] { join w[i+1] }'), has: ["thread array 'w'", '10,001', '10,000 elements'] },
  { src: P('condvar c[⟦2147483647⟧]'), has: ['2,147,483,647'] },
  { src: P('semaphore s[⟦20000⟧] 1'), has: ['20,000'] },
  { src: P('', 'lwps ⟦2147483647⟧'), has: ['lwps', '2,147,483,647', '1,024 LWPs'] },
  { src: P('', 'lwps ⟦1025⟧'), has: ['1,025'] },
  { src: P('', 'concurrency ⟦2147483647⟧'), has: ['concurrency', '1,024 LWPs'] },
  { src: P('thread t { set_concurrency ⟦5000⟧ }'), has: ['set_concurrency', '5,000', '1,024'] },
  { src: 'scenario "s" { cpus ⟦257⟧ }', has: ['cpus', '256 CPUs'] },
  { src: 'scenario "s" { cpus ⟦0⟧ }', has: ['cpus', 'from 1 to 256'] },
  // Scenario totals: at the declaration that crosses the limit.
  { src: P(`${T(6000, 'a')}\nthread b[⟦6000⟧] { yield }`), has: ['12,000 threads', 'limit of 10,000 threads'] },
  {
    src: `process p { ${T(10000, 'a')} }\nprocess q { thread ⟦b⟧ { yield } }`,
    has: ['10,001 threads'],
  },
  {
    src: P('thread a[4999] bound { yield }\nthread b[5000] bound { yield }\nthread c bound { yield }').replace(
      'thread c bound',
      'thread ⟦c⟧ bound',
    ),
    has: ['10,001 LWPs', 'limit of 10,000 LWPs'],
  },
  {
    src: Array.from({ length: 10 }, (_, k) => `process p${k} { lwps 1000 }`).join('\n') + '\nprocess q { lwps ⟦1⟧ }',
    has: ['10,001 LWPs'],
  },
  {
    src:
      Array.from({ length: 10 }, (_, k) => `process p${k} { concurrency 1000 }`).join('\n') +
      '\nprocess q { model one_to_one thread ⟦t⟧ { yield } }',
    has: ['10,001 LWPs'],
  },
  {
    src: P(Array.from({ length: 10 }, (_, k) => `mutex m${k}[10000]`).join('\n') + '\ncondvar ⟦c⟧'),
    has: ['100,001 mutexes, condition variables and semaphores'],
  },
  // Strings: control characters are syntax errors at the character.
  { code: 'syntax', src: 'scenario "a⟦\u001b⟧]0;x" { }', has: ['control characters', '\\x1b'] },
  { code: 'syntax', src: 'scenario "⟦\u0000⟧" { }', has: ['\\x00'] },
  { code: 'syntax', src: 'scenario "x⟦\u0085⟧" { }', has: ['\\x85'] },
];

for (const c of cases) {
  test(`${c.code ?? 'invalid-value'}: ${JSON.stringify(c.src.replace(/\s+/g, ' ').slice(0, 80))}`, () => {
    const { text, ranges } = marked(c.src);
    const got = compile(text).diagnostics.filter((d) => d.code === (c.code ?? 'invalid-value'));
    assert.deepEqual(
      got.map((d) => d.range),
      ranges,
      JSON.stringify(got.map((d) => d.message)),
    );
    for (const d of got) for (const w of c.has) assert.ok(d.message.includes(w), `"${d.message}" should mention ${w}`);
    assert.equal(compile(text).model, null);
  });
}

test('at the limits, the scenario is accepted', () => {
  const ok = [
    P(T(10000)),
    P('', 'lwps 1024\nconcurrency 1024'),
    P('thread t { set_concurrency 1024 }'),
    'scenario "s" { cpus 256 }',
    Array.from({ length: 10 }, (_, k) => `process p${k} { mutex m[10000] }`).join('\n'),
    Array.from({ length: 9 }, (_, k) => `process p${k} { lwps 1000 }`).join('\n') + '\nprocess q { lwps 1000 }',
    'scenario "tab\tis allowed" { }',
  ];
  for (const src of ok) assert.deepEqual(compile(src).diagnostics, [], src.slice(0, 80));
});

test('a control character outside a string is named escaped, never raw', () => {
  const [d] = compile('process p { \u001b[2J }').diagnostics;
  assert.ok(d.message.includes('\\x1b'), d.message);
  assert.ok(!/[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/.test(d.message), d.message);
});

test('an unterminated comment ends inside the text, at the start of the line after its last break', () => {
  for (const text of ['/* open\n', '/* open\r\n', 'process p {\n/* x\n\n', '/* a\r', 'process p { } /*']) {
    const d = compile(text).diagnostics.find((x) => x.message.includes('never closed'));
    assert.ok(d, text);
    assert.deepEqual(d.range.end, endOf(text), JSON.stringify(text));
  }
});
