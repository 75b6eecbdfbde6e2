/** How the command prints diagnostics: compiler-style text lines, or docs/reference/cli.md's JSON objects. */
import type { Diagnostic } from '../language/diagnostic';
import { escapeControls } from '../language/escape';

/** `FILE:LINE:COL: SEVERITY CODE: MESSAGE`, 1-based line and column (docs/reference/cli.md), control characters escaped. */
export function formatDiagnostic(file: string, d: Diagnostic): string {
  const where = `${escapeControls(file)}:${d.range.start.line + 1}:${d.range.start.character + 1}`;
  return `${where}: ${d.severity} ${d.code}: ${escapeControls(d.message)}`;
}

/** A diagnostic as `run --json` and `check --json` print it (no quick-fix data). */
export function jsonDiagnostic(d: Diagnostic): Record<string, unknown> {
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    range: d.range,
    time: d.time,
    relatedInformation: d.relatedInformation,
  };
}

/** `1 switch`, `2 switches`: a count with its noun in the right number (`plural` defaults to noun + s). */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}
