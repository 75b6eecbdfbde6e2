// The rules of docs/reference/cli.md every command keeps: exit statuses, one clear line per misuse and never
// a stack trace, outputs never an input, a closed or full standard output, escaped text.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { openSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { failureLine, UsageError } from '../../src/cli/errors';
import { CLI, scratch, threadscape } from './support';

const { dir, file } = scratch('threadscape-rules-');
const OK = file('ok.threads', 'process p { model one_to_one thread a { compute 3 } }\n');
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

function usage(args: string[], message: RegExp): void {
  const r = threadscape(args);
  assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
  assert.equal(r.out, '');
  assert.match(r.err, message);
  assert.equal(r.err.split('\n').length, 2, `one line: ${r.err}`);
  assert.ok(!/\n\s+at /.test(r.err), 'no stack trace');
}

test('bad usage: one clear line, exit 2', () => {
  usage(['run', OK, '--seed', '-1'], /^threadscape: --seed takes a whole number from 0 to 2147483647, not '-1'$/m);
  usage(['run', OK, '--seed=-1'], /not '-1'/);
  usage(['run', OK, '--horizon', 'x'], /--horizon takes a whole number from 1/);
  usage(['run', OK, '--html', ''], /^threadscape: --html needs a file name, not an empty string$/m);
  usage(['run', OK, '--trace', ''], /--trace needs a file name/);
  usage(['run', OK, '--max-recorded', '-5'], /--max-recorded takes a whole number from 0/);
  usage(['explore', OK, '--time-limit', '0'], /--time-limit takes a whole number from 1/);
  usage(['explore', OK, '--max-memory', 'lots'], /--max-memory takes a whole number/);
  usage(['check', OK, '--events'], /check does not take --events/);
  usage(['explore', OK, '--html', 'x.html'], /explore does not take --html/);
  usage(['run', OK, '--frobnicate'], /Unknown option '--frobnicate'/);
  usage(['launch', OK], /unknown command 'launch'/);
  usage(['run', join(dir, 'missing.threads')], /cannot read .*missing\.threads: no such file/);
  usage(['run', dir], /cannot read .*: is a directory/);
  usage(['run', OK, '--trace', join(dir, 'no-such-folder', 't.json')], /cannot write .*t\.json: no such folder/);
  usage(['run', OK, '--html', dir], /cannot write .*: is a directory/);
});

test('an output is never an input, links resolved, and two outputs are never one file', () => {
  const before = readFileSync(OK, 'utf8');
  usage(['run', OK, '--html', OK], /--html .*ok\.threads is the scenario file: an output never replaces an input/);
  symlinkSync(OK, join(dir, 'link.html'));
  usage(['run', OK, '--html', join(dir, 'link.html')], /is the scenario file/);
  usage(['run', join(dir, '.', 'ok.threads'), '--trace', OK], /--trace .* is the scenario file/);
  const choices = file('choices.json', '{ "version": 2, "choices": [] }');
  usage(['run', OK, '--replay', choices, '--trace', choices], /is the --replay file/);
  const out = join(dir, 'both.out');
  usage(['run', OK, '--trace', out, '--html', out], /--html .* is also --trace/);
  assert.equal(readFileSync(OK, 'utf8'), before, 'the scenario is intact');
});

test('a replay file with a byte order mark is read', () => {
  const choices = file('bom.json', '\ufeff{ "version": 2, "choices": [] }');
  const r = threadscape(['run', OK, '--replay', choices, '--json']);
  assert.equal(r.code, 0, r.err);
  assert.equal(JSON.parse(r.out).outcome, 'completed');
});

test('text from the input is printed with control characters escaped', () => {
  const name = file('e\u001b[2Jvil\u0007.threads', 'process p { thread t { io \u001b]0;x\u0007 } }\n');
  for (const args of [
    ['check', name],
    ['run', name],
    ['explore', name],
  ]) {
    const r = threadscape(args);
    assert.equal(r.code, 1, r.err);
    assert.ok(!CONTROL.test(r.out), `${args[0]} stdout: ${JSON.stringify(r.out)}`);
    assert.ok(!CONTROL.test(r.err), `${args[0]} stderr: ${JSON.stringify(r.err)}`);
    assert.match(r.out, /e\\x1b\[2Jvil\\x07\.threads:1:27: error syntax: .*\\x1b/);
  }
  const title = file('title.threads', 'scenario "a\u001bb" { }\n');
  assert.match(threadscape(['check', title]).out, /found \\x1b/);
});

test('check --json prints the diagnostics of each file as run --json does', () => {
  const bad = file('bad.threads', 'process p { thread a { compute } }\n');
  const r = threadscape(['check', '--json', OK, bad]);
  assert.equal(r.code, 1);
  const json = JSON.parse(r.out);
  assert.deepEqual(
    json.files.map((f: { file: string }) => f.file),
    [OK, bad],
  );
  assert.deepEqual(json.files[0].diagnostics, []);
  const [d] = json.files[1].diagnostics;
  assert.deepEqual(Object.keys(d), ['code', 'severity', 'message', 'range', 'time', 'relatedInformation']);
  assert.equal(d.code, 'syntax');
  const run = JSON.parse(threadscape(['run', bad, '--json']).out);
  assert.deepEqual(json.files[1].diagnostics, run.diagnostics);
});

test('a closed standard output ends the output quietly, with the status of the work', async () => {
  const big = file('big.threads', 'process p { mutex m thread w[200] { repeat 50 { lock m compute 1 unlock m } } }\n');
  const dl = file('dl.threads', 'process p { thread a { join b } thread b { join a } }\n');
  for (const [src, want] of [
    [big, 0],
    [dl, 1],
  ] as const) {
    const child = spawn(process.execPath, [CLI, 'run', src, '--json', '--events'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    // Like `| head -c 1`: read one chunk, then close the pipe.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((res) => child.on('close', (c) => res(c)));
    assert.equal(err, '', 'nothing on stderr');
    assert.equal(code, want);
  }
});

test('a full standard output or output file: one line, exit 2', () => {
  const full = openSync('/dev/full', 'w');
  const r = threadscape(['run', OK, '--json'], { stdio: ['ignore', full, 'pipe'] });
  assert.equal(r.code, 2);
  assert.equal(r.err, 'threadscape: cannot write to standard output: no space left on device\n');
  const t = threadscape(['run', OK, '--json', '--trace', '/dev/full']);
  assert.equal(t.code, 2);
  assert.equal(t.err, 'threadscape: cannot write /dev/full: no space left on device\n');
});

test('a failed write leaves an existing output as it was', () => {
  const out = file('kept.json', 'old');
  writeFileSync(out, 'old');
  const r = threadscape(['run', OK, '--trace', join(out, 'x')]);
  assert.equal(r.code, 2);
  assert.equal(readFileSync(out, 'utf8'), 'old');
});

test('an internal error is one line, exit 3', () => {
  const e = failureLine(new RangeError('Maximum call stack size exceeded\n    at f (x.js:1:1)'));
  assert.deepEqual(e, {
    line: 'threadscape: internal error: RangeError: Maximum call stack size exceeded\n',
    status: 3,
  });
  assert.equal(failureLine(new Error('bad \u001b[2J')).line, 'threadscape: internal error: bad \\x1b[2J\n');
  assert.deepEqual(failureLine(new UsageError('cannot read x')), { line: 'threadscape: cannot read x\n', status: 2 });
});
