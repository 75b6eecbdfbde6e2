/**
 * The unbounded priority inversion detector (docs/reference/language.md §9). After every instant it looks for H
 * waiting for a mutex owned by L, L ready but not running, and a thread M running in L's
 * scheduling domain with a priority strictly between them, as the deciding scheduler sees them:
 * - library level (L waits for an LWP of its pool): the threads' effective priorities, M on an
 *   LWP of the same pool;
 * - kernel level (L's KLT waits for a CPU): H's effective priority against the priorities of
 *   the KLTs of L and M, M on a CPU L's KLT may use. An unbound owner's pool LWP runs at its
 *   process's priority whatever `inherit` or `ceiling` gives it in the library (the visibility
 *   problem), so this is reported even when the mutex has a protocol.
 * The condition holds until the next instant, so intervals are exact.
 */
import type { World, InversionLog } from './world';
import { eligible, type MutexRt, type ThreadRt } from './entities';
import type { InversionInterval } from './trace';
import type { Diagnostic } from '../language/diagnostic';

type Level = 'library' | 'kernel';

interface Active {
  high: ThreadRt;
  low: ThreadRt;
  medium: ThreadRt;
  mutex: MutexRt;
  level: Level;
  start: number;
  /** Priorities as the deciding scheduler saw them when the interval began. */
  hp: number;
  lp: number;
  mp: number;
}

interface Total extends Active {
  ticks: number;
}

export class InversionTracker implements InversionLog {
  private active = new Map<string, Active>();
  readonly totals = new Map<string, Total>();
  readonly intervals: InversionInterval[] = [];

  /** True once an unbounded inversion has been observed in this run. */
  get observed(): boolean {
    return this.active.size > 0 || this.totals.size > 0;
  }

  /** Re-evaluates the condition at the end of an instant. */
  check(w: World): void {
    const now = new Map<string, Active>();
    const list = w.contended;
    for (let i = 0; i < list.length; i++) {
      const m = list[i];
      const low = m.owner;
      if (m.waiters.length === 0 || low === null || low.mstate !== 'ready') continue;
      for (const high of m.waiters) {
        const found = findMedium(w, low, high);
        if (found === null) continue;
        const key = `${high.id}|${m.proc.index}:${m.spec.index}|${found.level}`;
        const prev = this.active.get(key);
        if (prev && prev.low === low) now.set(key, prev);
        else now.set(key, { high, low, mutex: m, start: w.now, ...found });
        if (prev && prev.low !== low) this.close(key, prev, w.now);
      }
    }
    for (const [key, a] of this.active) if (!now.has(key)) this.close(key, a, w.now);
    this.active = now;
  }

  private close(key: string, a: Active, t: number): void {
    if (t <= a.start) return;
    this.intervals.push({
      start: a.start,
      end: t,
      process: a.mutex.proc.spec.name,
      high: a.high.name,
      low: a.low.name,
      medium: a.medium.name,
      mutex: a.mutex.name,
      level: a.level,
    });
    const tot = this.totals.get(key);
    if (tot) tot.ticks += t - a.start;
    else this.totals.set(key, { ...a, ticks: t - a.start });
  }

  save(): unknown {
    return {
      active: new Map(this.active),
      totals: [...this.totals].map(([k, t]) => [k, { ...t }] as const),
      intervals: this.intervals.length,
    };
  }

  load(saved: unknown): void {
    const s = saved as { active: Map<string, Active>; totals: (readonly [string, Total])[]; intervals: number };
    this.active = new Map(s.active);
    this.totals.clear();
    for (const [k, t] of s.totals) this.totals.set(k, { ...t });
    this.intervals.length = s.intervals;
  }

  /** Closes open intervals at the end of the run. */
  finish(t: number): void {
    for (const [key, a] of this.active) this.close(key, a, t);
    this.active.clear();
  }

