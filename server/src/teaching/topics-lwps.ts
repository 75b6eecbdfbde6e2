/**
 * The two-level topics: sigwaiting (the kernel's upcall when every pool LWP is blocked in a
 * system call) and concurrency (asking the kernel for LWPs, and LWP aging). One
 * many_to_many process of unbound threads, so the library multiplexes them on its pool.
 */
import type { AskedQuestion, Draft } from './draft';
import type { RunView } from './queries';
import { Draws, scenarioText, spoken, type ThreadText } from './scenario-text';
import { instantIn } from './instants';

/** An instant at which `thread` runs on some LWP (any instant of the run if it never runs). */
function instantRunning(run: RunView, draws: Draws, thread: string): number {
  const spans = (run.result.spans ?? []).filter(
    (s) => s.lane.kind === 'lwp' && s.thread === thread && s.state === 'running',
  );
  return instantIn(spans, run, draws);
}

function lwpQuestion(run: RunView, draws: Draws, thread: string): AskedQuestion {
  const t = instantRunning(run, draws, thread);
  return {
    text: `During tick ${t}, which LWP is ${thread} on (LWPs are numbered from 1 in the order they are created)?`,
    query: { kind: 'lwp-of', thread, t },
  };
}

export function sigwaiting(draws: Draws): Draft {
  const cpus = draws.int(1, 2);
  const lwpCost = draws.int(1, 4);
  const on = draws.chance(0.7);
  const readers: ThreadText[] = [];
  const nReaders = draws.int(1, 2);
  for (let k = 1; k <= nReaders; k++) {
    const before = draws.int(0, 2);
    readers.push({
      name: `reader${k}`,
      attrs: `priority ${draws.int(4, 6)}`,
      body: [...(before > 0 ? [`compute ${before}`] : []), `io ${draws.int(8, 20)}`, `compute ${draws.int(1, 3)}`],
    });
  }
  const workers: ThreadText[] = [];
  const nWorkers = draws.int(1, 3);
  for (let k = 1; k <= nWorkers; k++)
    workers.push({ name: `worker${k}`, attrs: `priority ${draws.int(1, 3)}`, body: [`compute ${draws.int(2, 8)}`] });
  const names = workers.map((w) => w.name);
  const scenario = scenarioText(
    'SIGWAITING',
    [`cpus ${cpus}`, `cost lwp_create ${lwpCost}`],
    [
      {
        name: 'app',
        settings: ['model many_to_many', 'lwps 1', `sigwaiting ${on ? 'on' : 'off'}`],
        threads: [...readers, ...workers],
      },
    ],
  );
  return {
    title: `SIGWAITING ${on ? 'on' : 'off'}, ${nReaders} reader${nReaders > 1 ? 's' : ''} and ${nWorkers} worker${nWorkers > 1 ? 's' : ''}`,
    intro: [
      `Process app is many_to_many and starts with one LWP on ${cpus} CPU${cpus > 1 ? 's' : ''}. ${spoken(readers.map((r) => `${r.name} (${r.attrs})`))} ${nReaders > 1 ? 'make' : 'makes'} a blocking system call (io), which blocks the LWP with the thread; ${spoken(workers.map((w) => `${w.name} (${w.attrs})`))} only compute${nWorkers > 1 ? '' : 's'}. The library runs the highest-priority runnable thread on a free LWP (declaration order among equals).`,
      on
        ? `With sigwaiting on, when every pool LWP is blocked in io while threads are runnable, the kernel sends SIGWAITING (an upcall) and the library asks for one more LWP, ready ${lwpCost} tick${lwpCost > 1 ? 's' : ''} later (cost lwp_create).`
        : 'With sigwaiting off, no upcall comes: when every pool LWP is blocked in io, the runnable threads wait for an LWP to come back (a process stall).',
    ],
    scenario,
    ask: (run, d) => [
      {
        text: 'When does the kernel first send SIGWAITING (never, if it does not)?',
        query: { kind: 'first-event', event: 'upcall' },
      },
      { text: 'How many upcalls are sent in all?', query: { kind: 'count-events', event: 'upcall' } },
      { text: `When does each worker first run?`, query: { kind: 'metric', metric: 'firstRun', threads: names } },
      { text: 'When does each worker finish?', query: { kind: 'metric', metric: 'finish', threads: names } },
      {
        text: 'How many LWPs does the process have in all (every LWP that existed)?',
        query: { kind: 'counter', counter: 'lwpsCreated' },
      },
      lwpQuestion(run, d, names[0]),
      on
        ? {
            text: 'At what tick is the first LWP that the process did not start with ready (never, if none is)?',
            // The pool the process starts with is there at t=0; a requested LWP takes cost lwp_create ≥ 1.
            query: { kind: 'first-event', event: 'lwp_create', after: 0 },
          }
        : {
            text: 'Does the process stall (every pool LWP blocked in io while threads are runnable)? From when?',
            query: { kind: 'stall' },
          },
    ],
  };
}

