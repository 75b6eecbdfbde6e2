/**
 * One outcome, one time, said one way (docs/reference/language.md §9): the phrase the status bar, the panel
 * header, the hover and the CLI summary take from `summarizeOutcome`, and the diagnostics that
 * say the same; and a process stall that counts pool LWPs only.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarizeOutcome } from '../../src/simulator/outcome';
import { formatSummary } from '../../src/cli/summary';
import { run } from './helpers';

test('a hang says when the wait began and when the run ended, the same in the summary and the diagnostic', () => {
  const r = run(
    'scenario "h" { cpus 2 }\nprocess p { model one_to_one semaphore s 0 thread a { compute 2 sem_wait s } thread b { compute 9 } }',
  );
  const o = summarizeOutcome(r);
  assert.equal(o.text, 'hang: blocked since t=2, run ended t=9');
  assert.equal(o.tone, 'error');
  const hang = r.diagnostics.find((d) => d.code === 'hang');
  assert.ok(hang?.message.startsWith('hang: blocked since t=2, run ended t=9'), hang?.message);
  assert.match(formatSummary(r).split('\n')[0], /: hang: blocked since t=2, run ended t=9$/);
});

test('a run that completes with warnings says so, in the warning tone', () => {
  const r = run(`scenario "v" { cpus 1 }
process app { model many_to_many lwps 2 mutex m inherit
  thread low priority 1 { lock m compute 4 unlock m }
  thread high priority 10 at 1 { lock m compute 1 unlock m } }
process other { model one_to_one thread medium priority 5 at 2 { compute 10 } }`);
  const o = summarizeOutcome(r);
  assert.equal(r.outcome, 'completed');
  assert.equal(o.tone, 'warning');
  assert.ok(o.warnings > 0);
  assert.equal(o.text, `completed at t=${r.endTime} with ${o.warnings} warning${o.warnings === 1 ? '' : 's'}`);
});

test('a bound thread computing on its own LWP does not hide a stall of the pool: "every pool LWP"', () => {
  const r = run(`scenario "s" { cpus 2 }
process p { model many_to_many lwps 1 sigwaiting off
  thread r { io 8 compute 1 }
  thread w { compute 2 }
  thread b bound { compute 12 } }`);
  const d = r.diagnostics.find((x) => x.code === 'process-stall');
  assert.ok(d, r.diagnostics.map((x) => x.code).join());
  assert.match(d.message, /every pool LWP/);
  assert.doesNotMatch(d.message, /every LWP/);
});
