/**
 * Lowering: a checked AST (no error diagnostics) to the Model of `model.ts`.
 *
 * Arrays are expanded in declaration order (`fork[0]` … `fork[N-1]`), references become
 * indices into the process's tables, `i`-relative indices are reduced modulo the array length
 * (non-negative), every default of docs/reference/language.md §4 is filled in, and `repeat` stays a loop.
 * The work is linear in the size of the text times the length of the thread arrays (each
 * element gets its own body with its indices resolved; a body that does not use `i` is shared
 * by all the elements of its array).
 */
import type { FileNode, IntLit, ProcessNode, RefNode, SettingNode, StmtNode, ThreadNode } from './ast';
import { modelOf } from './check-settings';
import {
  DEFAULTS,
  type Model,
  type MutexKind,
  type MutexModel,
  type Policy,
  type ProcessModel,
  type SemaphoreModel,
  type SourceRange,
  type Stmt,
  type SyncModel,
  type ThreadSpec,
} from './model';

type Settings = Map<string, SettingNode>;

function settingsOf(list: SettingNode[]): Settings {
  return new Map(list.map((s) => [s.key, s]));
}

function num(s: Settings, key: string, fallback: number): number {
  const v = s.get(key)?.value;
  return v && 'value' in v ? v.value : fallback;
}

function word(s: Settings, key: string): string | undefined {
  const v = s.get(key)?.value;
  return v && 'word' in v ? v.word : undefined;
}

const ORIGIN: SourceRange = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * Lowered processes by syntax node, for `IncrementalCompiler`: a process's lowering depends on
 * its node and its index only, and an unchanged part of the text keeps its nodes.
 */
export type LoweringCache = WeakMap<ProcessNode, ProcessModel>;

/** The Model of a file that checked without errors. */
export function lower(ast: FileNode, cache?: LoweringCache): Model {
  const sc = settingsOf(ast.scenario?.settings ?? []);
  const quantum = sc.get('quantum')?.value;
  return {
    title: ast.scenario ? ast.scenario.title : null,
    cpus: num(sc, 'cpus', DEFAULTS.cpus),
    horizon: num(sc, 'horizon', DEFAULTS.horizon),
    seed: num(sc, 'seed', DEFAULTS.seed),
    policy: (word(sc, 'policy') as Policy | undefined) ?? DEFAULTS.policy,
    quantum: quantum && 'value' in quantum ? quantum.value : null,
    costs: {
      switch: num(sc, 'cost switch', 0),
      switchProcess: num(sc, 'cost switch_process', 0),
      ipi: num(sc, 'cost ipi', 0),
      lwpCreate: num(sc, 'cost lwp_create', 0),
    },
    range: ast.scenario?.titleSpan?.range ?? ast.processes[0]?.name?.range ?? ORIGIN,
    processes: ast.processes.map((p, index) => {
      if (!cache) return lowerProcess(p, index);
      const known = cache.get(p);
      if (known && known.index === index) return known;
      const fresh = lowerProcess(p, index);
      cache.set(p, fresh);
      return fresh;
    }),
  };
}

/** Where the elements of one declared name start in their table, and how many there are. */
interface Slot {
  base: number;
  length: number | null;
}

function expand<T extends SyncModel>(
  decls: { name: { name: string; range: SourceRange }; size: IntLit | null }[],
  make: (common: SyncModel, k: number) => T,
  slots: Map<string, Slot>,
): T[] {
  const out: T[] = [];
  decls.forEach((d, k) => {
    const length = d.size ? d.size.value : null;
    slots.set(d.name.name, { base: out.length, length });
    for (let e = 0; e < (length ?? 1); e++) {
      const name = length === null ? d.name.name : `${d.name.name}[${e}]`;
      out.push(
        make(
          {
            index: out.length,
            name,
            baseName: d.name.name,
            arrayIndex: length === null ? null : e,
            range: d.name.range,
          },
          k,
        ),
      );
    }
  });
  return out;
}

