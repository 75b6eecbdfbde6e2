/**
 * Thread lifecycle (LANGUAGE.md §5.6–§5.7): creation (at `at`, or by `spawn` paying `cost
 * create` / `cost create_cached` with reuse from death row), exit, death row and the reaper,
 * stack use with red zones on (a fault) or off (a misattributed fault), killed processes.
 */
import type { Engine } from './engine';
import type { LwpRt, ProcRt, ThreadRt } from './entities';
import type { StackUseStmt, ThreadRefStmt } from '../language/model';
import { dispatch, makeReady, takeOffCpu, yieldPoint, startSlice } from './kernel';
import { enqueueUlt, poolLwpFree, switchNext } from './library';
import { leaveQueues, targetEnded } from './sync';
import { newLwp } from './setup';
import { touchLwp, touchThread } from './accounting';
import { EV } from './events';

/** Creates a thread now: ready at once (its LWP after `cost lwp_create` when created after 0). */
export function createThread(e: Engine, th: ThreadRt, _bySpawn: boolean): void {
  const proc = th.proc;
  th.created = true;
  th.pendingCreate = false;
  th.arrival = e.now;
  th.since = e.now;
  th.mstate = 'ready';
  th.readySince = e.now;
  e.counters.threadsCreated++;
  e.liveThreads++;
  e.lastEventTime = e.now;
  th.creationIndex = proc.creations.length;
  proc.creations.push(th);
  if (proc.pendingCorruption !== null) {
    th.corruptedBy = proc.pendingCorruption;
    proc.pendingCorruption = null;
  }
  e.rec?.event('create', th, { range: th.spec.range });
  touchThread(e, th);
  if (th.bound) {
    const l = newLwp(e, proc, th);
    const c = e.model.costs.lwpCreate;
    if (e.now === 0 || c === 0) {
      e.counters.lwpsCreated++;
      makeReady(e, l);
    } else {
      e.at(e.now + c, 2, l.ord, EV.lwpReady, l.gid, 0);
    }
    return;
  }
  enqueueUlt(e, th, 'tail', e.causeCpu < 0);
}

/** Ends a thread (exited at its end or `exit`, faulted, or killed with its process). */
export function exitThread(e: Engine, th: ThreadRt, how: 'exited' | 'faulted' | 'killed'): void {
  if (th.end !== null) return;
  const wasCreated = th.created;
  leaveQueues(th);
  th.end = how;
  th.finish = wasCreated ? e.now : null;
  th.cur = null;
  th.spawnQueue = null;
  th.spinning = false;
  th.block = null;
  if (wasCreated) e.liveThreads--;
  e.lastEventTime = e.now;
  const proc = th.proc;
  if (proc.runq.has(th)) proc.runq.remove(th);
  const l = th.lwp;
  if (l !== null) {
    if (th.bound) {
      retireLwp(e, l);
    } else {
      th.lwp = null;
      l.thread = null;
      if (l.state === 'cpu') switchNext(e, l);
      else if (l.state === 'blocked') poolLwpFree(e, l);
    }
  }
  touchThread(e, th);
  if (wasCreated) e.rec?.event(how === 'exited' ? 'exit' : how === 'faulted' ? 'fault' : 'kill', th, { lwp: l });
  if (how === 'exited') {
    proc.deathRow.push(th);
    scheduleReaper(e, proc);
  }
  targetEnded(e, th);
}

function scheduleReaper(e: Engine, proc: ProcRt): void {
  if (proc.reaperScheduled) return;
  proc.reaperScheduled = true;
  const p = proc.spec.reaper;
  e.at((Math.floor(e.now / p) + 1) * p, 3, proc.index, EV.reap, proc.index, 0, false);
}

/** The reaper's period: frees all but `keep` threads of death row. */
export function reap(e: Engine, proc: ProcRt): void {
  proc.reaperScheduled = false;
  const n = proc.deathRow.length - proc.spec.reaperKeep;
  if (n <= 0) return;
  proc.deathRow.splice(0, n);
  e.counters.threadsReaped += n;
  e.rec?.event('reap', null, { process: proc.spec.name, detail: `${n} thread${n === 1 ? '' : 's'} freed` });
}

/** `spawn T`: creates the deferred targets that have not started, one after the other. */
export function spawn(e: Engine, th: ThreadRt, l: LwpRt, s: ThreadRefStmt): boolean {
  const targets = s.threads
    .map((i) => th.proc.threads[i])
    .filter((t) => !t.created && !t.pendingCreate && t.end === null);
  if (targets.length === 0) return false;
  for (const t of targets) t.pendingCreate = true;
  th.spawnQueue = targets;
  th.cur = s;
  th.rem = 0;
  return continueSpawn(e, th, l);
}

