import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MAX_NAMES, MAX_PARTS, simpleFinding, threadFinding, toDiagnostics } from '../../src/analysis/findings';
import type { SourceRange } from '../../src/language/model';
import { analysed } from './fixture';

const at = (line: number): SourceRange => ({ start: { line, character: 0 }, end: { line, character: 4 } });

describe('findings', () => {
  test('same code and range merge; different ranges or codes do not', () => {
    const d = toDiagnostics([
      simpleFinding('relock', 'error', at(3), 'a[0] locks m', '!'),
      simpleFinding('relock', 'error', at(3), 'a[1] locks m', '!'),
      simpleFinding('relock', 'error', at(3), 'a[1] locks m', '!'),
      simpleFinding('relock', 'error', at(1), 'b locks m', '!'),
      simpleFinding('held-at-exit', 'warning', at(3), 'a[0] ends', ''),
    ]);
    assert.deepEqual(
      d.map((x) => [x.range.start.line, x.code, x.message, x.time]),
      [
        [1, 'relock', 'b locks m!', null],
        [3, 'held-at-exit', 'a[0] ends', null],
        [3, 'relock', 'a[0] locks m; a[1] locks m!', null],
      ],
    );
  });

  test('past MAX_PARTS parts, the rest are counted', () => {
    const many = Array.from({ length: MAX_PARTS + 3 }, (_, k) => simpleFinding('relock', 'error', at(0), `t[${k}]`));
    const [d] = toDiagnostics(many);
    assert.equal(d.message.split('; ').length, MAX_PARTS + 1);
    assert.match(d.message, /; and 3 more$/);
  });

  test('acts with the same verb phrase name their threads together, in the plural', () => {
    const act = (who: string, m: string) =>
      threadFinding('relock', 'error', at(2), { who, one: `locks ${m}`, many: `lock ${m}` }, '.');
    const names = Array.from({ length: MAX_NAMES + 2 }, (_, k) => `t[${k}]`);
    const [d] = toDiagnostics([...names.map((n) => act(n, 'm')), act('u', 'n')]);
    assert.equal(d.message, `${names.slice(0, MAX_NAMES).join(', ')} and 2 more lock m; u locks n.`);
  });

  test('an empty model, and threads with empty bodies: nothing to report', () => {
    assert.deepEqual(analysed('').diags, []);
    assert.deepEqual(analysed('process p { thread t { } }').diags, []);
  });
});