export function concurrency(draws: Draws): Draft {
  const cpus = draws.int(2, 4);
  const lwpCost = draws.int(1, 3);
  const level = draws.int(2, cpus);
  const n = draws.int(level, level + 2);
  // Either the setting at the start, or main's calls: up to the level, later back down to 1 (aging).
  const byCall = draws.chance(0.5);
  const lengths = Array.from({ length: n }, () => draws.int(3, byCall ? 7 : 12));
  const workers: ThreadText[] = lengths.map((len, k) => ({ name: `w${k + 1}`, body: [`compute ${len}`] }));
  const start = draws.int(1, 4);
  const timeout = draws.int(3, 8);
  const main: ThreadText = {
    name: 'main',
    attrs: 'priority 1',
    // A long tail keeps the run alive while the workers' idle LWPs age.
    body: [
      `compute ${start}`,
      `set_concurrency ${level}`,
      `compute ${draws.int(1, 3)}`,
      'set_concurrency 1',
      `compute ${draws.int(15, 25)}`,
    ],
  };
  const settings = ['model many_to_many', 'lwps 1', byCall ? `lwp_idle_timeout ${timeout}` : `concurrency ${level}`];
  const scenario = scenarioText(
    'Concurrency',
    [`cpus ${cpus}`, `cost lwp_create ${lwpCost}`],
    [{ name: 'app', settings, threads: byCall ? [main, ...workers] : workers }],
  );
  const ask = (run: RunView, d: Draws): AskedQuestion[] => {
    const end = run.result.endTime;
    const early = d.int(byCall ? start : 0, Math.min(end, (byCall ? start : 0) + lwpCost + 1));
    const later = d.int(Math.min(early + 1, end), Math.max(early + 1, end));
    const qs: AskedQuestion[] = [
      {
        text: `How many LWPs does the pool hold at t=${early} (after what happens at that instant)?`,
        query: { kind: 'lwps-at', process: 'app', t: early },
      },
      { text: `And at t=${later}?`, query: { kind: 'lwps-at', process: 'app', t: later } },
      {
        text: 'When does each worker finish?',
        query: { kind: 'metric', metric: 'finish', threads: workers.map((w) => w.name) },
      },
      lwpQuestion(run, d, workers[workers.length - 1].name),
      { text: 'How many LWPs exist in all over the run?', query: { kind: 'counter', counter: 'lwpsCreated' } },
    ];
    if (byCall)
      qs.push(
        {
          text: 'How many idle LWPs are given back to the kernel (lwp_reclaim) before the run ends?',
          query: { kind: 'count-events', event: 'lwp_reclaim' },
        },
        {
          text: 'When is the first one given back (never, if none is)?',
          query: { kind: 'first-event', event: 'lwp_reclaim' },
        },
      );
    return qs;
  };
  const ask1 = byCall
    ? `Thread main (priority 1, above the workers) computes ${start} tick${start > 1 ? 's' : ''}, then calls set_concurrency ${level}, computes a little, calls set_concurrency 1, and computes on`
    : `Its setting concurrency ${level} asks at the start`;
  return {
    title: `Concurrency ${level} on ${cpus} CPUs, ${n} workers`,
    intro: [
      `Process app is many_to_many with one LWP at the start, and ${n} unbound workers (priority 0) that only compute. ${ask1}: the library asks the kernel for LWPs until the pool holds the level, each ready ${lwpCost} tick${lwpCost > 1 ? 's' : ''} after it is asked for (cost lwp_create).`,
      byCall
        ? `An LWP with nothing to run parks; one parked for ${timeout} ticks (lwp_idle_timeout) is given back to the kernel while the pool holds more than max(1, concurrency) LWPs.`
        : 'An LWP with nothing to run parks; aging gives parked LWPs back only after 1000 ticks, so not here.',
    ],
    scenario,
    ask,
  };
}
