/**
 * Golden runs over samples/: every sample compiles with no error, and its simulated run
 * matches server/test/fixtures/golden/<sample>.json.
 *
 * The golden files change only on purpose: `UPDATE_GOLDEN=1 node scripts/test.mjs --quick
 * server/test/samples` rewrites them from the current simulator; review the diff before
 * committing. A sample without a golden file fails, it is never created silently.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { compile } from '../../src/language';
import { simulate } from '../../src/simulator';
import { summarise } from './golden-summary';

const root = resolve(__dirname, '../../..');
const samplesDir = join(root, 'samples');
const goldenDir = join(root, 'server/test/fixtures/golden');
const update = process.env.UPDATE_GOLDEN === '1';

const samples = readdirSync(samplesDir)
  .filter((f) => f.endsWith('.threads'))
  .sort();

describe('samples', () => {
  test('there are samples to check', () => {
    assert.ok(samples.length >= 3, `only ${samples.length} samples in ${samplesDir}`);
  });

  for (const sample of samples) {
    const text = readFileSync(join(samplesDir, sample), 'utf8');

    describe(sample, () => {
      test('opens with a comment that says what to watch', () => {
        const lines = text.split('\n');
        const end = lines.findIndex((l) => !l.startsWith('//'));
        const opening = lines.slice(0, end < 0 ? lines.length : end).join('\n');
        assert.ok(opening.length > 0, 'the first line is a comment');
        assert.match(opening, /What to watch/, 'the opening comment says what to watch');
      });

      test('compiles with no error diagnostic', () => {
        const compilation = compile(text);
        const errors = compilation.diagnostics.filter((d) => d.severity === 'error');
        assert.deepEqual(
          errors.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code}: ${d.message}`),
          [],
        );
        assert.ok(compilation.model, 'a model is produced');
      });

      test('runs as pinned in its golden file', () => {
        const { model } = compile(text);
        assert.ok(model);
        const got = summarise(sample, simulate(model, { scenarioName: sample }));
        const file = join(goldenDir, sample.replace(/\.threads$/, '.json'));
        if (update) {
          mkdirSync(goldenDir, { recursive: true });
          writeFileSync(file, `${JSON.stringify(got, null, 2)}\n`);
          return;
        }
        assert.ok(existsSync(file), `no golden file ${file}; create it with UPDATE_GOLDEN=1 and review it`);
        const want: unknown = JSON.parse(readFileSync(file, 'utf8'));
        assert.deepEqual(got, want);
      });

      test('runs the same twice (determinism)', () => {
        const { model } = compile(text);
        assert.ok(model);
        const a = summarise(sample, simulate(model));
        const b = summarise(sample, simulate(model));
        assert.deepEqual(a, b);
      });
    });
  }
});
