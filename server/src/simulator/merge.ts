/**
 * Simulation diagnostics with the same code and range (the threads of one array share their
 * statements) merge into one whose message names the threads concerned (docs/reference/diagnostics.md): the
 * first one's message, then "likewise" up to 8 threads in all, then "and N more". Linear in the
 * diagnostics: each message stays short whatever the number of threads.
 */
import type { Diagnostic } from '../language/diagnostic';

/** Threads named in full in a merged message; the rest are counted. */
export const MAX_MERGED_NAMES = 8;

function rangeKey(d: Diagnostic): string {
  const r = d.range;
  return `${d.code}|${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

/** The thread a diagnostic is told from, or the threads of its cycle. */
function threadsOf(d: Diagnostic): string[] {
  const data = d.data ?? {};
  if (Array.isArray(data.threads)) return data.threads.filter((x): x is string => typeof x === 'string');
  const one = typeof data.thread === 'string' ? data.thread : typeof data.high === 'string' ? data.high : undefined;
  return one === undefined ? [] : [one];
}

/** Merges diagnostics of the same code and range, in first-seen order. */
export function mergeSimulationDiagnostics(diags: Diagnostic[]): Diagnostic[] {
  const groups = new Map<string, { first: Diagnostic; named: Set<string>; more: string[] }>();
  for (const d of diags) {
    const key = rangeKey(d);
    const g = groups.get(key);
    if (g === undefined) {
      groups.set(key, { first: d, named: new Set(threadsOf(d)), more: [] });
      continue;
    }
    if (d.message === g.first.message) continue;
    // A cycle already told in full (the same deadlock seen from another thread) adds nothing.
    const who = threadsOf(d);
    if (d.code === 'deadlock' && who.length > 0 && who.every((t) => g.named.has(t))) continue;
    const name = who[0];
    if (name !== undefined && !g.named.has(name)) {
      g.named.add(name);
      g.more.push(name);
    }
  }
  const out: Diagnostic[] = [];
  for (const { first, more } of groups.values()) {
    if (more.length === 0) {
      out.push(first);
      continue;
    }
    const shown = more.slice(0, MAX_MERGED_NAMES - 1);
    const rest = more.length - shown.length;
    out.push({
      ...first,
      message: `${first.message}; likewise ${shown.join(', ')}${rest > 0 ? `, and ${rest} more` : ''}`,
    });
  }
  return out;
}
