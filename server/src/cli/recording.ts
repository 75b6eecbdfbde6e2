/**
 * The recording of a run as docs/reference/cli.md reports it: `{ events, complete, until }`. Recording stops
 * at its cap (`--max-recorded`) while the run goes on; the summary still covers the whole run.
 */
import type { RecordingInfo, RunResult } from '../simulator';

/** The run's recording as the simulator reports it (nothing recorded: complete, no events). */
export function recordingOf(result: RunResult | null): RecordingInfo {
  return result?.recording ?? { events: result?.events?.length ?? 0, complete: true, until: null };
}

/** The summary's line about an incomplete recording, or null. */
export function recordingNote(r: RecordingInfo): string | null {
  if (r.complete) return null;
  return (
    `recording stopped at t=${r.until} after ${r.events} events (--max-recorded); ` +
    'the run went on to its end, and the figures above cover all of it'
  );
}
