/**
 * Hover on a statement's keyword: what the statement does in the model for the thread that
 * runs it, in the terms of the two-level system: which queue the thread waits in, what happens
 * to its LWP, and what the kernel sees. Built from the lowered Model (so only for a text
 * without errors); the keyword's own one-line explanation is shown otherwise.
 */
import type { FileNode, StmtNode } from '../language/ast';
import type { Model, MutexModel, ProcessModel, SourceRange, Stmt, ThreadSpec } from '../language/model';

/** What a statement's explanation needs: the statement, lowered for the first thread that runs it. */
export interface StatementSite {
  stmt: Stmt;
  thread: ThreadSpec;
  process: ProcessModel;
  /** Every thread that runs this statement (the elements of an array), with its own lowering. */
  runs: { thread: ThreadSpec; stmt: Stmt }[];
  /** `cost lwp_create` of the scenario, and `cost ipi`. */
  lwpCreate: number;
  ipi: number;
}

const ticks = (n: number): string => `${n} tick${n === 1 ? '' : 's'}`;
const duration = (d: { min: number; max: number }): string =>
  d.min === d.max ? ticks(d.min) : `${d.min} to ${d.max} ticks (drawn from the seed)`;
const code = (s: string): string => `\`${s}\``;

/** Whether the thread is multiplexed by the library (not on an LWP of its own). */
function unbound(s: StatementSite): boolean {
  return !s.thread.bound && s.process.model !== 'one_to_one';
}

/** Where the thread runs and what the kernel sees of it. */
function where(s: StatementSite): string {
  // The elements of an array share the statement: `phil[i]` speaks for each of them.
  const t = code(s.runs.length > 1 ? `${s.thread.baseName}[i]` : s.thread.name);
  if (s.process.model === 'many_to_one')
    return `${t} runs on ${code(s.process.name)}'s one LWP; the kernel sees that LWP at the process's priority ${s.process.priority}, not ${t}'s priority ${s.thread.priority}.`;
  if (unbound(s))
    return `${t} is unbound: the library runs it on one of ${code(s.process.name)}'s pool LWPs, which the kernel sees at the process's priority ${s.process.priority}, not at ${t}'s priority ${s.thread.priority} (the visibility problem).`;
  const pin = s.thread.pin !== null ? `, pinned to CPU ${s.thread.pin}` : '';
  return `${t} is bound to an LWP of its own${pin}: the kernel schedules its KLT at ${t}'s priority ${s.thread.priority}.`;
}

/** What happens to the thread's LWP while it sleeps in the library. */
function whileBlocked(s: StatementSite): string {
  if (unbound(s))
    return `its LWP is freed: it takes the head of ${code(s.process.name)}'s run queue, or parks (off CPU) when the queue is empty; the kernel sees an LWP that goes on working or parks`;
  return 'its LWP blocks in the kernel with it (it has no other thread to run); the kernel sees a blocked KLT';
}

/** A mutex's protocol in words: `priority inheritance`, `priority ceiling 10`, `no priority protocol`. */
export function protocolName(m: MutexModel): string {
  return m.protocol === 'inherit'
    ? 'priority inheritance'
    : m.protocol === 'ceiling'
      ? `priority ceiling ${m.ceiling}`
      : 'no priority protocol';
}

function mutexText(m: MutexModel): string {
  return `${code(m.name)} (${m.kind}, ${protocolName(m)})`;
}

/** A per-element list for an array (`phil[0]`: fork[1], …), at most four, when elements differ. */
function perElement(s: StatementSite, name: (st: Stmt) => string): string {
  const names = s.runs.map((r) => `${code(r.thread.name)} ${name(r.stmt)}`);
  if (s.runs.length < 2 || new Set(s.runs.map((r) => name(r.stmt))).size === 1) return '';
  const shown = names.slice(0, 4).join(', ');
  return ` Per element: ${shown}${names.length > 4 ? `, and ${names.length - 4} more` : ''}.`;
}

