/** Instants worth asking about, drawn from a run of the scenario (the generators' choice, never an answer). */
import type { Span } from '../simulator';
import type { RunView } from './queries';
import type { Draws } from './scenario-text';

/**
 * An instant at which `cpu` runs someone, drawn from the run: inside any span but the first
 * when there are several (the first is rarely a question), else any instant of the run.
 */
export function busyInstant(run: RunView, draws: Draws, cpu = 0): number {
  const spans = (run.result.spans ?? []).filter(
    (s) => s.lane.kind === 'cpu' && s.lane.cpu === cpu && s.state === 'running',
  );
  return instantIn(spans.length > 1 ? spans.slice(1) : spans, run, draws);
}

/** An instant inside one of `spans`, or of the run when there is none. */
export function instantIn(spans: readonly Span[], run: RunView, draws: Draws): number {
  if (spans.length === 0) return draws.int(0, Math.max(0, run.result.endTime - 1));
  const s = draws.pick(spans);
  return draws.int(s.start, s.end - 1);
}
