/**
 * Checks of the values inside messages (protocol.ts checks the messages): records, counts,
 * times, positions and ranges, diagnostics (normalized once, at the webview's boundary), and the
 * shape of a Model.
 */
import { isDiagnosticCode, type Diagnostic } from '@server/language/diagnostic';
import type { Model, SourceRange } from '@server/language/model';

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

/** A finite number ≥ 0. */
export function isTime(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0;
}

/** An LSP-style position: whole numbers ≥ 0. */
export function isPosition(v: unknown): boolean {
  return isRecord(v) && isCount(v.line) && isCount(v.character);
}

/** An LSP-style range. */
export function isSourceRange(v: unknown): v is SourceRange {
  return isRecord(v) && isPosition(v.start) && isPosition(v.end);
}

const SEVERITIES = new Set(['error', 'warning', 'info', 'hint']);

/** The parts of a Diagnostic the webview reads. */
export function isDiagnostic(v: unknown): v is Diagnostic {
  return (
    isRecord(v) &&
    isDiagnosticCode(v.code) &&
    typeof v.severity === 'string' &&
    SEVERITIES.has(v.severity) &&
    typeof v.message === 'string' &&
    isSourceRange(v.range) &&
    (v.time === null || isTime(v.time)) &&
    Array.isArray(v.relatedInformation)
  );
}

/**
 * Diagnostics made safe to show and to send: one whose range end is missing or broken gets its
 * start as end; one with no usable code, message, severity or start is dropped. (A bad range
 * must not cost the user the whole panel.)
 */
export function normalizeDiagnostics(list: readonly unknown[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const v of list) {
    if (
      !isRecord(v) ||
      !isDiagnosticCode(v.code) ||
      typeof v.message !== 'string' ||
      typeof v.severity !== 'string' ||
      !SEVERITIES.has(v.severity)
    )
      continue;
    const r = v.range;
    if (!isRecord(r) || !isPosition(r.start)) continue;
    const start = r.start as SourceRange['start'];
    const end = isPosition(r.end) ? (r.end as SourceRange['end']) : start;
    const related = Array.isArray(v.relatedInformation)
      ? v.relatedInformation.filter((x) => isRecord(x) && isSourceRange(x.range) && typeof x.message === 'string')
      : [];
    out.push({
      ...(v as unknown as Diagnostic),
      range: { start, end },
      time: isTime(v.time) ? v.time : null,
      relatedInformation: related as Diagnostic['relatedInformation'],
    });
  }
  return out;
}

/**
 * The shape of a Model, checked as far as the webview depends on it before simulating
 * (the language server produced it; this guards against a foreign or truncated message).
 */
export function isModelShape(v: unknown): v is Model {
  return (
    isRecord(v) &&
    (v.title === null || typeof v.title === 'string') &&
    isCount(v.cpus) &&
    isCount(v.horizon) &&
    isCount(v.seed) &&
    typeof v.policy === 'string' &&
    isRecord(v.costs) &&
    Array.isArray(v.processes) &&
    v.processes.every(
      (p) => isRecord(p) && typeof p.name === 'string' && Array.isArray(p.threads) && Array.isArray(p.mutexes),
    )
  );
}