function lockText(s: StatementSite, m: MutexModel): string {
  const wait =
    m.kind === 'spin'
      ? 'it busy-waits on its CPU (state spinning): the kernel sees a running KLT that does no work'
      : m.kind === 'adaptive'
        ? `it spins on its CPU while the owner's KLT is on a CPU, and otherwise sleeps in the mutex's queue (highest priority first); asleep, ${whileBlocked(s)}`
        : `it sleeps in the mutex's queue (highest priority first, FIFO among equals); ${whileBlocked(s)}`;
  const protocol =
    m.protocol === 'none'
      ? ''
      : unbound(s)
        ? " While it holds the mutex, its protocol raises its priority in the library; its pool LWP stays at the process's priority in the kernel."
        : " While it holds the mutex, its protocol raises its priority, and its KLT's with it.";
  return `Takes ${mutexText(m)}. Free, it is taken at once (no time passes); held by another thread, ${wait}. Not recursive: locking it again deadlocks.${protocol}`;
}

/** The explanation of the statement at `s`, in Markdown. */
export function statementHover(s: StatementSite): string {
  const st = s.stmt;
  const p = s.process;
  const head = `**${st.op}**: ${where(s)}`;
  const body = ((): string => {
    switch (st.op) {
      case 'compute':
        return `Runs on a CPU for ${duration(st.duration)}. The kernel can preempt its KLT for a higher-priority one (the rest continues later)${unbound(s) ? `; in the library, a runnable thread of higher priority can take its LWP` : ''}.`;
      case 'io':
        if (p.model === 'many_to_one')
          return `A blocking system call of ${duration(st.duration)}: the one LWP blocks in the kernel with the thread, so every thread of ${code(p.name)} stops until it returns.`;
        if (unbound(s))
          return `A blocking system call of ${duration(st.duration)}: the thread stays on its pool LWP and that LWP's KLT blocks in the kernel. When every pool LWP is blocked in io while threads wait in the run queue, ${p.sigwaiting ? `the kernel sends SIGWAITING and the library gets one more LWP (ready after ${ticks(s.lwpCreate)})` : 'nothing happens (`sigwaiting off`): the process stalls'}.`;
        return `A blocking system call of ${duration(st.duration)}: its own LWP blocks in the kernel; the other threads go on.`;
      case 'sleep':
        return `A timed wait in the library for ${duration(st.duration)}: ${whileBlocked(s)}. When it ends the thread is runnable again${unbound(s) ? ` in the run queue, and may preempt a lower-priority thread by a signal (${ticks(s.ipi)})` : ''}.`;
      case 'yield':
        return unbound(s)
          ? `The thread goes to the tail of its priority level in ${code(p.name)}'s run queue, and its LWP runs the head: a thread of the same or higher priority, or this one again. The kernel sees nothing.`
          : 'The thread has its LWP to itself, so yielding gives it to no other thread. The kernel sees nothing.';
      case 'lock':
        return (
          lockText(s, p.mutexes[st.mutex]) + perElement(s, (x) => (x.op === 'lock' ? p.mutexes[x.mutex].name : ''))
        );
      case 'unlock':
        return `Releases ${mutexText(p.mutexes[st.mutex])}: the highest-priority waiter (FIFO among equals) gets it and becomes runnable; with no waiter it is free. Unlocking a mutex the thread does not hold is an error.${perElement(s, (x) => (x.op === 'unlock' ? p.mutexes[x.mutex].name : ''))}`;
      case 'wait':
        return `Releases ${code(p.mutexes[st.mutex].name)} and sleeps on condition variable ${code(p.condvars[st.condvar].name)} in one step; ${whileBlocked(s)}. Woken by \`signal\` or \`broadcast\`, it queues for the mutex again before it continues. A signal sent before the wait is lost.`;
      case 'signal':
      case 'broadcast':
        return `Wakes ${st.op === 'signal' ? 'the highest-priority waiter' : 'every waiter'} of ${code(p.condvars[st.condvar].name)}; a woken thread then queues for its mutex. With nobody waiting, nothing happens and nothing is remembered.`;
      case 'sem_wait':
        return `P on ${code(p.semaphores[st.semaphore].name)} (initial count ${p.semaphores[st.semaphore].initial}): takes one unit, or sleeps in its queue until one is posted; asleep, ${whileBlocked(s)}.`;
      case 'sem_post':
        return `V on ${code(p.semaphores[st.semaphore].name)}: hands a unit to the highest-priority waiter, who becomes runnable; with no waiter the count grows by one.`;
      case 'spawn': {
        const t = p.threads[st.threads[0]];
        const lwp =
          t && (t.bound || p.model === 'one_to_one')
            ? `; ${code(t.name)} is bound, so the kernel creates an LWP for it, ready after ${ticks(s.lwpCreate)}`
            : `; it joins ${code(p.name)}'s run queue`;
        return `Creates the deferred thread${st.threads.length > 1 ? 's' : ''} ${st.threads.map((k) => code(p.threads[k].name)).join(', ')}, which costs this thread ${ticks(p.costs.create)} on its CPU (${ticks(p.costs.createCached)} when death row holds a stack to reuse)${lwp}.`;
      }
      case 'join':
        return `Blocks until ${st.threads.map((k) => code(p.threads[k].name)).join(', ')} ${st.threads.length > 1 ? 'have' : 'has'} exited; meanwhile ${whileBlocked(s)}.`;
      case 'exit':
        return `Ends the thread now. It goes on death row, where the reaper frees it every ${ticks(p.reaper)} (keeping ${p.reaperKeep} for reuse by \`spawn\`); ${unbound(s) ? 'its LWP takes the next thread of the run queue, or parks' : 'its LWP goes with it'}.`;
      case 'set_concurrency':
        return `thr_setconcurrency(${st.level}): the library asks the kernel for LWPs until ${code(p.name)}'s pool holds at least ${st.level}, each ready after ${ticks(s.lwpCreate)}.`;
      case 'stack_use': {
        const over = st.bytes > s.thread.stack;
        return `Touches ${st.bytes} bytes of the thread's ${s.thread.stack}-byte stack. ${over ? (p.redzone ? 'That is past its end: it hits the red zone (guard page), a fault that kills the process.' : 'That is past its end, and with `redzone off` it silently corrupts the stack of the thread created next, which faults later, blamed.') : 'It fits.'}`;
      }
      case 'repeat':
        return `Runs its block ${st.count} times; the loop itself takes no time.`;
    }
  })();
  return `${head}\n\n${body}`;
}

