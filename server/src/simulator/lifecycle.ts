/**
 * Thread lifecycle (docs/reference/language.md §5.6–§5.7): creation (at `at`, or by `spawn` paying `cost
 * create` / `cost create_cached` with reuse from death row), exit, death row and the reaper,
 * stack use with red zones on (a fault) or off (a misattributed fault), killed processes.
 */
import { FP, type World } from './world';
import { must, type LwpRt, type ProcRt, type ThreadRt } from './entities';
import type { StackUseStmt, ThreadRefStmt } from '../language/model';
import { dispatch, makeReady, takeOffCpu, yieldPoint, startSlice } from './kernel';
import { enqueueUlt, poolLwpFree, switchNext } from './library';
import { newLwp } from './pool';
import { leaveQueues, targetEnded } from './sync';
import { takeAll } from './wait-queue';
import { touchLwp, touchThread } from './accounting';
import { EV } from './event-kinds';

/** Creates a thread now: ready at once (its LWP after `cost lwp_create` when created after 0). */
export function createThread(w: World, th: ThreadRt, _bySpawn: boolean): void {
  w.dependent();
  const proc = th.proc;
  th.created = true;
  th.pendingCreate = false;
  th.arrival = w.now;
  th.since = w.now;
  th.mstate = 'ready';
  th.readySince = w.now;
  w.count('threadsCreated');
  w.liveThreads++;
  w.threadEvent();
  th.creationIndex = proc.creations.length;
  proc.creations.push(th);
  if (proc.pendingCorruption !== null) {
    th.corruptedBy = proc.pendingCorruption;
    proc.pendingCorruption = null;
  }
  w.rec?.event('create', th, { range: th.spec.range });
  touchThread(w, th);
  if (th.bound) {
    const l = newLwp(w, proc, th);
    const c = w.model.costs.lwpCreate;
    if (w.now === 0 || c === 0) {
      w.count('lwpsCreated');
      makeReady(w, l);
    } else {
      w.at(w.now + c, 2, l.ord, EV.lwpReady, l.gid, 0);
    }
    return;
  }
  enqueueUlt(w, th, 'tail', w.causeCpu < 0);
}

/** Ends a thread (exited at its end or `exit`, faulted, or killed with its process). */
export function exitThread(w: World, th: ThreadRt, how: 'exited' | 'faulted' | 'killed'): void {
  if (th.end !== null) return;
  w.dependent();
  w.touched(FP.thread(th.id));
  const wasCreated = th.created;
  leaveQueues(th);
  th.end = how;
  th.finish = wasCreated ? w.now : null;
  th.cur = null;
  th.spawnQueue = null;
  th.spinning = false;
  th.block = null;
  if (wasCreated) w.liveThreads--;
  w.threadEvent();
  const proc = th.proc;
  if (proc.runq.has(th)) proc.runq.remove(th);
  const l = th.lwp;
  // The thread's own event comes first: what its LWP and CPU do next follows from it.
  touchThread(w, th);
  const e = wasCreated
    ? (w.rec?.event(how === 'exited' ? 'exit' : how === 'faulted' ? 'fault' : 'kill', th, { lwp: l }) ?? -1)
    : -1;
  if (l !== null) {
    if (th.bound) {
      retireLwp(w, l);
    } else {
      th.lwp = null;
      l.thread = null;
      if (l.state === 'cpu') switchNext(w, l);
      else if (l.state === 'blocked') poolLwpFree(w, l);
    }
  }
  if (how === 'exited') {
    proc.deathRow.push(th);
    scheduleReaper(w, proc);
  }
  targetEnded(w, th, e);
}

function scheduleReaper(w: World, proc: ProcRt): void {
  if (proc.reaperScheduled) return;
  proc.reaperScheduled = true;
  const p = proc.spec.reaper;
  w.at((Math.floor(w.now / p) + 1) * p, 3, proc.index, EV.reap, proc.index, 0, false);
}

/** The reaper's period: frees all but `keep` threads of death row. */
export function reap(w: World, proc: ProcRt): void {
  proc.reaperScheduled = false;
  const n = proc.deathRow.length - proc.spec.reaperKeep;
  if (n <= 0) return;
  proc.deathRow.splice(0, n);
  w.count('threadsReaped', n);
  w.rec?.event('reap', null, { process: proc.spec.name, detail: `${n} thread${n === 1 ? '' : 's'} freed` });
}

/** `spawn T`: creates the deferred targets that have not started, one after the other. */
export function spawn(w: World, th: ThreadRt, l: LwpRt, s: ThreadRefStmt): boolean {
  w.dependent();
  const targets = s.threads
    .map((i) => th.proc.threads[i])
    .filter((t) => !t.created && !t.pendingCreate && t.end === null);
  if (targets.length === 0) return false;
  for (const t of targets) t.pendingCreate = true;
  th.spawnQueue = targets;
  th.cur = s;
  th.rem = 0;
  return continueSpawn(w, th, l);
}

