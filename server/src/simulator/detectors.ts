/**
 * End-of-instant checks (SIGWAITING, process stalls, inversions) and the end of a run: the
 * outcome (docs/reference/language.md §9, first that holds: fault, deadlock, hang, budget, horizon,
 * completed), `endTime`, and the diagnostics that need the whole run (hang, horizon, event
 * budget, starvation, process stall, silent overflows).
 */
import type { World } from './world';
import type { ProcRt, ThreadRt } from './entities';
import type { Diagnostic } from '../language/diagnostic';
import { checkSigwaiting } from './pool';
import { flushCpu, flushThread, rewindCpu } from './accounting';
import { hangPhrase } from './outcome';
import type { Counters } from './trace';

/** Checks made once an instant reached its fixed point. */
export function endOfInstant(w: World): void {
  for (const proc of w.procs) {
    if (proc.spec.model === 'one_to_one') continue;
    const stalled = checkSigwaiting(w, proc);
    if (stalled && proc.stallSince < 0) {
      proc.stallSince = w.now;
      if (proc.stallFirst < 0) {
        proc.stallFirst = w.now;
        proc.stallThread = proc.lwps.find((l) => !l.bound && l.state === 'blocked')?.thread ?? null;
      }
    } else if (!stalled && proc.stallSince >= 0) {
      proc.stallTicks += w.now - proc.stallSince;
      w.rec?.stall(proc.spec.name, proc.stallSince, w.now);
      proc.stallSince = -1;
    }
  }
  if (w.prioritiesVary) w.inversions.check(w);
}

/**
 * The run ends at its last thread event (docs/reference/language.md §9): what CPUs did after it (an LWP switched
 * in only to park), the counts made since and the events recorded since are not part of it.
 */
function forgetTail(w: World): void {
  for (const cpu of w.cpus) rewindCpu(cpu, w.epoch);
  for (const k in w.tail) w.counters[k as keyof Counters] -= w.tail[k as keyof Counters];
  w.rec?.dropTrailingThreadless();
}

function isAlive(t: ThreadRt): boolean {
  return t.created && t.end === null;
}

/** Ends the run: `end` (nothing can progress), `horizon`, or `budget`. */
export function finishRun(w: World, reason: 'end' | 'horizon' | 'budget'): void {
  w.done = true;
  w.inInstant = false;
  const alive = w.threads.filter(isAlive);
  // Threads due after the horizon: the horizon cut the scenario short too.
  const later = reason === 'horizon' ? w.threads.filter((t) => !t.created && !t.spec.deferred && t.end === null) : [];
  const cut = alive.length + later.length > 0;
  let endTime: number;
  if (reason === 'budget') endTime = w.now;
  else if (reason === 'horizon' && cut) endTime = w.horizon;
  else {
    endTime = Math.min(w.lastEventTime, w.horizon);
    forgetTail(w);
  }
  w.endTime = endTime;
  w.now = endTime;
  for (const th of w.threads) if (th.created) flushThread(th, endTime);
  for (const cpu of w.cpus) flushCpu(cpu, endTime);
  for (const proc of w.procs) {
    if (proc.stallSince >= 0) {
      proc.stallTicks += endTime - proc.stallSince;
      w.rec?.stall(proc.spec.name, proc.stallSince, endTime);
      proc.stallSince = -1;
    }
  }
  w.inversions.finish(endTime);

  const hung = reason === 'end' ? alive.filter((t) => !t.deadlocked) : [];
  if (w.faultFound) w.outcome = 'fault';
  else if (w.deadlockFound) w.outcome = 'deadlock';
  else if (hung.length > 0) w.outcome = 'hang';
  else if (reason === 'budget') w.outcome = 'budget';
  else if (reason === 'horizon' && cut) w.outcome = 'horizon';
  else w.outcome = 'completed';

  const d = w.diags;
  const behindDeadlock = waitsOnDeadlock(hung);
  for (const t of hung) if (!behindDeadlock.has(t)) d.push(hangDiagnostic(t, endTime));
  if (w.outcome === 'horizon') {
    d.push({
      code: 'horizon',
      severity: 'warning',
      message:
        `the horizon was reached at t=${endTime} with ` +
        [
          alive.length > 0 ? `${alive.length} thread${alive.length === 1 ? '' : 's'} still alive: ${names(alive)}` : '',
          later.length > 0
            ? `${later.length} thread${later.length === 1 ? '' : 's'} not created yet: ${names(later)}`
            : '',
        ]
          .filter((x) => x !== '')
          .join('; '),
      range: w.model.range,
      time: endTime,
      relatedInformation: [],
    });
  }
  if (reason === 'budget') {
    const t = w.budgetThread;
    d.push({
      code: 'event-budget',
      severity: 'warning',
      message: `the run stopped at t=${endTime} after its budget of ${w.maxEvents} events${t ? `, with ${t.name} still taking zero-time steps` : ''} (a zero-time loop such as repeat … { yield }, or a scenario too large for the budget: raise --max-events)`,
      range: t?.atStmt?.range ?? w.model.range,
      time: endTime,
      relatedInformation: [],
    });
  }
  const quarter = w.horizon / 4;
  for (const t of w.threads) {
    if (t.longestReady > quarter) {
      d.push({
        code: 'starvation',
        severity: 'warning',
        message: `starvation: ${t.name} was ready but did not run for ${t.longestReady} ticks (t=${t.longestReadyStart} to ${t.longestReadyStart + t.longestReady}), more than a quarter of the horizon (${w.horizon})`,
        range: t.spec.range,
        time: t.longestReadyStart,
        relatedInformation: [],
      });
    }
  }
  for (const proc of w.procs) if (proc.stallTicks > 0) d.push(stallDiagnostic(proc));
  for (const o of w.overflows) {
    if (o.faulted) continue;
    d.push({
      code: 'stack-overflow',
      severity: 'error',
      message: `silent stack overflow at t=${o.time}: ${o.thread.name} touched ${o.stmt.bytes} bytes of its ${o.thread.spec.stack}-byte stack with redzone off; ${o.victim ? `the stack of ${o.victim.name} was corrupted, but it never ran again` : 'no thread was created after it, so nothing faulted'}`,
      range: o.stmt.range,
      time: o.time,
      relatedInformation: [],
    });
  }
  d.push(...w.inversions.diagnostics());
}

