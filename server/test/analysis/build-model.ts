/**
 * Builds Models by hand for the analysis tests, without the language front end. Each statement
 * of a template is a string such as `lock fork[i+1]` and gets its own line (threads of one array
 * share their ranges, as lowering gives them); `line(...)` finds it back.
 */
import {
  DEFAULTS,
  type Model,
  type MutexModel,
  type ProcessModel,
  type SemaphoreModel,
  type SourceRange,
  type Stmt,
  type SyncModel,
  type ThreadSpec,
} from '../../src/language/model';

export type Tpl = string | { repeat: number; body: Tpl[] };

export interface ThreadDecl {
  name: string;
  count?: number;
  priority?: number;
  bound?: boolean;
  pin?: number;
  stack?: number;
  body: Tpl[];
}

export interface ProcessDecl {
  name: string;
  model?: ProcessModel['model'];
  priority?: number;
  lwps?: number;
  concurrency?: number;
  /** `fork[3]`, `bus inherit`, `m ceiling 5` */
  mutexes?: string[];
  condvars?: string[];
  semaphores?: string[];
  threads: ThreadDecl[];
}

let nextLine = 0;
const lines = new Map<string, number[]>();

function rangeAt(line: number, length: number): SourceRange {
  return { start: { line, character: 2 }, end: { line, character: 2 + length } };
}

/** In the model built last, the range of the n-th (0-based) statement or declaration written `text`. */
export function line(text: string, n = 0): SourceRange {
  const l = lines.get(text)?.[n];
  if (l === undefined) throw new Error(`no line "${text}" #${n}`);
  return rangeAt(l, text.length);
}

function place(text: string): SourceRange {
  const l = nextLine++;
  const list = lines.get(text) ?? [];
  list.push(l);
  lines.set(text, list);
  return rangeAt(l, text.length);
}

function expand<T extends SyncModel>(decls: string[] | undefined, make: (base: SyncModel, words: string[]) => T): T[] {
  const out: T[] = [];
  for (const d of decls ?? []) {
    const words = d.split(' ');
    const m = /^(\w+)(?:\[(\d+)\])?$/.exec(words[0]);
    if (!m) throw new Error(`bad declaration ${d}`);
    const range = place(d);
    const n = m[2] === undefined ? null : Number(m[2]);
    for (let k = 0; k < (n ?? 1); k++) {
      const name = n === null ? m[1] : `${m[1]}[${k}]`;
      out.push(make({ index: out.length, name, baseName: m[1], arrayIndex: n === null ? null : k, range }, words));
    }
  }
  return out;
}

function resolver(table: SyncModel[]): (ref: string, i: number) => number {
  return (ref, i) => {
    const m = /^(\w+)(?:\[(i|\d+)(?:([+-])(\d+))?\])?$/.exec(ref);
    if (!m) throw new Error(`bad reference ${ref}`);
    const elems = table.filter((o) => o.baseName === m[1]);
    if (elems.length === 0) throw new Error(`unknown ${ref}`);
    if (m[2] === undefined) return elems[0].index;
    let k = m[2] === 'i' ? i : Number(m[2]);
    if (m[3]) k += (m[3] === '+' ? 1 : -1) * Number(m[4]);
    k = ((k % elems.length) + elems.length) % elems.length;
    return elems[k].index;
  };
}

interface Placed {
  text: string;
  range: SourceRange;
  repeat?: { count: number; body: Placed[] };
}

function placeAll(tpls: Tpl[]): Placed[] {
  return tpls.map((t) => {
    if (typeof t === 'string') return { text: t, range: place(t) };
    const range = place(`repeat ${t.repeat}`);
    return { text: `repeat ${t.repeat}`, range, repeat: { count: t.repeat, body: placeAll(t.body) } };
  });
}

/** A model of the given processes (scenario settings from `scenario`). */
export function buildModel(processes: ProcessDecl[], scenario: Partial<Pick<Model, 'cpus' | 'policy'>> = {}): Model {
  // `line()` looks statements up in the model built last.
  nextLine = 1;
  lines.clear();
  const procs: ProcessModel[] = processes.map((p, pi) => {
    const mutexes = expand<MutexModel>(p.mutexes, (base, w) => ({
      ...base,
      kind: 'adaptive',
      protocol: w.includes('inherit') ? 'inherit' : w.includes('ceiling') ? 'ceiling' : 'none',
      ceiling: w.includes('ceiling') ? Number(w[w.indexOf('ceiling') + 1]) : null,
    }));
    const condvars = expand(p.condvars, (base) => base);
    const semaphores = expand<SemaphoreModel>(p.semaphores, (base, w) => ({ ...base, initial: Number(w[1] ?? 0) }));
    const mx = resolver(mutexes);
    const cv = resolver(condvars);
    const sem = resolver(semaphores);
    const model = p.model ?? 'many_to_many';
    const threads: ThreadSpec[] = [];
    for (const t of p.threads) {
      const range = place(`thread ${t.name}`);
      const placed = placeAll(t.body);
      for (let k = 0; k < (t.count ?? 1); k++) {
        const lower = (ps: Placed[]): Stmt[] =>
          ps.map((s): Stmt => {
            if (s.repeat) return { op: 'repeat', count: s.repeat.count, body: lower(s.repeat.body), range: s.range };
            const [op, a, b] = s.text.split(' ');
            const r = s.range;
            switch (op) {
              case 'lock':
              case 'unlock':
                return { op, mutex: mx(a, k), range: r };
              case 'wait':
                return { op, condvar: cv(a, k), mutex: mx(b, k), range: r };
              case 'signal':
              case 'broadcast':
                return { op, condvar: cv(a, k), range: r };
              case 'sem_wait':
              case 'sem_post':
                return { op, semaphore: sem(a, k), range: r };
              case 'compute':
              case 'io':
              case 'sleep':
                return { op, duration: { min: Number(a), max: Number(a) }, range: r };
              case 'yield':
              case 'exit':
                return { op, range: r };
              case 'stack_use':
                return { op, bytes: Number(a), range: r };
              case 'set_concurrency':
                return { op, level: Number(a), range: r };
              default:
                throw new Error(`unsupported statement ${s.text}`);
            }
          });
        threads.push({
          index: threads.length,
          tid: threads.length + 1,
          name: t.count === undefined ? t.name : `${t.name}[${k}]`,
          baseName: t.name,
          arrayIndex: t.count === undefined ? null : k,
          arrayLength: t.count ?? null,
          priority: t.priority ?? 0,
          bound: model === 'one_to_one' || (t.bound ?? false),
          pin: t.pin ?? null,
          stack: t.stack ?? DEFAULTS.stack,
          at: 0,
          deferred: false,
          range,
          body: lower(placed),
        });
      }
    }
    return {
      index: pi,
      name: p.name,
      range: place(`process ${p.name}`),
      model,
      priority: p.priority ?? 0,
      lwps: model === 'one_to_one' ? 0 : (p.lwps ?? 1),
      concurrency: p.concurrency ?? 0,
      sigwaiting: true,
      redzone: true,
      lwpIdleTimeout: 1000,
      reaper: 100,
      reaperKeep: 0,
      costs: { create: 0, createCached: 0, ultSwitch: 0 },
      mutexes,
      condvars,
      semaphores,
      threads,
    };
  });
  return {
    title: null,
    cpus: scenario.cpus ?? 1,
    horizon: DEFAULTS.horizon,
    seed: 1,
    policy: scenario.policy ?? 'priority',
    quantum: null,
    costs: { switch: 0, switchProcess: 0, ipi: 0, lwpCreate: 0 },
    range: rangeAt(0, 0),
    processes: procs,
  };
}