/** Pays the creation cost of the next target (from death row when a stack can be reused). */
export function continueSpawn(w: World, th: ThreadRt, l: LwpRt): boolean {
  const q = th.spawnQueue;
  while (q !== null && q.length > 0) {
    if (th.rem <= 0) {
      const proc = th.proc;
      let cost = proc.spec.costs.create;
      const old = proc.deathRow.shift();
      if (old !== undefined) {
        cost = proc.spec.costs.createCached;
        w.count('threadsReused');
        w.rec?.event('reuse', q[0], { detail: `stack of ${old.name} reused` });
      }
      if (cost === 0) {
        createThread(w, must(q.shift(), 'a spawn queue is not empty here'), true);
        continue;
      }
      th.rem = cost;
    }
    if (yieldPoint(w, l)) return true;
    startSlice(w, l);
    return true;
  }
  th.spawnQueue = null;
  th.cur = null;
  return false;
}

/** The creation cost of the current target is paid: the target exists now. */
export function spawnCostDone(w: World, th: ThreadRt): void {
  const q = th.spawnQueue;
  th.rem = 0;
  if (q === null || q.length === 0) return;
  const saved = w.causeCpu;
  w.causeCpu = th.lwp?.cpu?.id ?? -1;
  createThread(w, must(q.shift(), 'a spawn queue is not empty here'), true);
  w.causeCpu = saved;
}

/** `stack_use S`: within the stack nothing happens; past it, a fault or a silent corruption. */
export function stackUse(w: World, th: ThreadRt, s: StackUseStmt): boolean {
  if (s.bytes <= th.spec.stack) return false;
  w.dependent();
  const proc = th.proc;
  if (proc.spec.redzone) {
    w.diags.push({
      code: 'stack-overflow',
      severity: 'error',
      message: `stack overflow at t=${w.now}: ${th.name} touched ${s.bytes} bytes of its ${th.spec.stack}-byte stack and hit the red zone; process ${proc.spec.name} is killed`,
      range: s.range,
      time: w.now,
      relatedInformation: [
        { range: th.spec.range, message: `${th.name} is declared with a ${th.spec.stack}-byte stack` },
      ],
    });
    killProcess(w, proc, th);
    return true;
  }
  const victim = proc.creations[th.creationIndex + 1];
  w.overflows.push({ thread: th, stmt: s, time: w.now, victim: victim ?? null, faulted: false });
  if (victim === undefined) proc.pendingCorruption = th;
  else if (victim.end === null) victim.corruptedBy = th;
  return false;
}

/** A thread whose stack another overflowed faults at its next statement (red zones off). */
export function victimFault(w: World, v: ThreadRt): void {
  const culprit = must(v.corruptedBy, 'a victim knows who corrupted its stack');
  v.corruptedBy = null;
  const o = w.overflows.find((x) => x.thread === culprit && !x.faulted);
  if (o) {
    o.faulted = true;
    o.victim = v;
    w.diags.push({
      code: 'stack-overflow',
      severity: 'error',
      message: `stack overflow at t=${w.now}: ${v.name} faults, but its stack was corrupted at t=${o.time} by ${culprit.name}, which touched ${o.stmt.bytes} bytes of its ${culprit.spec.stack}-byte stack (redzone off: no guard page caught it); process ${v.proc.spec.name} is killed`,
      range: o.stmt.range,
      time: w.now,
      relatedInformation: [{ range: v.spec.range, message: `${v.name} is the victim` }],
    });
  }
  killProcess(w, v.proc, v);
}

/** An LWP leaves for good: out of the kernel's ready queue, off its CPU (which picks the next KLT). */
function retireLwp(w: World, l: LwpRt): void {
  if (w.kq.has(l)) w.kq.remove(l);
  const cpu = l.cpu;
  if (cpu !== null) takeOffCpu(w, l);
  l.state = 'gone';
  l.thread = null;
  touchLwp(w, l);
  if (cpu !== null) dispatch(w, cpu);
}

/** A fault kills the process: the faulting thread is `faulted`, every other one `killed`. */
export function killProcess(w: World, proc: ProcRt, faulted: ThreadRt): void {
  w.faultFound = true;
  proc.killed = true;
  exitThread(w, faulted, 'faulted');
  for (const t of proc.threads) if (t.end === null && (t.created || !t.spec.deferred)) exitThread(w, t, 'killed');
  for (const l of proc.lwps) {
    if (l.state === 'gone') continue;
    retireLwp(w, l);
  }
  proc.parked = [];
  for (const m of proc.mutexes) {
    takeAll(m);
    m.spinners = 0;
  }
}
