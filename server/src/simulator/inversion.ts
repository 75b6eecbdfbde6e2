/**
 * The unbounded priority inversion detector (LANGUAGE.md §9). After every instant it looks
 * for H waiting for a mutex whose owner L has a lower effective priority, L ready but not
 * running, and M of a priority strictly between them running in the same scheduling domain:
 * a CPU L's KLT could use (kernel level), or an LWP of L's pool when L waits for an LWP
 * (library level). The condition holds until the next instant, so intervals are exact.
 */
import type { World } from './world';
import type { MutexRt, ThreadRt } from './entities';
import type { InversionInterval } from './trace';
import type { Diagnostic } from '../language/diagnostic';
import { eligible } from './entities';

interface Active {
  high: ThreadRt;
  low: ThreadRt;
  medium: ThreadRt;
  mutex: MutexRt;
  start: number;
}

interface Total {
  high: ThreadRt;
  low: ThreadRt;
  medium: ThreadRt;
  mutex: MutexRt;
  ticks: number;
  first: number;
}

export class InversionTracker {
  private active = new Map<string, Active>();
  readonly totals = new Map<string, Total>();
  readonly intervals: InversionInterval[] = [];

  /** Re-evaluates the condition at the end of an instant. */
  check(w: World): void {
    const now = new Map<string, Active>();
    const list = w.contended;
    for (let i = 0; i < list.length; i++) {
      const m = list[i];
      const low = m.owner;
      if (m.waiters.length === 0 || low === null || low.mstate !== 'ready') continue;
      for (const high of m.waiters) {
        if (high.effPrio <= low.effPrio) continue;
        const medium = findMedium(w, low, high);
        if (medium === null) continue;
        const key = `${high.id}|${m.proc.index}:${m.spec.index}`;
        const prev = this.active.get(key);
        now.set(key, prev && prev.low === low ? prev : { high, low, medium, mutex: m, start: w.now });
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
    });
    const tot = this.totals.get(key);
    if (tot) tot.ticks += t - a.start;
    else
      this.totals.set(key, {
        high: a.high,
        low: a.low,
        medium: a.medium,
        mutex: a.mutex,
        ticks: t - a.start,
        first: a.start,
      });
  }

  /** Closes open intervals at the end of the run. */
  finish(t: number): void {
    for (const [key, a] of this.active) this.close(key, a, t);
    this.active.clear();
  }

  /** One warning per (H, mutex) on H's `lock`, with L, M and the total ticks. */
  diagnostics(): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const t of this.totals.values()) {
      out.push({
        code: 'priority-inversion',
        severity: 'warning',
        message:
          `priority inversion from t=${t.first}: ${t.high.name} (priority ${t.high.basePrio}) waited for ${t.mutex.name}, ` +
          `held by ${t.low.name} (priority ${t.low.basePrio}), while ${t.medium.name} (priority ${t.medium.effPrio}) ran instead: ` +
          `${t.ticks} tick${t.ticks === 1 ? '' : 's'} of unbounded inversion in total`,
        range: t.high.waitRange ?? t.high.spec.range,
        time: t.first,
        relatedInformation: [
          { range: t.mutex.spec.range, message: `${t.mutex.name} has no priority protocol (add inherit or ceiling)` },
          { range: t.medium.spec.range, message: `${t.medium.name} ran while ${t.low.name} was ready` },
        ],
        data: { high: t.high.name, low: t.low.name, medium: t.medium.name, mutex: t.mutex.name, ticks: t.ticks },
      });
    }
    return out;
  }
}

function running(t: ThreadRt | null): t is ThreadRt {
  return t !== null && t.mstate === 'running';
}

function findMedium(w: World, low: ThreadRt, high: ThreadRt): ThreadRt | null {
  const lo = low.effPrio;
  const hi = high.effPrio;
  if (!low.bound && low.lwp === null) {
    // Library level: waiting for an LWP of its pool.
    for (const l of low.proc.lwps) {
      const t = l.thread;
      if (!l.bound && l.state === 'cpu' && running(t) && t.effPrio > lo && t.effPrio < hi) return t;
    }
    return null;
  }
  const ll = low.lwp;
  if (ll === null) return null;
  for (const cpu of w.cpus) {
    const r = cpu.lwp;
    if (r === null || !eligible(ll, cpu)) continue;
    const t = r.thread;
    if (running(t) && t.effPrio > lo && t.effPrio < hi) return t;
  }
  return null;
}
