import type { SourceRange } from './model';

/** Severities, as docs/reference/cli.md prints them (and LSP numbers them 1..4 in that order). */
export type Severity = 'error' | 'warning' | 'info' | 'hint';

/**
 * Every diagnostic code (docs/reference/diagnostics.md) with its severity: the one table of codes. A code
 * spelt anywhere else (a quick fix, a detector, a host) is checked against it by the type of
 * `Diagnostic.code`, so a misspelt code fails the type-check.
 */
export const DIAGNOSTIC_SEVERITY = {
  // From the text.
  syntax: 'error',
  'unknown-name': 'error',
  'duplicate-name': 'error',
  'duplicate-setting': 'error',
  'wrong-kind': 'error',
  'invalid-value': 'error',
  'model-conflict': 'error',
  'pin-out-of-range': 'error',
  'rr-needs-quantum': 'error',
  'spawn-not-deferred': 'warning',
  // From static analysis.
  'lock-order-cycle': 'warning',
  'unlock-not-held': 'error',
  relock: 'error',
  'held-at-exit': 'warning',
  'wait-without-mutex': 'error',
  'inversion-risk': 'warning',
  'stack-too-small': 'warning',
  'unused-declaration': 'hint',
  // From simulation.
  deadlock: 'error',
  hang: 'error',
  'priority-inversion': 'warning',
  'process-stall': 'warning',
  'stack-overflow': 'error',
  starvation: 'warning',
  horizon: 'warning',
  'event-budget': 'warning',
  // From exploration.
  'deadlock-reachable': 'error',
  'hang-reachable': 'error',
  'inversion-reachable': 'warning',
  'fault-reachable': 'error',
  // The language server's note that its background simulation stopped at its time limit.
  'simulation-time-limit': 'info',
} as const satisfies Record<string, Severity>;

/** A diagnostic code: a key of `DIAGNOSTIC_SEVERITY`. */
export type DiagnosticCode = keyof typeof DIAGNOSTIC_SEVERITY;

/** True when `v` is one of the diagnostic codes (for data crossing a trust boundary). */
export function isDiagnosticCode(v: unknown): v is DiagnosticCode {
  return typeof v === 'string' && Object.prototype.hasOwnProperty.call(DIAGNOSTIC_SEVERITY, v);
}

/** Another place involved in a diagnostic (the other lock of a cycle, the owner's `lock`, …). */
export interface RelatedInformation {
  range: SourceRange;
  message: string;
}

/**
 * A diagnostic of the core, host-independent. The language server maps it to LSP one to one;
 * `threadscape check` prints it compiler style; `run --json` emits it as is.
 */
export interface Diagnostic {
  /** Stable kebab-case code from docs/reference/diagnostics.md. */
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  range: SourceRange;
  /** Simulated tick, for diagnostics from simulation; null otherwise. */
  time: number | null;
  relatedInformation: RelatedInformation[];
  /** Machine-readable details for quick fixes (e.g. the suggested name of `unknown-name`). */
  data?: Record<string, unknown>;
}

export const SEVERITY_RANK: Record<Severity, number> = { error: 1, warning: 2, info: 3, hint: 4 };

/** Orders diagnostics by line, column, then code (docs/reference/cli.md). */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
  );
}

/**
 * Merges diagnostics with the same code and range (the threads of one array share their
 * statements): the first message is kept unless `merge` says how to combine them.
 */
export function mergeSameRange(
  diags: Diagnostic[],
  merge?: (a: Diagnostic, b: Diagnostic) => Diagnostic,
): Diagnostic[] {
  const byKey = new Map<string, Diagnostic>();
  const out: Diagnostic[] = [];
  for (const d of diags) {
    const r = d.range;
    const key = `${d.code}|${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
    const prev = byKey.get(key);
    if (!prev) {
      byKey.set(key, d);
      out.push(d);
    } else if (merge) {
      const m = merge(prev, d);
      byKey.set(key, m);
      out[out.indexOf(prev)] = m;
    }
  }
  return out;
}