function lowerProcess(p: ProcessNode, index: number): ProcessModel {
  const s = settingsOf(p.settings);
  const model = modelOf(p);
  const m2m = model === 'many_to_many';
  const slots = new Map<string, Slot>();
  const mutexDecls = p.decls.filter((d) => d.kind === 'mutex');
  const mutexes = expand<MutexModel>(
    mutexDecls,
    (c, k) => {
      const d = mutexDecls[k];
      const protocol = d.protocol ? (d.protocol.word as 'inherit' | 'ceiling') : 'none';
      return {
        ...c,
        kind: (d.mutexKind?.word as MutexKind | undefined) ?? DEFAULTS.mutexKind,
        protocol,
        ceiling: d.ceiling?.value ?? null,
      };
    },
    slots,
  );
  const condvars = expand<SyncModel>(
    p.decls.filter((d) => d.kind === 'condvar'),
    (c) => c,
    slots,
  );
  const semDecls = p.decls.filter((d) => d.kind === 'semaphore');
  const semaphores = expand<SemaphoreModel>(
    semDecls,
    (c, k) => ({ ...c, initial: semDecls[k].initial?.value ?? 0 }),
    slots,
  );
  let base = 0;
  for (const t of p.threads) {
    slots.set(t.name.name, { base, length: t.size ? t.size.value : null });
    base += t.size ? t.size.value : 1;
  }
  const threads: ThreadSpec[] = [];
  for (const t of p.threads) lowerThread(t, model === 'one_to_one', slots, threads);
  return {
    index,
    name: p.name?.name ?? '',
    range: p.name?.range ?? p.range,
    model,
    priority: num(s, 'priority', DEFAULTS.processPriority),
    lwps: m2m ? num(s, 'lwps', DEFAULTS.lwps) : model === 'many_to_one' ? 1 : 0,
    concurrency: m2m ? num(s, 'concurrency', DEFAULTS.concurrency) : 0,
    sigwaiting: m2m ? (word(s, 'sigwaiting') ?? 'on') === 'on' : false,
    redzone: (word(s, 'redzone') ?? 'on') === 'on',
    lwpIdleTimeout: num(s, 'lwp_idle_timeout', DEFAULTS.lwpIdleTimeout),
    reaper: num(s, 'reaper', DEFAULTS.reaper),
    reaperKeep: s.get('reaper')?.keep?.value ?? DEFAULTS.reaperKeep,
    costs: {
      create: num(s, 'cost create', 0),
      createCached: num(s, 'cost create_cached', 0),
      ultSwitch: num(s, 'cost ult_switch', 0),
    },
    mutexes,
    condvars,
    semaphores,
    threads,
  };
}

function lowerThread(t: ThreadNode, oneToOne: boolean, slots: Map<string, Slot>, out: ThreadSpec[]): void {
  const attr = (name: string) => t.attrs.find((a) => a.name === name);
  const length = t.size ? t.size.value : null;
  const priority = attr('priority')?.value?.value ?? DEFAULTS.threadPriority;
  const bound = oneToOne || attr('bound') !== undefined;
  const pin = attr('pin')?.value?.value ?? null;
  const stack = attr('stack')?.value?.value ?? DEFAULTS.stack;
  const at = attr('at')?.value?.value ?? DEFAULTS.at;
  const deferred = attr('deferred') !== undefined;
  const shared = usesI(t.body) ? null : lowerBody(t.body, 0, slots);
  for (let e = 0; e < (length ?? 1); e++) {
    const k = out.length;
    out.push({
      index: k,
      tid: k + 1,
      name: length === null ? t.name.name : `${t.name.name}[${e}]`,
      baseName: t.name.name,
      arrayIndex: length === null ? null : e,
      arrayLength: length,
      priority,
      bound,
      pin,
      stack,
      at,
      deferred,
      range: t.name.range,
      body: shared ?? lowerBody(t.body, e, slots),
    });
  }
}

function usesI(body: StmtNode[]): boolean {
  return body.some((s) => s.refs.some((r) => r.index?.kind === 'relative') || (s.body !== null && usesI(s.body)));
}

/** The table index a reference denotes for the thread whose own index is `i`. */
function resolve(r: RefNode, i: number, slots: Map<string, Slot>): number {
  const slot = slots.get(r.name.name)!;
  const idx = r.index;
  if (!idx || slot.length === null) return slot.base;
  if (idx.kind === 'literal') return slot.base + idx.value.value;
  const n = slot.length;
  return slot.base + ((((i + idx.offset) % n) + n) % n);
}

function lowerBody(body: StmtNode[], i: number, slots: Map<string, Slot>): Stmt[] {
  return body.map((s): Stmt => {
    const range = s.range;
    switch (s.op) {
      case 'compute':
      case 'io':
      case 'sleep': {
        const d = s.duration!;
        return { op: s.op, range, duration: { min: d.min.value, max: (d.max ?? d.min).value } };
      }
      case 'yield':
      case 'exit':
        return { op: s.op, range };
      case 'lock':
      case 'unlock':
        return { op: s.op, range, mutex: resolve(s.refs[0], i, slots) };
      case 'wait':
        return { op: 'wait', range, condvar: resolve(s.refs[0], i, slots), mutex: resolve(s.refs[1], i, slots) };
      case 'signal':
      case 'broadcast':
        return { op: s.op, range, condvar: resolve(s.refs[0], i, slots) };
      case 'sem_wait':
      case 'sem_post':
        return { op: s.op, range, semaphore: resolve(s.refs[0], i, slots) };
      case 'spawn':
      case 'join': {
        const r = s.refs[0];
        const slot = slots.get(r.name.name)!;
        const all = !r.index && slot.length !== null;
        return {
          op: s.op,
          range,
          threads: all ? Array.from({ length: slot.length! }, (_, k) => slot.base + k) : [resolve(r, i, slots)],
        };
      }
      case 'set_concurrency':
        return { op: 'set_concurrency', range, level: s.count!.value };
      case 'stack_use':
        return { op: 'stack_use', range, bytes: s.size!.value };
      case 'repeat':
        return { op: 'repeat', range, count: s.count!.value, body: lowerBody(s.body ?? [], i, slots) };
    }
  });
}
