/**
 * Findings: diagnostics of the analyses before threads of one array are merged.
 *
 * Threads of one array share their statements, so one statement can yield the same code at the
 * same range once per thread. A finding keeps its message as `head + parts.join(sep) + tail`
 * so that merging (same code, same range, as `mergeSameRange` of diagnostic.ts does) can name
 * every thread concerned in one message. A part that says what one thread does (an `Act`) is
 * merged with the acts of other threads that do the same: `t[0], t[1] unlock m, which they do
 * not hold`.
 */
import type { Diagnostic, DiagnosticCode, RelatedInformation, Severity } from '../language/diagnostic';
import { compareDiagnostics } from '../language/diagnostic';
import type { SourceRange } from '../language/model';

/** A diagnostic in the making; see the module comment. */
export interface Finding {
  code: DiagnosticCode;
  severity: Severity;
  range: SourceRange;
  head: string;
  /** The variable parts (one per thread or per cycle); merged findings concatenate them. */
  parts: string[];
  /** What threads do, rendered before `parts`; acts with the same verb phrase name their threads together. */
  acts?: Act[];
  sep: string;
  tail: string;
  related: RelatedInformation[];
  data?: Record<string, unknown>;
}

/** What one thread does, in the singular and the plural: `unlocks m, which it does not hold`. */
export interface Act {
  who: string;
  one: string;
  many: string;
}

/** Parts named in full in a merged message; the rest are counted ("and 12 more"). */
export const MAX_PARTS = 8;
/** Threads named for one act; the rest are counted. */
export const MAX_NAMES = 6;

function rangeKey(r: SourceRange): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

/**
 * Merges findings with the same code and range (first one's head, tail and data kept; parts and
 * related information concatenated without repeats) and turns them into sorted diagnostics.
 */
export function toDiagnostics(findings: Finding[]): Diagnostic[] {
  // Merged findings, with the keys of what they hold already (sets keep merging linear when a
  // large thread array reports at one statement).
  const byKey = new Map<string, { f: Finding; seen: Set<string> }>();
  const order: Finding[] = [];
  const relatedKey = (r: RelatedInformation): string => `r|${rangeKey(r.range)}|${r.message}`;
  const actKey = (a: Act): string => `a|${a.who}|${a.one}`;
  for (const f of findings) {
    const key = `${f.code}|${rangeKey(f.range)}`;
    let entry = byKey.get(key);
    if (!entry) {
      entry = { f: { ...f, parts: [], acts: [], related: [] }, seen: new Set() };
      byKey.set(key, entry);
      order.push(entry.f);
    }
    const { f: g, seen } = entry;
    for (const p of f.parts) {
      if (!seen.has(`p|${p}`)) {
        seen.add(`p|${p}`);
        g.parts.push(p);
      }
    }
    for (const a of f.acts ?? []) {
      if (!seen.has(actKey(a))) {
        seen.add(actKey(a));
        g.acts?.push(a);
      }
    }
    for (const r of f.related) {
      if (!seen.has(relatedKey(r))) {
        seen.add(relatedKey(r));
        g.related.push(r);
      }
    }
  }
  const out = order.map(toDiagnostic);
  out.sort(compareDiagnostics);
  return out;
}

function renderActs(acts: Act[]): string[] {
  const groups = new Map<string, Act[]>();
  for (const a of acts) {
    const g = groups.get(a.one);
    if (g) g.push(a);
    else groups.set(a.one, [a]);
  }
  return [...groups.values()].map((g) => {
    const names = g.slice(0, MAX_NAMES).map((a) => a.who);
    const more = g.length - names.length;
    const who = more > 0 ? `${names.join(', ')} and ${more} more` : names.join(', ');
    return `${who} ${g.length > 1 ? g[0].many : g[0].one}`;
  });
}

function toDiagnostic(f: Finding): Diagnostic {
  const parts = [...renderActs(f.acts ?? []), ...f.parts];
  const shown = parts.slice(0, MAX_PARTS);
  const more = parts.length - shown.length;
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
  code: DiagnosticCode,
  severity: Severity,
  range: SourceRange,
  part: string,
  tail = '',
): Finding {
  return { code, severity, range, head: '', parts: [part], sep: '; ', tail, related: [] };
}

/** A finding about what one thread does (see `Act`). */
export function threadFinding(
  code: DiagnosticCode,
  severity: Severity,
  range: SourceRange,
  act: Act,
  tail = '',
): Finding {
  return { code, severity, range, head: '', parts: [], acts: [act], sep: '; ', tail, related: [] };
}
