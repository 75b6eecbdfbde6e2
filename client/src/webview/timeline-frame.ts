/** What one drawing of the timeline's lanes needs (shared by the drawing modules). */
import type { Palette } from './colours';
import type { Band } from './lane-bands';
import type { RunIndex } from './run-index';
import type { Row } from './timeline-rows';
import type { Viewport } from './viewport';

/** A cause between two lanes: from (lane, instant) to (lane, instant). */
export interface LaneFlow {
  from: string;
  to: string;
  t0: number;
  t1: number;
}

export interface DrawFrame {
  ctx: CanvasRenderingContext2D;
  rows: readonly Row[];
  /** Vertical scroll of the lane area (rows above are skipped). */
  scrollTop: number;
  /** Height of the drawn area in CSS pixels. */
  height: number;
  view: Viewport;
  palette: Palette;
  /** Process name → index, for the strip under CPU bars. */
  processIndex: Map<string, number>;
  /** Instants of deadlocks (a line across every lane). */
  deadlocks: readonly number[];
  index: RunIndex | null;
  /** Bands by lane key. */
  bands: ReadonlyMap<string, readonly Band[]>;
  /** The run's causes, and the row of each lane key. */
  flows: readonly LaneFlow[];
  rowOf: ReadonlyMap<string, Row>;
}