  /** One warning per (H, mutex, level) on H's `lock`, with L, M, the level and the total ticks. */
  diagnostics(): Diagnostic[] {
    return [...this.totals.values()].map(inversionDiagnostic);
  }
}

function inversionDiagnostic(t: Total): Diagnostic {
  const proto = t.mutex.spec.protocol;
  const unseen = t.level === 'kernel' && !t.low.bound;
  const lowSays =
    t.level === 'library'
      ? `${t.low.name} (priority ${t.lp})`
      : unseen
        ? `${t.low.name}, whose pool LWP the kernel ran at priority ${t.lp} (${t.low.proc.spec.name}'s priority${proto !== 'none' ? `: ${proto} lifts ${t.low.name} in the library only` : ''})`
        : `${t.low.name} (priority ${t.lp})`;
  const midSays =
    t.level === 'library'
      ? `${t.medium.name} (priority ${t.mp}) ran on ${t.low.proc.spec.name}'s LWPs instead`
      : t.medium.bound
        ? `${t.medium.name} (priority ${t.mp}) ran instead`
        : `${t.medium.name} (on a pool LWP the kernel runs at ${t.mp}) ran instead`;
  const fix = unseen ? 'bound' : 'inherit';
  const mutexNote =
    proto === 'none'
      ? `${t.mutex.name} has no priority protocol (${unseen ? `make ${t.low.name} bound and add inherit` : 'add inherit or ceiling'})`
      : `${t.mutex.name} has ${proto}, but the kernel does not see what it gives ${t.low.name}'s pool LWP (make ${t.low.name} bound)`;
  return {
    code: 'priority-inversion',
    severity: 'warning',
    message:
      `priority inversion at the ${t.level} level from t=${t.start}: ${t.high.name} (priority ${t.hp}) waited for ` +
      `${t.mutex.name}, held by ${lowSays}, while ${midSays}: ` +
      `${t.ticks} tick${t.ticks === 1 ? '' : 's'} of unbounded inversion in total`,
    range: t.high.waitRange ?? t.high.spec.range,
    time: t.start,
    relatedInformation: [
      { range: t.mutex.spec.range, message: mutexNote },
      { range: t.medium.spec.range, message: `${t.medium.name} ran while ${t.low.name} was ready` },
    ],
    data: {
      high: t.high.name,
      low: t.low.name,
      medium: t.medium.name,
      mutex: t.mutex.name,
      ticks: t.ticks,
      level: t.level,
      fix,
      owner: t.low.name,
    },
  };
}

function running(t: ThreadRt | null): t is ThreadRt {
  return t !== null && t.mstate === 'running';
}

/** M and the priorities the deciding scheduler compares, or null when L is not inverted. */
function findMedium(
  w: World,
  low: ThreadRt,
  high: ThreadRt,
): { medium: ThreadRt; level: Level; hp: number; lp: number; mp: number } | null {
  const hi = high.effPrio;
  if (!low.bound && low.lwp === null) {
    // Library level: waiting for an LWP of its pool.
    const lo = low.effPrio;
    if (hi <= lo) return null;
    for (const l of low.proc.lwps) {
      const t = l.thread;
      if (!l.bound && l.state === 'cpu' && running(t) && t.effPrio > lo && t.effPrio < hi) {
        return { medium: t, level: 'library', hp: hi, lp: lo, mp: t.effPrio };
      }
    }
    return null;
  }
  // Kernel level: L's KLT waits for a CPU.
  const ll = low.lwp;
  if (ll === null) return null;
  const lk = ll.kp;
  if (hi <= lk) return null;
  for (const cpu of w.cpus) {
    const r = cpu.lwp;
    if (r === null || !eligible(ll, cpu)) continue;
    const t = r.thread;
    if (running(t) && r.kp > lk && r.kp < hi) return { medium: t, level: 'kernel', hp: hi, lp: lk, mp: r.kp };
  }
  return null;
}
