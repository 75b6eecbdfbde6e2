import type { Diagnostic } from '../language/diagnostic';

/** `FILE:LINE:COL: SEVERITY CODE: MESSAGE`, 1-based line and column (CLI.md). */
export function formatDiagnostic(file: string, d: Diagnostic): string {
  return `${file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity} ${d.code}: ${d.message}`;
}

/** `1 switch`, `2 switches`: a count with its noun in the right number (`plural` defaults to noun + s). */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}
