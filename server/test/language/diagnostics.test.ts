// One or more cases per code of docs/reference/diagnostics.md's "From the text" table, each at its exact
// range (⟦…⟧ markers), with the severity and the words the message must contain.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compile } from '../../src/language';
import { marked } from '../support/markers';

interface Case {
  code: string;
  src: string;
  has?: string[];
  severity?: 'error' | 'warning';
  data?: Record<string, unknown>;
}

const P = (body: string, settings = '') => `process p {\n${settings}\n${body}\n}\n`;

const cases: Case[] = [
  { code: 'syntax', src: P('thread t { compute ⟦}⟧'), has: ['expected a duration', "after 'compute'", "found '}'"] },
  { code: 'syntax', src: 'process p { thread t { compute 1⟦⟧', has: ["expected '}'", 'the end of the file'] },
  { code: 'syntax', src: P('thread t { stack_use ⟦8kb⟧ }'), has: ["'8kb'", 'a size'] },
  { code: 'syntax', src: P('thread t stack ⟦8K⟧ { yield }'), has: ["'8K'"] },
  { code: 'syntax', src: P('mutex fork[3]\nthread t { lock fork[⟦j⟧] }'), has: ['an index'] },
  { code: 'syntax', src: 'scenario "t" { ⟦model⟧ one_to_one }', has: ['a scenario setting', "found 'model'"] },
  { code: 'syntax', src: 'process p { thread t { io ⟦§⟧ } }', has: ["'§'", 'not part of the language'] },
  { code: 'syntax', src: 'scenario ⟦"unterminated⟧\nprocess p { }', has: ['unterminated string'] },
  {
    code: 'unknown-name',
    src: P('mutex queue\nthread t { lock ⟦qeue⟧ }'),
    has: ["'qeue'", "'queue'"],
    data: { suggestion: 'queue' },
  },
  {
    code: 'unknown-name',
    src: P('condvar lockz2\nmutex queue\nthread t { lock ⟦lockz⟧ unlock queue }'),
    has: ["did you mean 'queue'"],
    data: { suggestion: 'queue' },
  },
  { code: 'unknown-name', src: P('thread t { join ⟦ghost⟧ }'), has: ["no thread named 'ghost'"] },
  { code: 'duplicate-name', src: P('mutex m\ncondvar ⟦m⟧'), has: ["'m'", 'already declared', 'mutex'] },
  { code: 'duplicate-name', src: P('mutex w\nthread ⟦w⟧ { yield }'), has: ["'w'"] },
  { code: 'duplicate-setting', src: 'scenario "s" {\n  cpus 2\n  ⟦cpus 3⟧\n}', has: ["'cpus'", 'line 2'] },
  {
    code: 'duplicate-setting',
    src: 'scenario "s" { cost switch 1 cost ipi 2 ⟦cost switch 3⟧ }',
    has: ["'cost switch'"],
  },
  { code: 'duplicate-setting', src: P('', 'lwps 2\n⟦lwps 3⟧'), has: ["'lwps'", "process 'p'"] },
  {
    code: 'duplicate-setting',
    src: P('thread t priority 1 ⟦priority 2⟧ { yield }'),
    has: ["'priority'", "thread 't'"],
  },
  { code: 'wrong-kind', src: P('condvar c\nthread t { lock ⟦c⟧ }'), has: ["'c' is a condvar", "'lock' needs a mutex"] },
  { code: 'wrong-kind', src: P('mutex m\nthread t { lock m wait ⟦m⟧ m unlock m }'), has: ['a condvar'] },
  { code: 'wrong-kind', src: P('semaphore s 1\nthread t { join ⟦s⟧ }'), has: ['a thread'] },
  { code: 'invalid-value', src: 'scenario "s" { cpus ⟦0⟧ }', has: ['cpus', '1 to 256', '0'] },
  { code: 'invalid-value', src: 'scenario "s" { cpus ⟦257⟧ }', has: ['257'] },
  { code: 'invalid-value', src: 'scenario "s" { policy priority quantum ⟦0⟧ }', has: ['quantum', 'at least 1'] },
  { code: 'invalid-value', src: 'scenario "s" { horizon ⟦0⟧ }', has: ['horizon'] },
  { code: 'invalid-value', src: P('', 'reaper ⟦0⟧'), has: ['reaper'] },
  { code: 'invalid-value', src: P('', 'lwp_idle_timeout ⟦0⟧'), has: ['lwp_idle_timeout'] },
  { code: 'invalid-value', src: P('', 'lwps ⟦0⟧'), has: ['lwps'] },
  { code: 'invalid-value', src: P('mutex fork[⟦0⟧]'), has: ['length', 'fork'] },
  { code: 'invalid-value', src: P('thread w[⟦0⟧] { yield }'), has: ['thread array'] },
  { code: 'invalid-value', src: P('thread t { compute ⟦7..2⟧ }'), has: ['7..2', 'empty'] },
  { code: 'invalid-value', src: P('thread t { compute ⟦007⟧ }'), has: ['leading zero', '7'] },
  { code: 'invalid-value', src: P('thread t { compute ⟦2147483648⟧ }'), has: ['too large', '2147483647'] },
  { code: 'invalid-value', src: P('thread t stack ⟦2097152k⟧ { yield }'), has: ['bytes'] },
  {
    code: 'invalid-value',
    src: P('mutex fork[3]\nthread t { lock fork[⟦i⟧+1] unlock fork[0] }'),
    has: ["'i'", "thread 't' is not an array"],
  },
  { code: 'invalid-value', src: P('mutex m\nthread t { lock m[⟦0⟧] }'), has: ["'m' is not an array"] },
  {
    code: 'invalid-value',
    src: P('mutex fork[3]\nthread t { lock ⟦fork⟧ }'),
    has: ["'fork' is an array of 3", 'fork[0]'],
  },
  { code: 'invalid-value', src: P('mutex fork[3]\nthread t { lock fork[⟦3⟧] }'), has: ['index 3', 'fork[2]'] },
  {
    code: 'invalid-value',
    src: P(
      'thread w[2] deferred { yield }\nthread t { sem_post s }\nsemaphore s 0\nthread u { join ⟦w⟧[5] }'.replace(
        '⟦w⟧[5]',
        'w[⟦5⟧]',
      ),
    ),
    has: ['index 5'],
  },
  { code: 'model-conflict', src: P('', 'model many_to_one\n⟦lwps 2⟧'), has: ["'lwps'", 'many_to_many', 'many_to_one'] },
  { code: 'model-conflict', src: P('', 'model one_to_one\n⟦concurrency 2⟧') },
  { code: 'model-conflict', src: P('', 'model many_to_one\n⟦sigwaiting on⟧') },
  { code: 'model-conflict', src: P('', 'model one_to_one\n⟦lwp_idle_timeout 5⟧') },
  { code: 'model-conflict', src: P('thread t { ⟦set_concurrency 3⟧ }', 'model many_to_one'), has: ['set_concurrency'] },
  { code: 'model-conflict', src: P('thread t ⟦bound⟧ { yield }', 'model many_to_one'), has: ["'bound'", 'single LWP'] },
  {
    code: 'model-conflict',
    src: 'scenario "s" { cpus 2 }\n' + P('thread t ⟦pin 1⟧ { yield }', 'model many_to_one'),
    has: ["'pin'"],
  },
  {
    code: 'model-conflict',
    src: 'scenario "s" { cpus 2 }\n' + P('thread t ⟦pin 1⟧ { yield }'),
    has: ['unbound', "add 'bound'"],
  },
  {
    code: 'pin-out-of-range',
    src: 'scenario "s" { cpus 2 }\n' + P('thread t bound pin ⟦2⟧ { yield }'),
    has: ['CPU 2', '0 to 1'],
  },
  { code: 'pin-out-of-range', src: P('thread t pin ⟦1⟧ { yield }', 'model one_to_one'), has: ['CPU 1', '0 to 0'] },
  { code: 'rr-needs-quantum', src: 'scenario "s" { policy ⟦rr⟧ }', has: ['quantum'] },
  {
    code: 'spawn-not-deferred',
    src: P('thread w { yield }\nthread t { spawn ⟦w⟧ }'),
    has: ["'w'", 'not deferred'],
    severity: 'warning',
  },
  { code: 'spawn-not-deferred', src: P('thread w[2] { yield }\nthread t { spawn ⟦w[1]⟧ }'), severity: 'warning' },
];

