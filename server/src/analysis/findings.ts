/**
 * Findings: diagnostics of the analyses before threads of one array are merged.
 *
 * Threads of one array share their statements, so one statement can yield the same code at the
 * same range once per thread. A finding keeps its message as `head + parts.join(sep) + tail`
 * so that merging (same code, same range, as `mergeSameRange` of diagnostic.ts does) can name
 * every thread concerned in one message.
 */
import type { Diagnostic, RelatedInformation, Severity } from '../language/diagnostic';
import { compareDiagnostics } from '../language/diagnostic';
import type { SourceRange } from '../language/model';

/** A diagnostic in the making; see the module comment. */
export interface Finding {
  code: string;
  severity: Severity;
  range: SourceRange;
  head: string;
  /** The variable parts (one per thread or per cycle); merged findings concatenate them. */
  parts: string[];
  sep: string;
  tail: string;
  related: RelatedInformation[];
  data?: Record<string, unknown>;
}

/** Parts named in full in a merged message; the rest are counted ("and 12 more"). */
export const MAX_PARTS = 8;

function rangeKey(r: SourceRange): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

/**
 * Merges findings with the same code and range (first one's head, tail and data kept; parts and
 * related information concatenated without repeats) and turns them into sorted diagnostics.
 */
export function toDiagnostics(findings: Finding[]): Diagnostic[] {
  const byKey = new Map<string, Finding>();
  const order: Finding[] = [];
  for (const f of findings) {
    const key = `${f.code}|${rangeKey(f.range)}`;
    const prev = byKey.get(key);
    if (!prev) {
      const copy: Finding = { ...f, parts: [...f.parts], related: [...f.related] };
      byKey.set(key, copy);
      order.push(copy);
      continue;
    }
    for (const p of f.parts) if (!prev.parts.includes(p)) prev.parts.push(p);
    for (const r of f.related) {
      const dup = prev.related.some((q) => q.message === r.message && rangeKey(q.range) === rangeKey(r.range));
      if (!dup) prev.related.push(r);
    }
  }
  const out = order.map(toDiagnostic);
  out.sort(compareDiagnostics);
  return out;
}

function toDiagnostic(f: Finding): Diagnostic {
  const shown = f.parts.slice(0, MAX_PARTS);
  const more = f.parts.length - shown.length;
  const body = shown.join(f.sep) + (more > 0 ? `${f.sep}and ${more} more` : '');
  const d: Diagnostic = {
    code: f.code,
    severity: f.severity,
    message: f.head + body + f.tail,
    range: f.range,
    time: null,
    relatedInformation: f.related,
  };
  if (f.data) d.data = f.data;
  return d;
}

/** A finding with a single part and no related information. */
export function simpleFinding(
  code: string,
  severity: Severity,
  range: SourceRange,
  part: string,
  tail = '',
): Finding {
  return { code, severity, range, head: '', parts: [part], sep: '; ', tail, related: [] };
}
