/**
 * Held-lock dataflow over each thread's body: `unlock-not-held`, `relock`, `held-at-exit`,
 * `wait-without-mutex`, and the acquisitions that feed the lock-order graph.
 *
 * Each statement is visited once per thread: a `repeat` body is walked from the join of its
 * entry state and the state after one pass (see held-state.ts), which covers every pass.
 */
import type { ProcessModel, SourceRange, Stmt, ThreadSpec } from '../language/model';
import { threadFinding, type Finding } from './findings';
import {
  acquire,
  applySummary,
  emptyState,
  joinStates,
  release,
  summarise,
  type HeldState,
  type SummaryCache,
} from './held-state';

/** An acquisition of `to` while `from` may be held: one instance of the lock-order edge from → to. */
export interface EdgeInstance {
  from: number;
  to: number;
  /** Index of the thread in its process. */
  thread: number;
  /** The `lock` (or `wait`, which reacquires) statement. */
  site: SourceRange;
  /** Mutexes other than `to` held on every path at that statement: candidate gate locks. */
  gates: number[];
}

/** What the walk of a process yields. */
export interface HeldLockResult {
  findings: Finding[];
  edges: EdgeInstance[];
}

/** Called for every statement that can run (not after an `exit`). */
export type StmtVisitor = (thread: ThreadSpec, st: Stmt) => void;

/** Walks every thread of a process; `visit` sees each reachable statement once per thread. */
export function analyseHeldLocks(proc: ProcessModel, visit?: StmtVisitor): HeldLockResult {
  const out: HeldLockResult = { findings: [], edges: [] };
  for (const t of proc.threads) {
    const ctx: WalkContext = { proc, summaries: new Map(), thread: t, out, visit };
    const end = walk(t.body, emptyState(), ctx);
    if (end) reportHeldAtEnd(end, ctx);
  }
  return out;
}

interface WalkContext {
  proc: ProcessModel;
  summaries: SummaryCache;
  thread: ThreadSpec;
  out: HeldLockResult;
  visit: StmtVisitor | undefined;
}

function walk(body: Stmt[], start: HeldState | null, ctx: WalkContext): HeldState | null {
  let s = start;
  for (const st of body) {
    if (!s) return null; // dead code after `exit`
    ctx.visit?.(ctx.thread, st);
    s = step(st, s, ctx);
  }
  return s;
}

function mutexName(proc: ProcessModel, m: number): string {
  return proc.mutexes[m]?.name ?? `#${m}`;
}

function step(st: Stmt, s: HeldState, ctx: WalkContext): HeldState | null {
  const who = ctx.thread.name;
  switch (st.op) {
    case 'lock': {
      if (s.may.has(st.mutex)) {
        const sure = s.must.has(st.mutex) ? '' : ' on some pass of a repeat';
        const m = mutexName(ctx.proc, st.mutex);
        ctx.out.findings.push(
          threadFinding(
            'relock',
            'error',
            st.range,
            {
              who,
              one: `locks ${m} while already holding it${sure}`,
              many: `lock ${m} while already holding it${sure}`,
            },
            ': a self-deadlock',
          ),
        );
        // Held afterwards on every path: it was held, or this lock took it.
        s.must.add(st.mutex);
        if (!sure) return s;
        recordEdges(st.mutex, st.range, s, ctx);
        s.may.set(st.mutex, [...(s.may.get(st.mutex) ?? []), st.range]);
        return s;
      }
      recordEdges(st.mutex, st.range, s, ctx);
      acquire(s, st.mutex, st.range);
      return s;
    }
    case 'unlock': {
      if (!s.must.has(st.mutex)) {
        const sure = s.may.has(st.mutex) ? ' on some pass of a repeat' : '';
        const m = mutexName(ctx.proc, st.mutex);
        ctx.out.findings.push(
          threadFinding('unlock-not-held', 'error', st.range, {
            who,
            one: `unlocks ${m}, which it does not hold${sure}`,
            many: `unlock ${m}, which they do not hold${sure}`,
          }),
        );
      }
      release(s, st.mutex);
      return s;
    }
    case 'wait': {
      if (!s.must.has(st.mutex)) {
        const sure = s.may.has(st.mutex) ? ' on some pass of a repeat' : '';
        const cv = ctx.proc.condvars[st.condvar]?.name ?? `#${st.condvar}`;
        const m = mutexName(ctx.proc, st.mutex);
        ctx.out.findings.push(
          threadFinding('wait-without-mutex', 'error', st.range, {
            who,
            one: `waits on ${cv} without holding ${m}${sure}`,
            many: `wait on ${cv} without holding ${m}${sure}`,
          }),
        );
      }
      // The wait releases the mutex and takes it back while the others stay held.
      release(s, st.mutex);
      recordEdges(st.mutex, st.range, s, ctx);
      acquire(s, st.mutex, st.range);
      return s;
    }
    case 'exit': {
      if (s.may.size > 0) {
        const held = [...s.may.keys()]
          .sort((a, b) => a - b)
          .map((m) => mutexName(ctx.proc, m))
          .join(', ');
        const what = `can exit while holding ${held}`;
        const f = threadFinding('held-at-exit', 'warning', st.range, { who, one: what, many: what });
        f.related = heldSites(s, (m) => `${who} takes ${mutexName(ctx.proc, m)} here`);
        ctx.out.findings.push(f);
      }
      return null;
    }
    case 'repeat': {
      const head = st.count >= 2 ? joinStates(s, applySummary(s, summarise(st.body, ctx.summaries))) : s;
      return walk(st.body, head, ctx);
    }
    default:
      return s;
  }
}

function recordEdges(to: number, site: SourceRange, s: HeldState, ctx: WalkContext): void {
  if (s.may.size === 0) return;
  const gates: number[] = [];
  for (const g of s.must) if (g !== to) gates.push(g);
  gates.sort((a, b) => a - b);
  for (const from of s.may.keys()) {
    if (from !== to) ctx.out.edges.push({ from, to, thread: ctx.thread.index, site, gates });
  }
}

function heldSites(s: HeldState, msg: (m: number) => string): { range: SourceRange; message: string }[] {
  const out: { range: SourceRange; message: string }[] = [];
  for (const m of [...s.may.keys()].sort((a, b) => a - b)) {
    for (const r of s.may.get(m) ?? []) out.push({ range: r, message: msg(m) });
  }
  return out;
}

/** At the end of a body: one `held-at-exit` on each statement that took a mutex still held. */
function reportHeldAtEnd(s: HeldState, ctx: WalkContext): void {
  const who = ctx.thread.name;
  for (const m of [...s.may.keys()].sort((a, b) => a - b)) {
    const name = mutexName(ctx.proc, m);
    const sure = s.must.has(m) ? '' : ' on some path';
    for (const site of s.may.get(m) ?? []) {
      ctx.out.findings.push(
        threadFinding('held-at-exit', 'warning', site, {
          who,
          one: `ends still holding ${name}${sure}, taken here`,
          many: `end still holding ${name}${sure}, taken here`,
        }),
      );
    }
  }
}
