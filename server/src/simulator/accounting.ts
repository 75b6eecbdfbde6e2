/**
 * Metrics by state: every change of a thread's, CPU's or LWP's state goes through `touch*`,
 * which charges the interval just ended to the right counter (docs/reference/cli.md's definitions) and,
 * when spans are recorded, closes and opens the lane's span (threads, LWPs, mutexes: the CPU
 * lanes are derived from the LWPs', see derive-spans.ts).
 */
import type { World } from './world';
import type { CpuRt, LwpRt, MutexRt, ThreadRt } from './entities';
import type { SpanState, ThreadState } from './trace';
import type { SpanExtra } from './recorder';

/** The state a thread is in now, derived from where it is (docs/reference/cli.md `state`). */
export function deriveState(th: ThreadRt): ThreadState {
  if (th.end !== null) return th.end;
  if (!th.created) return 'not-started';
  if (th.block !== null) return 'blocked';
  const l = th.lwp;
  if (l !== null && l.thread === th && l.state === 'cpu' && l.phase !== 'switch')
    return th.spinning ? 'spinning' : 'running';
  return 'ready';
}

/** Charges [since, t) to the thread's current state. */
export function flushThread(th: ThreadRt, t: number): void {
  const dt = t - th.since;
  if (dt <= 0) return;
  switch (th.mstate) {
    case 'running':
      th.cpuTime += dt;
      break;
    case 'ready':
      th.readyTime += dt;
      if (t - th.readySince > th.longestReady) {
        th.longestReady = t - th.readySince;
        th.longestReadyStart = th.readySince;
      }
      break;
    case 'blocked':
      th.blockedTime += dt;
      break;
    case 'spinning':
      th.spinTime += dt;
      break;
    default:
      break;
  }
  th.since = t;
}

function threadSpanState(th: ThreadRt, s: ThreadState): SpanState | null {
  switch (s) {
    case 'running':
    case 'ready':
    case 'spinning':
      return s;
    case 'blocked':
      return th.block === 'io' ? 'io' : th.block === 'sleep' ? 'sleeping' : 'blocked';
    case 'faulted':
      return 'faulted';
    default:
      return null;
  }
}

/** Why a blocked thread waits, for spans ("mutex bus", "condvar ready", "join t1"). */
export function blockReason(th: ThreadRt): string | undefined {
  if (th.waitMutex) return `mutex ${th.waitMutex.name}`;
  if (th.waitCond) return `condvar ${th.waitCond.spec.name}`;
  if (th.waitSem) return `semaphore ${th.waitSem.spec.name}`;
  if (th.waitJoin) return `join ${th.waitJoin.map((t) => t.name).join(', ')}`;
  return undefined;
}

/**
 * What lifts a thread's effective priority above its own: the ceiling of a mutex it holds, or
 * the waiter it inherits from, followed to the thread whose own priority it is.
 */
export function liftOf(th: ThreadRt): { lift: 'inherit' | 'ceiling'; from: string } | null {
  let cur = th;
  for (let depth = 0; depth < 64 && cur.effPrio > cur.basePrio; depth++) {
    let next: ThreadRt | null = null;
    for (const m of cur.held) {
      if (m.spec.protocol === 'ceiling' && m.spec.ceiling === cur.effPrio)
        return cur === th ? { lift: 'ceiling', from: m.name } : { lift: 'inherit', from: cur.name };
      if (m.spec.protocol === 'inherit') for (const wt of m.waiters) if (wt.effPrio === cur.effPrio) next = wt;
      if (next !== null) break;
    }
    if (next === null) break;
    cur = next;
  }
  return cur === th ? null : { lift: 'inherit', from: cur.name };
}

/** The optional fields of a thread's span: what it waits for, its LWP, its lifted priority. */
function threadExtra(th: ThreadRt, st: SpanState): SpanExtra | undefined {
  const reason = st === 'blocked' || st === 'spinning' ? blockReason(th) : undefined;
  const l = th.lwp;
  const lwp = l !== null && l.thread === th ? l.id : undefined;
  if (th.effPrio === th.basePrio) return reason === undefined && lwp === undefined ? undefined : { reason, lwp };
  const lift = liftOf(th);
  return { reason, lwp, priority: th.effPrio, lift: lift?.lift, from: lift?.from };
}