/** Pays the creation cost of the next target (from death row when a stack can be reused). */
export function continueSpawn(e: Engine, th: ThreadRt, l: LwpRt): boolean {
  const q = th.spawnQueue;
  while (q !== null && q.length > 0) {
    if (th.rem <= 0) {
      const proc = th.proc;
      let cost = proc.spec.costs.create;
      if (proc.deathRow.length > 0) {
        const old = proc.deathRow.shift() as ThreadRt;
        cost = proc.spec.costs.createCached;
        e.counters.threadsReused++;
        e.rec?.event('reuse', q[0], { detail: `stack of ${old.name} reused` });
      }
      if (cost === 0) {
        createThread(e, q.shift() as ThreadRt, true);
        continue;
      }
      th.rem = cost;
    }
    if (yieldPoint(e, l)) return true;
    startSlice(e, l);
    return true;
  }
  th.spawnQueue = null;
  th.cur = null;
  return false;
}

/** The creation cost of the current target is paid: the target exists now. */
export function spawnCostDone(e: Engine, th: ThreadRt): void {
  const q = th.spawnQueue;
  th.rem = 0;
  if (q === null || q.length === 0) return;
  const saved = e.causeCpu;
  e.causeCpu = th.lwp?.cpu?.id ?? -1;
  createThread(e, q.shift() as ThreadRt, true);
  e.causeCpu = saved;
}

/** `stack_use S`: within the stack nothing happens; past it, a fault or a silent corruption. */
export function stackUse(e: Engine, th: ThreadRt, s: StackUseStmt): boolean {
  if (s.bytes <= th.spec.stack) return false;
  const proc = th.proc;
  if (proc.spec.redzone) {
    e.diags.push({
      code: 'stack-overflow',
      severity: 'error',
      message: `stack overflow at t=${e.now}: ${th.name} touched ${s.bytes} bytes of its ${th.spec.stack}-byte stack and hit the red zone; process ${proc.spec.name} is killed`,
      range: s.range,
      time: e.now,
      relatedInformation: [
        { range: th.spec.range, message: `${th.name} is declared with a ${th.spec.stack}-byte stack` },
      ],
    });
    killProcess(e, proc, th);
    return true;
  }
  const victim = proc.creations[th.creationIndex + 1];
  e.overflows.push({ thread: th, stmt: s, time: e.now, victim: victim ?? null, faulted: false });
  if (victim === undefined) proc.pendingCorruption = th;
  else if (victim.end === null) victim.corruptedBy = th;
  return false;
}

/** A thread whose stack another overflowed faults at its next statement (red zones off). */
export function victimFault(e: Engine, v: ThreadRt): void {
  const culprit = v.corruptedBy as ThreadRt;
  v.corruptedBy = null;
  const o = e.overflows.find((x) => x.thread === culprit && !x.faulted);
  if (o) {
    o.faulted = true;
    o.victim = v;
    e.diags.push({
      code: 'stack-overflow',
      severity: 'error',
      message: `stack overflow at t=${e.now}: ${v.name} faults, but its stack was corrupted at t=${o.time} by ${culprit.name}, which touched ${o.stmt.bytes} bytes of its ${culprit.spec.stack}-byte stack (redzone off: no guard page caught it); process ${v.proc.spec.name} is killed`,
      range: o.stmt.range,
      time: e.now,
      relatedInformation: [{ range: v.spec.range, message: `${v.name} is the victim` }],
    });
  }
  killProcess(e, v.proc, v);
}

/** An LWP leaves for good: out of the kernel's ready queue, off its CPU (which picks the next KLT). */
function retireLwp(e: Engine, l: LwpRt): void {
  if (e.kq.has(l)) e.kq.remove(l);
  const cpu = l.cpu;
  if (cpu !== null) takeOffCpu(e, l);
  l.state = 'gone';
  l.thread = null;
  touchLwp(e, l);
  if (cpu !== null) dispatch(e, cpu);
}

/** A fault kills the process: the faulting thread is `faulted`, every other one `killed`. */
export function killProcess(e: Engine, proc: ProcRt, faulted: ThreadRt): void {
  e.faultFound = true;
  proc.killed = true;
  exitThread(e, faulted, 'faulted');
  for (const t of proc.threads) if (t.end === null && (t.created || !t.spec.deferred)) exitThread(e, t, 'killed');
  for (const l of proc.lwps) {
    if (l.state === 'gone') continue;
    retireLwp(e, l);
  }
  proc.parked = [];
  for (const m of proc.mutexes) m.waiters = [];
}
