/**
 * Small scenarios for model-checking tests: two or three threads, a few locks, a condvar and a
 * semaphore, short bodies, narrow ranges, every model. Small enough that plain exhaustive
 * search (every schedule from the start) finishes.
 */
import { Mulberry32 } from '../../src/simulator/rng';

function pick<T>(g: Mulberry32, xs: readonly T[]): T {
  return xs[Math.floor(g.next() * xs.length)];
}

function stmt(g: Mulberry32, model: string): string {
  switch (
    pick(g, [
      'compute',
      'compute',
      'locks',
      'lock1',
      'hold',
      'signal',
      'wait',
      'sem',
      'yield',
      'io',
      'sleep',
      'stack',
    ] as const)
  ) {
    case 'hold':
      return `lock a compute ${g.range(1, 3)} unlock a`;
    case 'stack':
      return g.next() < 0.3 ? 'stack_use 12k' : 'stack_use 1k';
    case 'compute':
      return g.next() < 0.5 ? `compute ${g.range(0, 1)}..${g.range(1, 2)}` : `compute ${g.range(1, 2)}`;
    case 'locks': {
      const [a, b] = g.next() < 0.5 ? ['a', 'b'] : ['b', 'a'];
      return `lock ${a} compute ${g.range(0, 1)}..1 lock ${b} unlock ${b} unlock ${a}`;
    }
    case 'lock1':
      return `lock ${pick(g, ['a', 'b'])} compute 1 unlock ${pick(g, ['a', 'b'])}`;
    case 'signal':
      return 'signal c';
    case 'wait':
      return 'lock a wait c a unlock a';
    case 'sem':
      return g.next() < 0.5 ? 'sem_wait s' : 'sem_post s';
    case 'yield':
      return 'yield';
    case 'io':
      return `io ${g.range(1, 2)}`;
    default:
      return model === 'one_to_one' ? 'compute 1' : `sleep ${g.range(1, 2)}`;
  }
}

/** A small scenario text for `seed`. */
export function smallScenario(seed: number): string {
  const g = new Mulberry32(seed);
  const model = pick(g, ['one_to_one', 'many_to_one', 'many_to_many'] as const);
  const kind = pick(g, ['block', 'spin', 'adaptive'] as const);
  const proto = pick(g, ['', '', 'inherit'] as const);
  const threads: string[] = [];
  const n = g.range(2, 3);
  for (let k = 0; k < n; k++) {
    const body = Array.from({ length: g.range(1, 3) }, () => stmt(g, model)).join(' ');
    threads.push(`  thread t${k} priority ${g.range(0, 2)}${g.next() < 0.3 ? ` at ${g.range(0, 2)}` : ''} { ${body} }`);
  }
  if (g.next() < 0.35) {
    // The shape of a priority inversion: a low owner, a high waiter, a medium that computes.
    threads.length = 0;
    threads.push(`  thread lo priority 0 { lock a compute ${g.range(1, 2)}..3 unlock a }`);
    threads.push(`  thread hi priority 2 at ${g.range(0, 1)} { ${stmt(g, model)} lock a compute 1 unlock a }`);
  }
  // A thread of a priority between the others that only computes: what unbounded inversions need.
  if (g.next() < 0.5) threads.push(`  thread m priority 1 at ${g.range(0, 2)} { compute ${g.range(3, 5)} }`);
  return [
    `scenario "small ${seed}" { cpus ${g.range(1, 2)} horizon 60 policy ${pick(g, ['priority', 'priority', 'fifo'] as const)} }`,
    `process p {`,
    `  model ${model}`,
    model === 'many_to_many' ? `  lwps ${g.range(1, 2)}` : '',
    `  mutex a ${kind} ${proto}`,
    `  mutex b ${kind}`,
    `  condvar c`,
    `  semaphore s ${g.range(0, 1)}`,
    `  redzone ${pick(g, ['on', 'off'] as const)}`,
    ...threads,
    `}`,
  ]
    .filter((l) => l !== '')
    .join('\n');
}