/** Re-derives a thread's state after any change that may affect it. */
export function touchThread(w: World, th: ThreadRt): void {
  const s = deriveState(th);
  const rec = w.rec;
  if (s === th.mstate && (rec === null || !rec.spans)) return;
  if (s !== th.mstate) {
    flushThread(th, w.now);
    if (s === 'ready' && th.mstate !== 'ready') th.readySince = w.now;
    if ((s === 'running' || s === 'spinning') && th.firstRun === null) th.firstRun = w.now;
    th.mstate = s;
    th.since = w.now;
    w.threadEvent();
  }
  if (rec !== null && rec.spans) {
    const st = threadSpanState(th, s);
    rec.lane(th.spanLane, st, st === null ? undefined : threadExtra(th, st));
  }
}

/** Charges [since, t) to the CPU's current state. */
export function flushCpu(cpu: CpuRt, t: number): void {
  const dt = t - cpu.since;
  if (dt <= 0) return;
  if (cpu.state === 'busy') cpu.busy += dt;
  else if (cpu.state === 'overhead') cpu.overhead += dt;
  else cpu.idle += dt;
  cpu.since = t;
}

function saveCheckpoint(cpu: CpuRt, epoch: number): void {
  const ck = cpu.ck;
  ck.busy = cpu.busy;
  ck.overhead = cpu.overhead;
  ck.idle = cpu.idle;
  ck.since = cpu.since;
  ck.state = cpu.state;
  cpu.ckEpoch = epoch;
}

/** Returns a CPU's accounting to what it was at the last thread event, if it changed since. */
export function rewindCpu(cpu: CpuRt, epoch: number): void {
  if (cpu.ckEpoch !== epoch) return;
  const ck = cpu.ck;
  cpu.busy = ck.busy;
  cpu.overhead = ck.overhead;
  cpu.idle = ck.idle;
  cpu.since = ck.since;
  cpu.state = ck.state;
}

/** Re-derives a CPU's state (idle, busy running or spinning, overhead switching). */
export function touchCpu(w: World, cpu: CpuRt): void {
  const l = cpu.lwp;
  const s = l === null ? 'idle' : l.phase === 'switch' ? 'overhead' : 'busy';
  if (s !== cpu.state) {
    // What a CPU does after the last thread event is not part of the run (docs/reference/language.md §9):
    // its accounting as of that event is kept, for the end of the run to return to.
    if (cpu.ckEpoch !== w.epoch) saveCheckpoint(cpu, w.epoch);
    flushCpu(cpu, w.now);
    cpu.state = s;
  }
}

/**
 * Records an LWP's lane: where it is (on a CPU, switching to it, in the kernel's ready queue,
 * blocked, parked), the thread it carries, its CPU and its KLT's priority. What it shows while
 * on a CPU or blocked (running or spinning; io, sleeping or blocked) is its thread's state,
 * taken from the thread's lane by `deriveSpans`.
 */
export function touchLwp(w: World, l: LwpRt): void {
  const rec = w.rec;
  if (rec === null || !rec.spans) return;
  let st: SpanState | null;
  switch (l.state) {
    case 'cpu':
      st = l.phase === 'switch' ? 'overhead' : 'running';
      break;
    case 'ready':
      st = 'ready';
      break;
    case 'blocked':
      st = 'blocked';
      break;
    case 'parked':
      st = 'parked';
      break;
    default:
      st = null;
  }
  rec.lane(l.spanLane, st, { thread: l.thread?.name, cpu: l.cpu?.id, priority: l.kp });
}

/** Records a mutex's lane: held, with its owner (its waiters come from the threads' lanes). */
export function touchMutex(w: World, m: MutexRt): void {
  const rec = w.rec;
  if (rec === null || !rec.spans) return;
  if (m.owner === null) rec.lane(m.spanLane, null);
  else rec.lane(m.spanLane, 'held', { owner: m.owner.name });
}
