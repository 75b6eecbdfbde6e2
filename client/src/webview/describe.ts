/**
 * Words for what the timeline shows: tooltip text for spans and markers, and the short labels
 * drawn inside bars. Pure strings; the DOM puts them in with textContent.
 */
import type { EventKind, InversionInterval, Span, TraceEvent } from '../../../server/src/simulator/trace';
import type { Lane } from './lanes';

/** Name of a marker kind as the legend and tooltips show it. */
export const MARKER_NAMES: Partial<Record<EventKind, string>> = {
  upcall: 'SIGWAITING upcall',
  signal: 'signal',
  ipi: 'IPI (preemption signal)',
  lwp_create: 'LWP created',
  lwp_reclaim: 'LWP reclaimed (aged)',
  reuse: 'thread reused from death row',
  reap: 'death row reaped',
  fault: 'fault',
  deadlock: 'deadlock (and a dashed line across the lanes)',
  kill: 'process killed',
};

/** One-character glyph drawn for a marker kind. */
export const MARKER_GLYPHS: Partial<Record<EventKind, string>> = {
  upcall: 'U',
  signal: 'S',
  ipi: 'I',
  lwp_create: '+',
  lwp_reclaim: '−',
  reuse: 'R',
  reap: 'X',
  fault: '!',
  deadlock: 'D',
  kill: 'K',
};

const interval = (s: { start: number; end: number }): string => `[${s.start}, ${s.end})  ${s.end - s.start} ticks`;

/** Text drawn inside a bar when it is wide enough. */
export function spanLabel(lane: Lane, s: Span): string {
  switch (lane.kind) {
    case 'cpu':
      if (s.state === 'overhead') return s.thread ? `switch → ${s.thread}` : 'switch';
      return s.thread !== undefined ? `${s.thread} · ${s.process ?? ''} LWP ${s.lwp ?? '?'}` : s.state;
    case 'lwp':
      return s.thread ?? s.state;
    case 'thread': {
      const what = (s.state === 'blocked' || s.state === 'spinning') && s.reason ? s.reason : s.state;
      return s.priority !== undefined ? `${what} · pri ${s.priority}` : what;
    }
    case 'mutex': {
      const w = s.waiters ?? [];
      if (w.length) return `${s.owner ?? '?'} ← ${w.join(', ')}`;
      if (s.waiting) return `${s.owner ?? '?'} ← ${s.waiting} waiting`;
      return s.owner ?? 'held';
    }
  }
}

/** "at priority 10, inherited from high" (a thread's lifted priority), or null. */
export function describePriority(s: Span): string | null {
  if (s.priority === undefined) return null;
  if (s.lift === 'ceiling') return `at priority ${s.priority}, the ceiling of ${s.from ?? '?'}`;
  if (s.lift === 'inherit') return `at priority ${s.priority}, inherited from ${s.from ?? '?'}`;
  return `at priority ${s.priority}`;
}

/** Tooltip lines for a span (first line is the heading); `waiters`: a mutex's, when known. */
export function describeSpan(lane: Lane, s: Span, waiters: readonly string[] = []): string[] {
  const where = lane.process ? `${lane.process} · ${lane.label}` : lane.label;
  const lines = [where, `${s.state === 'overhead' ? 'switch overhead' : s.state}  ${interval(s)}`];
  if (s.thread !== undefined && lane.kind !== 'thread')
    lines.push(`thread ${s.process ? `${s.process}/` : ''}${s.thread}`);
  if (s.lwp !== undefined && lane.kind !== 'lwp') lines.push(`LWP ${s.lwp}`);
  if (s.cpu !== undefined && lane.kind !== 'cpu') lines.push(`CPU ${s.cpu}`);
  if (s.reason) lines.push(`waiting for ${s.reason}`);
  if (lane.kind === 'thread') {
    const p = describePriority(s);
    if (p) lines.push(p);
  } else if (lane.kind === 'lwp' && s.priority !== undefined) lines.push(`its KLT runs at priority ${s.priority}`);
  if (s.owner !== undefined) lines.push(`owner ${s.owner}`);
  const ws = waiters.length ? waiters : (s.waiters ?? []);
  if (ws.length) lines.push(`waiters ${ws.join(', ')}`);
  else if (s.waiting) lines.push(`${s.waiting} waiting`);
  return lines;
}

/** Tooltip lines for a marker's event. */
export function describeEvent(e: TraceEvent): string[] {
  const lines = [`${MARKER_NAMES[e.kind] ?? e.kind} at ${e.t}`];
  const who = [e.process, e.thread].filter((x) => x !== null).join('/');
  if (who) lines.push(who);
  if (e.lwp !== null) lines.push(`LWP ${e.lwp}`);
  if (e.cpu !== null) lines.push(`CPU ${e.cpu}`);
  if (e.mutex !== null) lines.push(`mutex ${e.mutex}`);
  if (e.detail) lines.push(e.detail);
  return lines;
}

/** Tooltip lines for an inversion interval. */
export function describeInversion(inv: InversionInterval): string[] {
  return [
    `priority inversion  ${interval(inv)}`,
    `${inv.high} waits for ${inv.mutex}`,
    `held by ${inv.low}, while ${inv.medium} runs`,
  ];
}
