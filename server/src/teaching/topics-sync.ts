/**
 * The synchronisation topics: inversion (a high-priority thread waiting for a mutex held by a
 * low one while a medium one runs), deadlock (lock orders that may form a cycle) and
 * adaptive (a waiter spinning while the owner runs, sleeping while it does not).
 */
import type { AskedQuestion, Draft } from './draft';
import type { RunView } from './queries';
import { Draws, scenarioText, spoken, type ThreadText } from './scenario-text';
import { busyInstant, instantIn } from './instants';

/** A timed statement in words: `compute 3` → `computes 3 ticks`, `io 2` → `blocks in io for 2 ticks`. */
function said(stmt: string): string {
  const [op, n] = stmt.split(' ');
  const ticks = `${n} tick${n === '1' ? '' : 's'}`;
  return op === 'io' ? `blocks in io for ${ticks}` : `computes ${ticks}`;
}

export function inversion(draws: Draws): Draft {
  const library = draws.chance(0.4);
  const protocol = draws.pick(['', '', 'inherit', 'ceiling 9']);
  // M arrives while L still holds m (before t=cs), so that it can stand between them.
  const cs = draws.int(4, 7);
  const highAt = draws.int(1, cs - 2);
  const mediumAt = draws.int(highAt, cs - 1);
  const mediumLen = draws.int(5, 15);
  const threads: ThreadText[] = [
    { name: 'L', attrs: 'priority 1', body: ['lock m', `compute ${cs}`, 'unlock m', 'compute 1'] },
    { name: 'H', attrs: `priority 9 at ${highAt}`, body: ['lock m', `compute ${draws.int(1, 3)}`, 'unlock m'] },
    { name: 'M', attrs: `priority 5 at ${mediumAt}`, body: [`compute ${mediumLen}`] },
  ];
  const settings = library ? ['model many_to_many', 'lwps 1', 'sigwaiting off'] : ['model one_to_one'];
  const decl = `mutex m block${protocol ? ` ${protocol}` : ''}`;
  const scenario = scenarioText(
    'Priority inversion',
    ['cpus 1', 'policy priority'],
    [{ name: 'app', settings, decls: [decl], threads }],
  );
  const level = library
    ? 'The three are unbound threads on a single LWP (many_to_many, lwps 1), so the thread library decides who runs, by priority, preempting a lower-priority thread when a higher one becomes runnable.'
    : 'The three are one_to_one threads on one CPU, so the kernel decides who runs, by priority, preempting a lower-priority thread when a higher one becomes ready.';
  const cure =
    protocol === ''
      ? 'The mutex has no protocol.'
      : protocol === 'inherit'
        ? 'The mutex has the inherit protocol: its owner runs at the priority of the highest thread blocked on it.'
        : 'The mutex has the ceiling 9 protocol: its owner runs at priority 9 at least while it holds it.';
  return {
    title: `Priority inversion${protocol ? ` with ${protocol}` : ''} ${library ? 'in the library' : 'in the kernel'}`,
    intro: [
      `L (priority 1) locks m at t=0 and holds it for ${cs} ticks of computing. H (priority 9) arrives at t=${highAt} and locks m; M (priority 5) arrives at t=${mediumAt} and computes for ${mediumLen} ticks. ${level}`,
      cure,
    ],
    scenario,
    ask: (run, d) => {
      const t = busyInstant(run, d);
      return [
        {
          text: `At what tick does H get m (it arrives at t=${highAt})?`,
          query: { kind: 'acquired', thread: 'H', mutex: 'm' },
        },
        { text: 'In which order do the threads finish?', query: { kind: 'completion-order' } },
        {
          text: 'At what tick does each thread finish?',
          query: { kind: 'metric', metric: 'finish', threads: ['L', 'H', 'M'] },
        },
        { text: `Who is on the CPU during tick ${t}?`, query: { kind: 'running-at', cpu: 0, t } },
        {
          text: 'For how many ticks is there an unbounded priority inversion (H waits while M runs and L cannot)?',
          query: { kind: 'inversion-ticks' },
        },
      ];
    },
  };
}

