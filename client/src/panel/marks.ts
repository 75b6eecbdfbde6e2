/**
 * The editor's marks of where each thread is, as plain data (no VS Code API: unit-tested in
 * Node): per hue, the statement ranges with the thread's name and state after them.
 */
import type { SourceRange } from '@server/language/model';
import type { ThreadMark } from '../protocol';
import { THREAD_HUES } from '../thread-colours';

/** A mark as the editor shows it. */
export interface MarkDecoration {
  range: SourceRange;
  /** Text after the statement: the thread's name and state. */
  label: string;
  hover: string;
}

/** The decorations of each hue slot, for a list of marks (pure: unit-tested without VS Code). */
export function decorationsByHue(marks: readonly ThreadMark[]): Map<number, MarkDecoration[]> {
  const out = new Map<number, MarkDecoration[]>();
  for (const m of marks) {
    const slot = m.colour % THREAD_HUES;
    let list = out.get(slot);
    if (!list) out.set(slot, (list = []));
    list.push({
      range: m.range,
      label: ` ◂ ${m.thread} (${m.state})${m.others ? ` and ${m.others} more` : ''}`,
      hover: `${m.process}/${m.thread} is here at the playhead: ${m.state}`,
    });
  }
  return out;
}

/** The text of the offer of the next run, for a cursor on (0-based) `line`. */
export function nextRunText(line: number): string {
  return `$(debug-step-over) Next run of line ${line + 1}`;
}
