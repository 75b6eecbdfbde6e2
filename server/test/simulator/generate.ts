/**
 * A generator of small scenarios over every model, policy and statement, for property tests
 * (seeded: a failure replays).
 */
import { Mulberry32 } from '../../src/simulator/rng';

function pick<T>(g: Mulberry32, xs: T[]): T {
  return xs[Math.floor(g.next() * xs.length)];
}

function statement(g: Mulberry32, depth: number, model: string, nThreads: number): string {
  const n = (a: number, b: number) => g.range(a, b);
  const kinds = [
    'compute',
    'compute',
    'io',
    'sleep',
    'yield',
    'lockpair',
    'signal',
    'broadcast',
    'wait',
    'sem',
    'spawn',
    'join',
    'stack',
    'repeat',
    'conc',
  ];
  switch (pick(g, kinds)) {
    case 'compute':
      return g.next() < 0.3 ? `compute ${n(0, 3)}..${n(3, 6)}` : `compute ${n(1, 5)}`;
    case 'io':
      return `io ${n(1, 6)}`;
    case 'sleep':
      return `sleep ${n(1, 6)}`;
    case 'yield':
      return 'yield';
    case 'lockpair': {
      const m = `m[${n(0, 2)}]`;
      return `lock ${m} compute ${n(1, 3)} unlock ${m}`;
    }
    case 'signal':
      return 'signal c';
    case 'broadcast':
      return 'broadcast c';
    case 'wait':
      return 'lock m[0] wait c m[0] unlock m[0]';
    case 'sem':
      return g.next() < 0.5 ? 'sem_wait s' : 'sem_post s';
    case 'spawn':
      return 'spawn d';
    case 'join':
      return g.next() < 0.5 ? 'join d' : `join t[${n(0, nThreads - 1)}]`;
    case 'stack':
      return `stack_use ${pick(g, ['1k', '4k', '12k'])}`;
    case 'repeat':
      return depth < 2
        ? `repeat ${n(0, 3)} { ${statement(g, depth + 1, model, nThreads)} ${statement(g, depth + 1, model, nThreads)} }`
        : 'compute 1';
    default:
      return model === 'many_to_many' ? `set_concurrency ${n(1, 3)}` : 'compute 1';
  }
}

/** A scenario text for `seed`. */
export function generateScenario(seed: number): string {
  const g = new Mulberry32(seed);
  const policy = pick(g, ['priority', 'fifo', 'rr', 'sjf']);
  const lines = [
    `scenario "random ${seed}" {`,
    `  cpus ${g.range(1, 3)}`,
    `  policy ${policy}`,
    policy === 'rr' || g.next() < 0.3 ? `  quantum ${g.range(1, 4)}` : '',
    `  horizon ${g.range(50, 400)}`,
    `  seed ${seed}`,
    `  cost switch ${g.range(0, 2)}`,
    `  cost switch_process ${g.range(0, 3)}`,
    `  cost ipi ${g.range(0, 2)}`,
    `  cost lwp_create ${g.range(0, 3)}`,
    '}',
  ];
  for (let p = 0; p < g.range(1, 2); p++) {
    const model = pick(g, ['one_to_one', 'many_to_one', 'many_to_many']);
    const nThreads = g.range(1, 3);
    lines.push(`process p${p} {`, `  model ${model}`, `  priority ${g.range(0, 3)}`);
    if (model === 'many_to_many')
      lines.push(
        `  lwps ${g.range(1, 3)}`,
        `  concurrency ${g.range(0, 2)}`,
        `  sigwaiting ${pick(g, ['on', 'off'])}`,
        `  lwp_idle_timeout ${g.range(1, 20)}`,
      );
    lines.push(
      `  redzone ${pick(g, ['on', 'off'])}`,
      `  reaper ${g.range(1, 30)} keep ${g.range(0, 1)}`,
      `  cost create ${g.range(0, 3)}`,
      `  cost create_cached ${g.range(0, 1)}`,
      `  cost ult_switch ${g.range(0, 1)}`,
    );
    lines.push(
      `  mutex m[3] ${pick(g, ['block', 'spin', 'adaptive'])} ${pick(g, ['', 'inherit', 'ceiling 5'])}`,
      '  condvar c',
      `  semaphore s ${g.range(0, 2)}`,
    );
    const bound = model === 'many_to_many' && g.next() < 0.3 ? ' bound' : '';
    const pin = model !== 'many_to_one' && bound !== '' && g.next() < 0.3 ? ' pin 0' : '';
    const body = () => Array.from({ length: g.range(1, 5) }, () => statement(g, 0, model, nThreads)).join('\n    ');
    lines.push(
      `  thread t[${nThreads}] priority ${g.range(0, 5)}${bound}${pin} stack 8k at ${g.range(0, 5)} {`,
      `    ${body()}`,
      '  }',
    );
    lines.push(`  thread d[2] deferred priority ${g.range(0, 5)} {`, `    ${body()}`, '  }');
    lines.push('}');
  }
  return lines.filter((l) => l !== '').join('\n') + '\n';
}
