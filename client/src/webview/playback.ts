/**
 * The playback state machine: a pure reducer over the playhead. No DOM, no clock: the caller
 * feeds elapsed wall-clock milliseconds with `tick` actions, so it is unit-tested in Node and
 * replays the same way everywhere.
 */

/** Speeds offered, in ticks per second. */
export const SPEEDS: readonly number[] = [
  0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000,
];

export interface PlaybackState {
  /** Playhead, in ticks (fractional while playing; events sit on whole ticks). */
  time: number;
  /** The run's end instant. */
  endTime: number;
  playing: boolean;
  /** Ticks per second; one of SPEEDS. */
  speed: number;
  /** Distinct event instants, ascending. */
  marks: readonly number[];
  /** Instant of the first deadlock or inversion, or null. */
  firstProblem: number | null;
}

export type PlaybackAction =
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'toggle' }
  /** Wall-clock time passed while playing. */
  | { type: 'tick'; elapsedMs: number }
  | { type: 'seek'; time: number }
  | { type: 'nextEvent' }
  | { type: 'prevEvent' }
  /** Move by whole ticks (±1 with Shift+arrows). */
  | { type: 'nudge'; ticks: number }
  | { type: 'home' }
  | { type: 'end' }
  | { type: 'faster' }
  | { type: 'slower' }
  | { type: 'setSpeed'; speed: number }
  | { type: 'jumpToProblem' }
  /** A new run replaced the old one: keep the playhead (clamped) and the speed. */
  | { type: 'load'; endTime: number; marks: readonly number[]; firstProblem: number | null };

/** The speed closest to one that plays the whole run in about fifteen seconds. */
export function defaultSpeed(endTime: number): number {
  const wanted = Math.max(endTime, 1) / 15;
  let best = SPEEDS[0];
  for (const s of SPEEDS) if (Math.abs(Math.log(s / wanted)) < Math.abs(Math.log(best / wanted))) best = s;
  return best;
}

/** Nearest entry of SPEEDS to an arbitrary speed (a restored or hand-set one). */
export function nearestSpeed(speed: number): number {
  if (!(speed > 0) || !Number.isFinite(speed)) return SPEEDS[0];
  let best = SPEEDS[0];
  for (const s of SPEEDS) if (Math.abs(Math.log(s / speed)) < Math.abs(Math.log(best / speed))) best = s;
  return best;
}

/** A fresh state for a run; `time` and `speed` carry over a previous playhead when given. */
export function initialPlayback(
  endTime: number,
  marks: readonly number[],
  firstProblem: number | null,
  keep?: { time: number; speed: number },
): PlaybackState {
  const end = Math.max(0, endTime);
  return {
    time: clamp(keep?.time ?? 0, 0, end),
    endTime: end,
    playing: false,
    speed: keep ? nearestSpeed(keep.speed) : defaultSpeed(end),
    marks,
    firstProblem,
  };
}

function clamp(v: number, lo: number, hi: number): number {
  return Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : lo;
}

/** First index i with marks[i] > t (binary search). */
function firstAfter(marks: readonly number[], t: number): number {
  let lo = 0;
  let hi = marks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (marks[mid] > t) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** First index i with marks[i] >= t. */
function firstAtOrAfter(marks: readonly number[], t: number): number {
  let lo = 0;
  let hi = marks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (marks[mid] >= t) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function stepSpeed(speed: number, dir: 1 | -1): number {
  const i = SPEEDS.indexOf(nearestSpeed(speed));
  return SPEEDS[clamp(i + dir, 0, SPEEDS.length - 1)];
}

/** The next state. Returns the same object when nothing changes. */
export function reducePlayback(s: PlaybackState, a: PlaybackAction): PlaybackState {
  switch (a.type) {
    case 'play':
      if (s.playing) return s;
      // Playing from the end starts over, as media players do.
      return { ...s, playing: true, time: s.time >= s.endTime ? 0 : s.time };
    case 'pause':
      return s.playing ? { ...s, playing: false } : s;
    case 'toggle':
      return reducePlayback(s, { type: s.playing ? 'pause' : 'play' });
    case 'tick': {
      if (!s.playing || !(a.elapsedMs > 0)) return s;
      const time = s.time + (a.elapsedMs / 1000) * s.speed;
      if (time >= s.endTime) return { ...s, time: s.endTime, playing: false };
      return { ...s, time };
    }
    case 'seek': {
      const time = clamp(a.time, 0, s.endTime);
      return time === s.time ? s : { ...s, time };
    }
    case 'nextEvent': {
      const i = firstAfter(s.marks, s.time);
      const time = i < s.marks.length ? Math.min(s.marks[i], s.endTime) : s.endTime;
      return { ...s, time, playing: false };
    }
    case 'prevEvent': {
      const i = firstAtOrAfter(s.marks, s.time) - 1;
      return { ...s, time: i >= 0 ? s.marks[i] : 0, playing: false };
    }
    case 'nudge': {
      const base = a.ticks > 0 ? Math.floor(s.time) : Math.ceil(s.time);
      return { ...s, time: clamp(base + a.ticks, 0, s.endTime), playing: false };
    }
    case 'home':
      return { ...s, time: 0, playing: false };
    case 'end':
      return { ...s, time: s.endTime, playing: false };
    case 'faster':
      return { ...s, speed: stepSpeed(s.speed, 1) };
    case 'slower':
      return { ...s, speed: stepSpeed(s.speed, -1) };
    case 'setSpeed':
      return { ...s, speed: nearestSpeed(a.speed) };
    case 'jumpToProblem':
      return s.firstProblem === null ? s : { ...s, time: clamp(s.firstProblem, 0, s.endTime), playing: false };
    case 'load': {
      const endTime = Math.max(0, a.endTime);
      return { ...s, endTime, marks: a.marks, firstProblem: a.firstProblem, time: clamp(s.time, 0, endTime) };
    }
  }
}
