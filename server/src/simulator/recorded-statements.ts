/**
 * The statements each thread reached, as three parallel columns (thread, instant, range index)
 * and a table of the distinct ranges: a few numbers a statement, so a long run stays small.
 */
import type { SourceRange } from '../language/model';
import type { StatementLog } from './trace';

/** Where the log stood (lengths), to return to it. */
export interface StatementsMark {
  entries: number;
  ranges: number;
}

export class RecordedStatements {
  private readonly thread: number[] = [];
  private readonly t: number[] = [];
  private readonly range: number[] = [];
  private readonly ranges: SourceRange[] = [];
  /** Range object → index (statements share their range object). */
  private readonly index = new Map<SourceRange, number>();

  get size(): number {
    return this.t.length;
  }

  /** Thread `thread` reached the statement at `range` at instant `t`. */
  add(thread: number, t: number, range: SourceRange): void {
    let r = this.index.get(range);
    if (r === undefined) {
      r = this.ranges.length;
      this.ranges.push(range);
      this.index.set(range, r);
    }
    this.thread.push(thread);
    this.t.push(t);
    this.range.push(r);
  }

  mark(): StatementsMark {
    return { entries: this.t.length, ranges: this.ranges.length };
  }

  rewind(m: StatementsMark): void {
    this.thread.length = this.t.length = this.range.length = m.entries;
    for (let i = m.ranges; i < this.ranges.length; i++) this.index.delete(this.ranges[i]);
    this.ranges.length = m.ranges;
  }

  /** The log of the statements reached before instant `end` (or at it, when `inclusive`). */
  until(end: number, inclusive: boolean): StatementLog {
    let n = this.t.length;
    while (n > 0 && (this.t[n - 1] > end || (!inclusive && this.t[n - 1] === end))) n--;
    let used = 0;
    for (let i = 0; i < n; i++) if (this.range[i] >= used) used = this.range[i] + 1;
    return {
      ranges: this.ranges.slice(0, used),
      thread: this.thread.slice(0, n),
      t: this.t.slice(0, n),
      range: this.range.slice(0, n),
    };
  }
}
