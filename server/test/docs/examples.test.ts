// Each diagnostic's section in docs/reference/diagnostics.md shows a minimal file and its fix:
// the first `threads` block must report the code, the second must not, and must have no error.
// Codes that the source does not emit yet are not run; the reference test lists the others.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnose, withRun } from '../../src/diagnose';
import { explore } from '../../src/explorer';
import { compile } from '../../src/language';
import { simulate } from '../../src/simulator';
import { emittedCodes } from './codes';
import { codeBlocks, read, sectionsByCode } from './markdown';

const DIAGNOSTICS = 'docs/reference/diagnostics.md';

/** Codes the file's diagnostics carry, from every tier (exploration for `…-reachable`). */
function codesOf(text: string, code: string): { codes: string[]; errors: string[] } {
  const diagnosis = diagnose(text);
  const { compilation } = diagnosis;
  const diagnostics = withRun(diagnosis, compilation.model ? simulate(compilation.model) : null);
  const all: { code: string; severity: string; message: string }[] = [...diagnostics];
  if (code.endsWith('-reachable') && compilation.model) {
    const found = explore(compilation.model, { maxSchedules: 2000 });
    all.push(...found.findings.map((f) => ({ code: f.code, severity: f.severity, message: f.message })));
  }
  return {
    codes: all.map((d) => d.code),
    errors: all.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`),
  };
}

/** Codes whose example needs a host the core does not have. */
const HOST_ONLY = new Set(['simulation-time-limit']);

const emitted = new Set(emittedCodes());
for (const [code, body] of sectionsByCode(read(DIAGNOSTICS))) {
  if (!emitted.has(code) || HOST_ONLY.has(code)) continue;
  test(`the example of ${code} reports it, and its fix does not`, () => {
    const blocks = codeBlocks(body).filter((b) => b.lang === 'threads');
    assert.equal(blocks.length, 2, `${code}: an example and a fix`);
    const [example, fix] = blocks.map((b) => b.code);
    assert.ok(codesOf(example, code).codes.includes(code), `the example of ${code} reports it`);
    const fixed = codesOf(fix, code);
    assert.ok(!fixed.codes.includes(code), `the fix of ${code} clears it`);
    assert.deepEqual(fixed.errors, [], `the fix of ${code} has no error`);
  });
}

test('every threads block of the references compiles, apart from the diagnostics examples', () => {
  for (const page of ['docs/reference/language.md', 'docs/reference/cli.md']) {
    for (const b of codeBlocks(read(page)).filter((x) => x.lang === 'threads')) {
      const errors = compile(b.code).diagnostics.filter((d) => d.severity === 'error');
      assert.deepEqual(
        errors.map((d) => d.message),
        [],
        `${page}: ${b.code.split('\n')[0]}`,
      );
    }
  }
});
