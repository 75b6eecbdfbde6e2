/**
 * The recording of a run as CLI.md reports it: `{ events, complete, until }`. Recording stops
 * at its cap (`--max-recorded`) while the run goes on; the summary still covers the whole run.
 */
import type { RunResult } from '../simulator';

export interface Recording {
  /** Events recorded. */
  events: number;
  /** False when the cap stopped the recording before the run ended. */
  complete: boolean;
  /** The instant recording stopped, null when complete. */
  until: number | null;
}

function isRecording(v: unknown): v is Recording {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return (
    typeof r.events === 'number' && typeof r.complete === 'boolean' && (r.until === null || typeof r.until === 'number')
  );
}

/** The run's recording as the simulator reports it, or what the recorded events show. */
export function recordingOf(result: RunResult | null): Recording {
  if (!result) return { events: 0, complete: true, until: null };
  const reported: unknown = (result as { recording?: unknown }).recording;
  if (isRecording(reported)) return reported;
  return { events: result.events?.length ?? 0, complete: true, until: null };
}

/** The summary's line about an incomplete recording, or null. */
export function recordingNote(r: Recording): string | null {
  if (r.complete) return null;
  return (
    `recording stopped at t=${r.until} after ${r.events} events (--max-recorded); ` +
    'the run went on to its end, and the figures above cover all of it'
  );
}
