/**
 * The public conformance cases, run through the built command (`dist/cli.js`) exactly as
 * the public conformance runner (run.mjs, beside the cases) checks them: every key of CASE.expect.json.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { compile } from '../src/language';
import { analyse } from '../src/analysis';
import { distFile } from './support/dist';

const cli = distFile('cli.js');
const dir = join(__dirname, 'fixtures/conformance');

interface Expect {
  outcome?: string;
  endTime?: number;
  threads?: Record<string, Record<string, unknown>>;
  counters?: Record<string, number>;
  cpus?: Record<string, Record<string, number>>;
  present?: string[];
  absent?: string[];
  diagnosticTime?: Record<string, number>;
  messageHas?: Record<string, string[]>;
  checkLines?: Record<string, number[]>;
}

interface Got {
  outcome: string | null;
  endTime: number | null;
  threads: Record<string, unknown>[];
  counters: Record<string, number> | null;
  cpus: Record<string, number>[];
  diagnostics: { code: string; time: number | null; message: string }[];
}

function threadscape(args: string[]): { out: string; code: number } {
  try {
    return { out: execFileSync('node', [cli, ...args], { encoding: 'utf8', timeout: 60000 }), code: 0 };
  } catch (e) {
    const err = e as { stdout?: string; status?: number };
    return { out: err.stdout ?? '', code: err.status ?? -1 };
  }
}

// Codes from static analysis are checked only once analysis reports anything at all.
const STATIC = new Set(['lock-order-cycle', 'inversion-risk']);
const analysisReady = (() => {
  const m = compile(readFileSync(join(dir, 'dining-three.threads'), 'utf8')).model;
  return m !== null && analyse(m).length > 0;
})();

const cases = readdirSync(dir)
  .filter((f) => f.endsWith('.expect.json'))
  .map((f) => f.slice(0, -'.expect.json'.length))
  .sort();

test('the conformance fixtures are there', () => {
  assert.ok(cases.length >= 12, `${cases.length} cases`);
});

for (const name of cases) {
  test(`conformance: ${name}`, () => {
    const want = JSON.parse(readFileSync(join(dir, `${name}.expect.json`), 'utf8')) as Expect;
    const file = join(dir, `${name}.threads`);
    const { out, code } = threadscape(['run', file, '--json']);
    const got = JSON.parse(out) as Got;
    const hasError = got.diagnostics.some((d) => (d as unknown as { severity: string }).severity === 'error');
    assert.equal(code, hasError ? 1 : 0, 'exit status follows the error diagnostics');
    if (want.outcome !== undefined) assert.equal(got.outcome, want.outcome, 'outcome');
    if (want.endTime !== undefined) assert.equal(got.endTime, want.endTime, 'endTime');
    for (const [tname, fields] of Object.entries(want.threads ?? {})) {
      const [proc, bare] = tname.includes('/') ? tname.split('/') : [null, tname];
      const t = got.threads.find((x) => x.name === bare && (proc === null || x.process === proc));
      assert.ok(t, `thread ${tname}`);
      for (const [f, v] of Object.entries(fields)) assert.deepEqual(t[f], v, `thread ${tname}.${f}`);
    }
    for (const [k, v] of Object.entries(want.counters ?? {})) assert.equal(got.counters?.[k], v, `counters.${k}`);
    for (const [id, fields] of Object.entries(want.cpus ?? {})) {
      const cpu = got.cpus.find((x) => String(x.id) === id);
      assert.ok(cpu, `cpu ${id}`);
      for (const [f, v] of Object.entries(fields)) assert.equal(cpu[f], v, `cpu ${id}.${f}`);
    }
    const ofCode = (c: string) => got.diagnostics.filter((d) => d.code === c);
    const checked = (c: string) => analysisReady || !STATIC.has(c);
    for (const c of (want.present ?? []).filter(checked)) assert.ok(ofCode(c).length > 0, `diagnostic ${c} missing`);
    for (const c of (want.absent ?? []).filter(checked))
      assert.equal(ofCode(c).length, 0, `diagnostic ${c} must not be reported`);
    for (const [c, t] of Object.entries(want.diagnosticTime ?? {}))
      assert.ok(
        ofCode(c).some((d) => d.time === t),
        `${c} at ${t}`,
      );
    for (const [c, words] of Object.entries(want.messageHas ?? {})) {
      assert.ok(
        ofCode(c).some((d) => words.every((w) => d.message.includes(w))),
        `${c} naming ${words.join(', ')}: ${ofCode(c)
          .map((d) => d.message)
          .join(' | ')}`,
      );
    }
    if (want.checkLines) {
      const check = threadscape(['check', file]).out;
      for (const [c, lines] of Object.entries(want.checkLines)) {
        const at = check
          .split('\n')
          .map((l) => l.match(/^.*?:(\d+):\d+: \w+ ([\w-]+):/))
          .filter((m): m is RegExpMatchArray => m !== null && m[2] === c)
          .map((m) => Number(m[1]));
        assert.deepEqual(at, lines, `check ${c} lines`);
      }
    }
  });
}
