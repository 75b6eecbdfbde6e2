/**
 * The playback state machine: a pure reducer over the playhead and the step trace of a run's
 * recorded form. No DOM, no clock: the caller feeds elapsed wall-clock milliseconds with `tick`
 * actions, so it is unit-tested in Node and replays the same way everywhere.
 *
 * Modes that show a run step by step (replaying a counterexample, playing the scheduler,
 * predict-then-reveal) drive the same state: `reveal` hides the future after an instant (no
 * action moves the playhead past it, and views draw nothing after it), `selectStep` and
 * `stepBy` walk the recorded events one by one.
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
  /** The instant of each recorded event, in order (the step trace's rows). */
  steps: readonly number[];
  /**
   * The current step: the selected event, else the last event at or before the playhead;
   * -1 before the first.
   */
  step: number;
  /** Nothing after this instant is shown: the end of the run unless a mode hides the future. */
  revealed: number;
}

/** What playback needs of a run. */
export interface PlaybackRun {
  endTime: number;
  /** Distinct event instants, ascending. */
  marks: readonly number[];
  firstProblem: number | null;
  /** The instant of each recorded event, ascending. */
  steps?: readonly number[];
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
  /** Select the event at this index of `steps` (the playhead moves to its instant). */
  | { type: 'selectStep'; index: number }
  /** Select the next (+1) or previous (−1) event. */
  | { type: 'stepBy'; delta: number }
  /** Hide everything after instant `until` (null: show the whole run); the playhead is kept inside. */
  | { type: 'reveal'; until: number | null }
  /** A new run replaced the old one: keep the playhead (clamped), the speed and what is hidden. */
  | { type: 'load'; run: PlaybackRun };

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
export function initialPlayback(run: PlaybackRun, keep?: { time: number; speed: number }): PlaybackState {
  const end = Math.max(0, run.endTime);
  const steps = run.steps ?? [];
  const time = clamp(keep?.time ?? 0, 0, end);
  return {
    time,
    endTime: end,
    playing: false,
    speed: keep ? nearestSpeed(keep.speed) : defaultSpeed(end),
    marks: run.marks,
    firstProblem: run.firstProblem,
    steps,
    step: firstAfter(steps, time) - 1,
    revealed: end,
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
  const next = reduce(s, a);
  if (next === s) return next;
  // Nothing moves past what is revealed; the current step follows a playhead moved otherwise.
  const time = Math.min(next.time, next.revealed);
  const playing = next.playing && time < next.revealed;
  const step = a.type === 'selectStep' || a.type === 'stepBy' ? next.step : firstAfter(next.steps, time) - 1;
  if (time === next.time && playing === next.playing && step === next.step) return next;
  return { ...next, time, playing, step };
}

function reduce(s: PlaybackState, a: PlaybackAction): PlaybackState {
  switch (a.type) {
    case 'play':
      if (s.playing) return s;
      // Playing from the end starts over, as media players do.
      return { ...s, playing: true, time: s.time >= s.revealed ? 0 : s.time };
    case 'pause':
      return s.playing ? { ...s, playing: false } : s;
    case 'toggle':
      return reducePlayback(s, { type: s.playing ? 'pause' : 'play' });
    case 'tick': {
      if (!s.playing || !(a.elapsedMs > 0)) return s;
      const time = s.time + (a.elapsedMs / 1000) * s.speed;
      if (time >= s.revealed) return { ...s, time: s.revealed, playing: false };
      return { ...s, time };
    }
    case 'seek': {
      const time = clamp(a.time, 0, s.revealed);
      return time === s.time ? s : { ...s, time };
    }
    case 'nextEvent': {
      const i = firstAfter(s.marks, s.time);
      const time = i < s.marks.length ? Math.min(s.marks[i], s.revealed) : s.revealed;
      return { ...s, time, playing: false };
    }
    case 'prevEvent': {
      const i = firstAtOrAfter(s.marks, s.time) - 1;
      return { ...s, time: i >= 0 ? s.marks[i] : 0, playing: false };
    }
    case 'nudge': {
      const base = a.ticks > 0 ? Math.floor(s.time) : Math.ceil(s.time);
      return { ...s, time: clamp(base + a.ticks, 0, s.revealed), playing: false };
    }
    case 'home':
      return { ...s, time: 0, playing: false };
    case 'end':
      return { ...s, time: s.revealed, playing: false };
    case 'faster':
      return { ...s, speed: stepSpeed(s.speed, 1) };
    case 'slower':
      return { ...s, speed: stepSpeed(s.speed, -1) };
    case 'setSpeed':
      return { ...s, speed: nearestSpeed(a.speed) };
    case 'jumpToProblem':
      // A problem in the hidden future stays hidden.
      return s.firstProblem === null || s.firstProblem > s.revealed
        ? s
        : { ...s, time: clamp(s.firstProblem, 0, s.endTime), playing: false };
    case 'selectStep': {
      if (!Number.isInteger(a.index) || a.index < 0 || a.index >= s.steps.length) return s;
      if (s.steps[a.index] > s.revealed) return s;
      return { ...s, step: a.index, time: s.steps[a.index], playing: false };
    }
    case 'stepBy': {
      const index = clamp(s.step + Math.sign(a.delta), 0, s.steps.length - 1);
      return reduce(s, { type: 'selectStep', index });
    }
    case 'reveal': {
      const revealed = a.until === null ? s.endTime : clamp(a.until, 0, s.endTime);
      return revealed === s.revealed ? s : { ...s, revealed };
    }
    case 'load': {
      const endTime = Math.max(0, a.run.endTime);
      // A mode that hid the future keeps it hidden (within the new run); otherwise all is shown.
      const revealed = s.revealed < s.endTime ? Math.min(s.revealed, endTime) : endTime;
      return {
        ...s,
        endTime,
        marks: a.run.marks,
        firstProblem: a.run.firstProblem,
        steps: a.run.steps ?? [],
        revealed,
        time: clamp(s.time, 0, endTime),
      };
    }
  }
}
