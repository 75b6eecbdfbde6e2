// Lexing (docs/reference/language.md §2): keywords, identifiers that merely start with one, numbers, sizes,
// strings, comments, and what becomes a token the parser reports.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KEYWORDS } from '../../src/language/keywords';
import { tokenize } from '../../src/language/tokens';

const kinds = (text: string) => tokenize(text).tokens.map((t) => `${t.tokenType.name}:${t.image}`);

test('every keyword lexes as itself, and with _x or a digit glued on as an identifier', () => {
  assert.ok(KEYWORDS.length >= 60);
  for (const { word } of KEYWORDS) {
    assert.deepEqual(kinds(word), [`${word}:${word}`]);
    assert.deepEqual(kinds(`${word}_x`), [`Ident:${word}_x`]);
    assert.deepEqual(kinds(`${word}2`), [`Ident:${word}2`]);
  }
});

test('keyword prefixes are told apart', () => {
  assert.deepEqual(kinds('on one_to_one one off'), ['on:on', 'one_to_one:one_to_one', 'Ident:one', 'off:off']);
  assert.deepEqual(kinds('io inherit ipi io_x'), ['io:io', 'inherit:inherit', 'ipi:ipi', 'Ident:io_x']);
  assert.deepEqual(kinds('stack stack_use stacks'), ['stack:stack', 'stack_use:stack_use', 'Ident:stacks']);
  assert.deepEqual(kinds('switch switch_process'), ['switch:switch', 'switch_process:switch_process']);
  assert.deepEqual(kinds('create create_cached'), ['create:create', 'create_cached:create_cached']);
});

test('i is an identifier; keywords are case-sensitive', () => {
  assert.deepEqual(kinds('i I Lock'), ['Ident:i', 'Ident:I', 'Ident:Lock']);
});

test('numbers, sizes and ranges', () => {
  assert.deepEqual(kinds('4096 8k 1m 007 2..7'), [
    'Int:4096',
    'Size:8k',
    'Size:1m',
    'Int:007',
    'Int:2',
    'DotDot:..',
    'Int:7',
  ]);
  assert.deepEqual(kinds('8K 8kb 1g 3x'), ['BadNumber:8K', 'BadNumber:8kb', 'BadNumber:1g', 'BadNumber:3x']);
  assert.deepEqual(kinds('8 k'), ['Int:8', 'Ident:k']);
});

test('strings with escapes, and malformed strings', () => {
  assert.deepEqual(kinds('"a \\"b\\" \\\\ c"'), ['String:"a \\"b\\" \\\\ c"']);
  assert.deepEqual(kinds('"open\nx'), ['BadString:"open', 'Ident:x']);
  assert.deepEqual(kinds('"bad \\n escape"'), ['BadString:"bad \\n escape"']);
});

test('comments are kept aside; an unterminated block comment is a token', () => {
  const r = tokenize('a // one\n/* two\nlines */ b /* open');
  assert.deepEqual(
    r.tokens.map((t) => t.tokenType.name),
    ['Ident', 'Ident', 'BadComment'],
  );
  assert.equal(r.comments.length, 2);
});

test('characters outside the language become Invalid tokens in place', () => {
  assert.deepEqual(kinds('a § b 😀 c'), ['Ident:a', 'Invalid:§', 'Ident:b', 'Invalid:😀', 'Ident:c']);
});

test('positions are 1-based lines and columns with CRLF counted as one break', () => {
  const [a, b] = tokenize('x\r\n  yy').tokens;
  assert.deepEqual([a.startLine, a.startColumn, b.startLine, b.startColumn, b.endColumn], [1, 1, 2, 3, 4]);
});

test('the keyword table gives every keyword a role and a one-line explanation', () => {
  const statements = [
    'compute',
    'io',
    'sleep',
    'yield',
    'lock',
    'unlock',
    'wait',
    'signal',
    'broadcast',
    'sem_wait',
    'sem_post',
    'spawn',
    'join',
    'exit',
    'set_concurrency',
    'stack_use',
    'repeat',
  ];
  assert.deepEqual(
    KEYWORDS.filter((k) => k.roles.includes('statement'))
      .map((k) => k.word)
      .sort(),
    [...statements].sort(),
  );
  for (const k of KEYWORDS) {
    assert.ok(k.roles.length > 0, k.word);
    assert.ok(k.doc.length > 10 && !k.doc.includes('\n'), k.word);
  }
  assert.deepEqual(KEYWORDS.find((k) => k.word === 'priority')?.roles, ['setting', 'attr', 'value']);
  assert.equal(new Set(KEYWORDS.map((k) => k.word)).size, KEYWORDS.length);
  assert.equal(
    KEYWORDS.some((k) => k.word === 'i'),
    false,
  );
});
