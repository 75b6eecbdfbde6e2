/** `answerQuery` on small runs whose answers can be worked out by hand. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { answerQuery, observe, type Query } from '../../src/teaching';

function ask(text: string, ...queries: Query[]): string[] {
  const run = observe(text);
  return queries.map((q) => answerQuery(q, run).text);
}

describe('answerQuery', () => {
  test('who runs, on which LWP, in which state, at an instant', () => {
    const text = `scenario "s" { cpus 1 cost switch 2 }
process p {
  model one_to_one
  thread a { compute 3 sleep 4 compute 1 }
  thread b at 1 { compute 2 }
}
`;
    // a 0..3; switch 3..5; b 5..7; a wakes at 7: switch 7..9, runs 9..10.
    assert.deepEqual(
      ask(
        text,
        { kind: 'running-at', cpu: 0, t: 0 },
        { kind: 'running-at', cpu: 0, t: 4 },
        { kind: 'running-at', cpu: 0, t: 6 },
        { kind: 'state-at', thread: 'a', t: 5 },
        { kind: 'state-at', thread: 'b', t: 2 },
        { kind: 'lwp-of', thread: 'b', t: 6 },
        { kind: 'lwp-of', thread: 'b', t: 0 },
        { kind: 'cpu-overhead', cpu: 0 },
        { kind: 'completion-order' },
        { kind: 'metric', metric: 'finish', threads: ['a', 'b'] },
        { kind: 'metric', metric: 'waiting', threads: ['b'] },
        { kind: 'average', metric: 'turnaround', threads: ['a', 'b'] },
      ),
      [
        'a',
        'nobody: the CPU is switching',
        'b',
        'sleeping',
        'ready',
        'LWP 2 (running on CPU 0)',
        'none (it is on no LWP)',
        '4 ticks',
        'b, a',
        'a 10, b 7',
        '4',
        '8',
      ],
    );
  });

  test('the pool grows to the concurrency level after cost lwp_create', () => {
    const text = `scenario "s" { cpus 3 cost lwp_create 2 }
process app {
  lwps 1
  concurrency 3
  thread w[3] { compute 4 }
}
`;
    assert.deepEqual(
      ask(
        text,
        { kind: 'lwps-at', process: 'app', t: 0 },
        { kind: 'lwps-at', process: 'app', t: 1 },
        { kind: 'lwps-at', process: 'app', t: 2 },
        { kind: 'counter', counter: 'lwpsCreated' },
        { kind: 'first-event', event: 'upcall' },
      ),
      ['1', '1', '3', '3', 'never'],
    );
  });

  test('waiting for a mutex, getting it, and a deadlock', () => {
    const contended = `scenario "s" { cpus 2 }
process p {
  model one_to_one
  mutex m block
  thread a { lock m compute 5 unlock m }
  thread b at 1 { lock m compute 1 unlock m }
}
`;
    assert.deepEqual(
      ask(
        contended,
        { kind: 'mutex-wait', thread: 'b', mutex: 'm' },
        { kind: 'acquired', thread: 'b', mutex: 'm' },
        { kind: 'mutex-wait', thread: 'a', mutex: 'm' },
        { kind: 'deadlock' },
        { kind: 'outcome' },
      ),
      ['4 ticks (t=1 to t=5)', 't=5', '0 ticks (m is free at t=0)', 'no', 'completed at t=6'],
    );
    const crossed = `process p {
  model one_to_one
  mutex a block
  mutex b block
  thread x { lock a io 2 lock b unlock b unlock a }
  thread y { lock b io 2 lock a unlock a unlock b }
}
`;
    assert.deepEqual(
      ask(
        crossed,
        { kind: 'deadlock' },
        { kind: 'mutex-wait', thread: 'x', mutex: 'b' },
        { kind: 'metric', metric: 'finish', threads: ['x'] },
        { kind: 'average', metric: 'turnaround', threads: ['x', 'y'] },
        { kind: 'diagnostic', code: 'lock-order-cycle' },
      ),
      ['yes, at t=2: x, y', 'it never gets b', 'never', 'undefined (a thread never finishes)', 'yes'],
    );
  });
});