for (const c of cases) {
  test(`${c.code}: ${c.src.replace(/\s+/g, ' ').slice(0, 90)}`, () => {
    const { text, ranges } = marked(c.src);
    const got = compile(text).diagnostics.filter((d) => d.code === c.code);
    assert.deepEqual(
      got.map((d) => d.range),
      ranges,
      `diagnostics: ${JSON.stringify(got.map((d) => d.message))}`,
    );
    for (const d of got) {
      assert.equal(d.severity, c.severity ?? 'error');
      for (const w of c.has ?? []) assert.ok(d.message.includes(w), `"${d.message}" should mention ${w}`);
      if (c.data) assert.deepEqual({ ...d.data, kind: undefined }, { ...c.data, kind: undefined });
    }
  });
}

test('no diagnostic for what the rules allow', () => {
  const ok = [
    P('thread w[3] deferred { yield }\nthread t { spawn w join w }'),
    P('', 'model many_to_one\nlwps 1'),
    P('thread t bound { yield }', 'model one_to_one'),
    'scenario "s" { cpus 4 }\n' + P('thread t bound pin 3 { yield }'),
    'scenario "s" { policy rr quantum 5 }',
    P('mutex i\nthread t { lock i unlock i }'),
    P('mutex fork[2]\nthread w[2] { lock fork[i-1] unlock fork[i+7] }'),
    P('thread t { repeat 0 { yield } set_concurrency 0 }'),
    'scenario "quote \\" and \\\\ backslash" { seed 0 }',
  ];
  for (const src of ok) assert.deepEqual(compile(src).diagnostics, [], src);
});

test('a wrong kind names where the object is declared', () => {
  const d = compile(P('condvar c\nthread t { lock c }')).diagnostics[0];
  assert.equal(d.relatedInformation[0].range.start.line, 2);
});

test('duplicate processes are duplicate names', () => {
  const { text, ranges } = marked('process p { }\nprocess ⟦p⟧ { }');
  assert.deepEqual(
    compile(text)
      .diagnostics.filter((d) => d.code === 'duplicate-name')
      .map((d) => d.range),
    ranges,
  );
});

test('the model is null when there is an error, and present with only warnings', () => {
  assert.equal(compile('scenario "s" { cpus 0 }').model, null);
  const warn = compile(P('thread w { yield }\nthread t { spawn w }'));
  assert.equal(warn.diagnostics.length, 1);
  assert.ok(warn.model);
});
