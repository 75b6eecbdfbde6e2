/** Helpers shared by the checker's parts: building diagnostics and checking literals. */
import type { IntLit, SizeLit, Span } from './ast';
import {
  DIAGNOSTIC_SEVERITY,
  type Diagnostic,
  type DiagnosticCode,
  type RelatedInformation,
  type Severity,
} from './diagnostic';

import { groupDigits } from './limits';

/** The largest integer the language accepts (docs/reference/language.md §2). */
export const INT_MAX = 2 ** 31 - 1;

export interface DiagExtra {
  severity?: Severity;
  related?: RelatedInformation[];
  data?: Record<string, unknown>;
}

/** A diagnostic of the text at `span`, of the code's severity unless `extra` says otherwise. */
export function diag(code: DiagnosticCode, span: Span, message: string, extra: DiagExtra = {}): Diagnostic {
  const d: Diagnostic = {
    code,
    severity: extra.severity ?? DIAGNOSTIC_SEVERITY[code],
    message,
    range: span.range,
    time: null,
    relatedInformation: extra.related ?? [],
  };
  if (extra.data) d.data = extra.data;
  return d;
}

/**
 * Reports a leading zero or a value above 2³¹−1 as `invalid-value`; returns whether the
 * literal is usable for further checks.
 */
export function intOk(lit: IntLit, out: Diagnostic[]): boolean {
  return digitsOk(lit.text, lit.value, lit, out);
}

/** As `intOk`, for a size: its digits, and the byte count after the suffix. */
export function sizeOk(lit: SizeLit, out: Diagnostic[]): boolean {
  if (!digitsOk(lit.digits, Number(lit.digits), lit, out)) return false;
  if (lit.value > INT_MAX) {
    out.push(
      diag('invalid-value', lit, `${lit.text} is ${lit.value} bytes, more than the largest size, ${INT_MAX} bytes`),
    );
    return false;
  }
  return true;
}

function digitsOk(digits: string, value: number, span: Span, out: Diagnostic[]): boolean {
  if (digits.length > 1 && digits.charCodeAt(0) === 48) {
    out.push(diag('invalid-value', span, `${digits} has a leading zero: write ${String(Number(digits))}`));
    return false;
  }
  if (value > INT_MAX) {
    out.push(
      diag(
        'invalid-value',
        span,
        `${digits.length > 16 ? digits.slice(0, 16) + '…' : digits} is too large: numbers go up to ${INT_MAX}`,
      ),
    );
    return false;
  }
  return true;
}

/** Checks a literal and that it is at least `min`; reports `what` otherwise. */
export function rangeOk(lit: IntLit, what: string, out: Diagnostic[], min: number): boolean {
  return limitOk(lit, what, min, INT_MAX, '', out);
}

/**
 * Checks a literal that must be at least `min` and at most `max`, a limit of docs/reference/language.md §2;
 * the message over the limit names it (`limit`, e.g. "10,000 elements per array").
 */
export function limitOk(
  lit: IntLit,
  what: string,
  min: number,
  max: number,
  limit: string,
  out: Diagnostic[],
): boolean {
  if (!intOk(lit, out)) return false;
  if (lit.value < min) {
    const bound = max === INT_MAX ? `at least ${min}` : `from ${min} to ${groupDigits(max)}`;
    out.push(diag('invalid-value', lit, `${what} must be ${bound}, not ${lit.value}`));
    return false;
  }
  if (lit.value > max) {
    out.push(diag('invalid-value', lit, `${what} is ${groupDigits(lit.value)}, over the limit of ${limit}`));
    return false;
  }
  return true;
}

/** Levenshtein distance (small names: the quadratic table is fine). */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, k) => k);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/** The closest of `names` to `name` (first one on ties), or null when there are none. */
export function closest(name: string, names: string[]): string | null {
  let best: string | null = null;
  let bestD = Infinity;
  for (const n of names) {
    const d = editDistance(name, n);
    if (d < bestD) {
      best = n;
      bestD = d;
    }
  }
  return best;
}
