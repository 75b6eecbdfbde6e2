// `threadscape check` as a user runs it: the built dist/cli.js in a child process.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { scratch, threadscape } from './support';

const { dir, file } = scratch('threadscape-check-');

function check(...files: string[]) {
  return threadscape(['check', ...files]);
}

test('errors of several files, compiler style, sorted by file, line, column and code', () => {
  const b = file('b.threads', 'scenario "b" {\n  cpus 0\n  policy rr\n}\n');
  const a = file('a.threads', 'process p {\n  condvar c\n  thread t { lock c lock nope }\n}\n');
  const r = check(b, a);
  assert.equal(r.code, 1);
  assert.equal(r.err, '');
  assert.deepEqual(r.out.split('\n'), [
    `${a}:3:19: error wrong-kind: 'c' is a condvar, but 'lock' needs a mutex here`,
    `${a}:3:26: error unknown-name: no mutex named 'nope' in process 'p'`,
    `${b}:2:8: error invalid-value: cpus must be from 1 to 256, not 0`,
    `${b}:3:10: error rr-needs-quantum: policy rr gives every kernel thread a time slice: add 'quantum N' to the scenario`,
    '',
  ]);
});

test('columns count UTF-16 units; FILE is printed as given', () => {
  const f = file('emoji.threads', '/* 😀 */ scenario "e" { cpus 300 }\n');
  const r = check(f);
  assert.equal(r.code, 1);
  assert.equal(r.out, `${f}:1:30: error invalid-value: cpus is 300, over the limit of 256 CPUs\n`);
});

test('warnings only: exit 0', () => {
  const f = file('warn.threads', 'process p {\n  thread w { compute 1 }\n  thread t { spawn w }\n}\n');
  const r = check(f);
  assert.equal(r.code, 0);
  assert.match(r.out, /^.*warn\.threads:3:20: warning spawn-not-deferred: thread 'w' is not deferred/);
});

test('a clean file prints nothing and exits 0', () => {
  const r = check(file('ok.threads', 'process p { thread t { compute 1 } }\n'));
  assert.deepEqual([r.code, r.out, r.err], [0, '', '']);
});

test('simulation diagnostics are included for files without text errors', () => {
  const f = file('deadlock.threads', readFileSync('server/test/fixtures/conformance/dining-three.threads', 'utf8'));
  const r = check(f);
  assert.equal(r.code, 1);
  assert.match(r.out, /error deadlock: /);
});

test('a missing file: one line on stderr, nothing on stdout, exit 2', () => {
  const ok = file('fine.threads', 'process p { thread t { compute 1 } }\n');
  const r = check(ok, join(dir, 'missing.threads'));
  assert.equal(r.code, 2);
  assert.equal(r.out, '');
  assert.equal(r.err.trim().split('\n').length, 1);
  assert.match(r.err, /missing\.threads: no such file/);
});

test('no file at all is bad usage', () => {
  const r = check();
  assert.equal(r.code, 2);
  assert.match(r.err, /check needs at least one FILE/);
});