export function deadlock(draws: Draws): Draft {
  const n = draws.int(2, 3);
  const cpus = draws.pick([1, 2, n]);
  const cyclic = draws.chance(0.6);
  const mutexes = ['a', 'b', 'c'].slice(0, n);
  const names = ['T1', 'T2', 'T3'].slice(0, n);
  const threads: ThreadText[] = names.map((name, k) => {
    const pair = [mutexes[k], mutexes[(k + 1) % n]];
    const [first, second] = cyclic || pair[0] < pair[1] ? pair : [pair[1], pair[0]];
    return {
      name,
      attrs: `at ${draws.int(0, 2)}`,
      body: [
        `lock ${first}`,
        `compute ${draws.int(1, 5)}`,
        `lock ${second}`,
        `compute ${draws.int(1, 3)}`,
        `unlock ${second}`,
        `unlock ${first}`,
      ],
    };
  });
  const scenario = scenarioText(
    `Lock orders, ${n} threads`,
    [`cpus ${cpus}`],
    [{ name: 'app', settings: ['model one_to_one'], decls: mutexes.map((m) => `mutex ${m} block`), threads }],
  );
  const orders = threads.map(
    (t) =>
      `${t.name} (at ${t.attrs?.slice(3)}) locks ${t.body[0].slice(5)}, ${said(t.body[1])}, then locks ${t.body[2].slice(5)}`,
  );
  return {
    title: `Deadlock or not, ${n} threads and ${n} mutexes on ${cpus} CPU${cpus > 1 ? 's' : ''}`,
    intro: [
      `${orders.join('; ')}; each then computes and releases both. The mutexes block their waiters. The threads are one_to_one on ${cpus} CPU${cpus > 1 ? 's' : ''}, all of priority 0: the kernel runs them in the order they become ready (declaration order on ties) and preempts none of them.`,
    ],
    scenario,
    ask: (run: RunView, d: Draws): AskedQuestion[] => {
      // Ask about a thread that waits for its second lock, when one does.
      const waiting = names.filter((t) => (run.result.events ?? []).some((e) => e.kind === 'block' && e.thread === t));
      const who = d.pick(waiting.length > 0 ? waiting : names);
      const second = threads[names.indexOf(who)].body[2].slice(5);
      return [
        {
          text: 'Does this run deadlock? If it does, at what tick, and which threads are in the cycle?',
          query: { kind: 'deadlock' },
        },
        {
          text: 'Do the lock orders form a cycle, so that some schedule could deadlock (lock-order-cycle)?',
          query: { kind: 'diagnostic', code: 'lock-order-cycle' },
        },
        {
          text: 'At what tick does each thread finish (never, if it does not)?',
          query: { kind: 'metric', metric: 'finish', threads: names },
        },
        { text: `How long does ${who} wait for ${second}?`, query: { kind: 'mutex-wait', thread: who, mutex: second } },
        { text: 'How does the run end, and when?', query: { kind: 'outcome' } },
      ];
    },
  };
}

export function adaptive(draws: Draws): Draft {
  const cpus = draws.chance(0.2) ? 1 : 2;
  const before = draws.int(2, 6);
  const io = draws.chance(0.5) ? draws.int(3, 8) : 0;
  const after = io > 0 ? draws.int(1, 3) : 0;
  const waiterAt = draws.int(1, before - 1);
  const critical = [`compute ${before}`, ...(io > 0 ? [`io ${io}`, `compute ${after}`] : [])];
  const threads: ThreadText[] = [
    { name: 'holder', body: ['lock m', ...critical, 'unlock m', `compute ${draws.int(1, 4)}`] },
    { name: 'waiter', attrs: `at ${waiterAt}`, body: ['lock m', `compute ${draws.int(1, 3)}`, 'unlock m'] },
  ];
  const scenario = scenarioText(
    'Adaptive mutex',
    [`cpus ${cpus}`],
    [{ name: 'app', settings: ['model one_to_one'], decls: ['mutex m adaptive'], threads }],
  );
  return {
    title: `An adaptive mutex on ${cpus} CPU${cpus > 1 ? 's' : ''}${io > 0 ? ', owner blocking in io' : ''}`,
    intro: [
      `holder locks m at t=0 and, holding it, ${spoken(critical.map(said))}, then unlocks m. waiter arrives at t=${waiterAt} and locks m. Both are one_to_one threads on ${cpus} CPU${cpus > 1 ? 's' : ''}.`,
      'An adaptive mutex makes a waiter spin (busy-wait on its CPU) while the owner is on a CPU, and sleep while it is not, switching from spinning to sleeping when the owner leaves its CPU.',
    ],
    scenario,
    ask: (run, d) => {
      // An instant while the waiter waits for m, when it does.
      const waits = (run.result.spans ?? []).filter(
        (x) =>
          x.lane.kind === 'thread' && x.lane.thread === 'waiter' && (x.state === 'spinning' || x.state === 'blocked'),
      );
      const t = instantIn(waits, run, d);
      return [
        {
          text: 'For how many ticks does waiter spin?',
          query: { kind: 'metric', metric: 'spin', threads: ['waiter'] },
        },
        {
          text: 'For how many ticks does waiter sleep (blocked)?',
          query: { kind: 'metric', metric: 'blocked', threads: ['waiter'] },
        },
        {
          text: 'How long does waiter wait for m, from its lock to getting it?',
          query: { kind: 'mutex-wait', thread: 'waiter', mutex: 'm' },
        },
        {
          text: `During tick ${t}, is waiter running, spinning, ready or sleeping (blocked)?`,
          query: { kind: 'state-at', thread: 'waiter', t },
        },
        {
          text: 'At what tick does each thread finish?',
          query: { kind: 'metric', metric: 'finish', threads: ['holder', 'waiter'] },
        },
      ];
    },
  };
}