const sameRange = (a: SourceRange, b: SourceRange): boolean =>
  a.start.line === b.start.line &&
  a.start.character === b.start.character &&
  a.end.line === b.end.line &&
  a.end.character === b.end.character;

/** The statement whose keyword is at `offset`, in a statement list and its nested blocks. */
function stmtAt(body: StmtNode[], offset: number): StmtNode | null {
  for (const s of body) {
    if (offset < s.start || offset > s.end) continue;
    if (offset >= s.keySpan.start && offset <= s.keySpan.end) return s;
    if (s.body) return stmtAt(s.body, offset);
  }
  return null;
}

/** The lowered statement with `range`, in a lowered body and its nested blocks. */
function loweredAt(body: Stmt[], range: SourceRange): Stmt | null {
  for (const s of body) {
    if (sameRange(s.range, range)) return s;
    if (s.op === 'repeat') {
      const inner = loweredAt(s.body, range);
      if (inner) return inner;
    }
  }
  return null;
}

/** The statement whose keyword is at `offset`, with what its explanation needs; null elsewhere. */
export function statementSiteAt(ast: FileNode, model: Model, offset: number): StatementSite | null {
  const p = ast.processes.find((x) => x.start <= offset && offset <= x.end);
  const t = p?.threads.find((x) => x.start <= offset && offset <= x.end);
  const node = t ? stmtAt(t.body, offset) : null;
  const process = model.processes.find((x) => x.name === p?.name?.name);
  if (!t || !node || !process) return null;
  const runs: StatementSite['runs'] = [];
  for (const spec of process.threads) {
    if (spec.baseName !== t.name.name) continue;
    const stmt = loweredAt(spec.body, node.range);
    if (stmt) runs.push({ thread: spec, stmt });
  }
  if (runs.length === 0) return null;
  return { ...runs[0], process, runs, lwpCreate: model.costs.lwpCreate, ipi: model.costs.ipi };
}
