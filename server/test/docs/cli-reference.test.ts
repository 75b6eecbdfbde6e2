// The command-line reference's sample output is what the command prints: the `$ threadscape
// check inversion.threads` block of docs/reference/cli.md, run on the example file of the
// `inversion-risk` section of docs/reference/diagnostics.md.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkOne } from '../../src/cli/check';
import { formatDiagnostic } from '../../src/cli/format';
import { codeBlocks, read, sectionsByCode } from './markdown';

const PROMPT = '$ threadscape check ';

test('the sample output of check in the CLI reference is what check prints', () => {
  const sample = codeBlocks(read('docs/reference/cli.md')).find((b) => b.code.startsWith(PROMPT));
  assert.ok(sample, `a block starting with ${PROMPT}`);
  const [command, ...printed] = sample.code.trimEnd().split('\n');
  const file = command.slice(PROMPT.length);
  const section = sectionsByCode(read('docs/reference/diagnostics.md')).get('inversion-risk') ?? '';
  const example = codeBlocks(section).find((b) => b.lang === 'threads');
  assert.ok(example, 'the inversion-risk section has an example');
  const lines = checkOne(file, example.code).diagnostics.map((d) => formatDiagnostic(file, d));
  assert.deepEqual(printed, lines);
});