function names(ts: ThreadRt[]): string {
  const shown = ts.slice(0, 8).map((t) => t.name);
  return shown.join(', ') + (ts.length > 8 ? `, and ${ts.length - 8} more` : '');
}

/**
 * The hung threads whose chain of waits (mutex owner, unfinished join target) leads to a
 * deadlocked thread: they are not reported again as hangs. Each thread is walked once.
 */
function waitsOnDeadlock(hung: ThreadRt[]): Set<ThreadRt> {
  const known = new Map<ThreadRt, boolean>();
  const out = new Set<ThreadRt>();
  for (const start of hung) {
    const path: ThreadRt[] = [];
    const onPath = new Set<ThreadRt>();
    let cur: ThreadRt | null = start;
    let verdict = false;
    while (cur !== null) {
      const k = known.get(cur);
      if (k !== undefined) {
        verdict = k;
        break;
      }
      if (cur.deadlocked) {
        verdict = true;
        break;
      }
      if (onPath.has(cur)) break;
      onPath.add(cur);
      path.push(cur);
      cur = cur.waitMutex?.owner ?? cur.waitJoin?.find((x) => x.end === null) ?? null;
    }
    for (const t of path) known.set(t, verdict);
    if (verdict) out.add(start);
  }
  return out;
}

function hangDiagnostic(t: ThreadRt, endTime: number): Diagnostic {
  const at = `${hangPhrase(t.waitSince, endTime)}: ${t.name}`;
  let why: string;
  if (t.waitCond)
    why = `waits on condvar ${t.waitCond.spec.name} forever: no thread is left to signal it (a lost wake-up?)`;
  else if (t.waitSem) why = `waits on semaphore ${t.waitSem.spec.name} forever: no thread is left to post it`;
  else if (t.waitJoin) {
    const j = t.waitJoin.filter((x) => x.end === null);
    why = `joins ${j.map((x) => x.name).join(', ')}, which never ${j.length === 1 ? 'exits' : 'exit'}${j.some((x) => !x.created) ? ' (never spawned)' : ''}`;
  } else if (t.waitMutex) {
    const o = t.waitMutex.owner;
    why = `${t.spinning ? 'spins' : 'waits'} for mutex ${t.waitMutex.name} forever: ${o ? `${o.name} holds it and ${o.end ? 'ended without unlocking it' : 'never unlocks it'}` : 'nobody releases it'}`;
  } else if (t.block === 'io' || t.block === 'sleep') why = `never returns from ${t.block}`;
  else why = 'is runnable but never gets to run again';
  return {
    code: 'hang',
    severity: 'error',
    message: `${at} ${why}`,
    range: t.waitRange ?? t.cur?.range ?? t.spec.range,
    time: t.waitSince,
    relatedInformation: [],
    data: { thread: t.name },
  };
}

function stallDiagnostic(proc: ProcRt): Diagnostic {
  const pm = proc.spec;
  const fix =
    pm.model === 'many_to_one'
      ? 'one LWP serves every thread here: use many_to_many or one_to_one'
      : pm.sigwaiting
        ? 'raise concurrency, or make the blocking thread bound'
        : 'turn sigwaiting on, raise concurrency, or make the blocking thread bound';
  const who = proc.stallThread;
  return {
    code: 'process-stall',
    severity: 'warning',
    message: `process stall from t=${proc.stallFirst}: every pool LWP of ${pm.name}${pm.model === 'many_to_one' ? ' (its only LWP)' : ''} was blocked in io${who ? ` (${who.name})` : ''} while threads were runnable, and no pool LWP was on its way: ${proc.stallTicks} tick${proc.stallTicks === 1 ? '' : 's'} lost; fix: ${fix}`,
    range: who?.waitRange ?? pm.range,
    time: proc.stallFirst,
    relatedInformation: [],
  };
}
