/**
 * One outcome, one time, said one way everywhere (status bar, panel header, CLI summary,
 * hover): how a run ended, since when the failure holds, when the run ended, and how many
 * problems a run that completed still showed.
 */
import type { Outcome, RunResult } from './trace';

export interface OutcomeSummary {
  outcome: Outcome;
  /** `error`: deadlock, hang, fault, or an error diagnostic; `warning`: cut short, or warnings; `ok` otherwise. */
  tone: 'error' | 'warning' | 'ok';
  /** "completed at t=57 with 2 warnings", "deadlock at t=1", "hang: blocked since t=23, run ended t=31". */
  text: string;
  /** When the deadlock formed, the first hung wait began, or the fault happened; null otherwise. */
  since: number | null;
  endTime: number;
  errors: number;
  warnings: number;
}

/** `1 warning`, `2 warnings`: a count and its noun, in the right number. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The earliest time among the run's diagnostics of `code`, or null. */
function firstTime(r: RunResult, code: string): number | null {
  let t: number | null = null;
  for (const d of r.diagnostics) if (d.code === code && d.time !== null && (t === null || d.time < t)) t = d.time;
  return t;
}

/** The phrase of a hang: "hang: blocked since t=23, run ended t=31". */
export function hangPhrase(since: number, endTime: number): string {
  return `hang: blocked since t=${since}, run ended t=${endTime}`;
}

/** How the run ended, in words and a tone. */
export function summarizeOutcome(r: RunResult): OutcomeSummary {
  const errors = r.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = r.diagnostics.filter((d) => d.severity === 'warning').length;
  const end = r.endTime;
  const ended = (t: number | null): string => (t !== null && t < end ? `, run ended t=${end}` : '');
  let since: number | null = null;
  let text: string;
  let tone: OutcomeSummary['tone'] = 'error';
  switch (r.outcome) {
    case 'deadlock':
      since = firstTime(r, 'deadlock') ?? end;
      text = `deadlock at t=${since}${ended(since)}`;
      break;
    case 'hang':
      since = firstTime(r, 'hang') ?? end;
      text = hangPhrase(since, end);
      break;
    case 'fault':
      since = firstTime(r, 'stack-overflow') ?? end;
      text = `fault at t=${since}${ended(since)}`;
      break;
    case 'horizon':
      tone = 'warning';
      text = `horizon reached at t=${end}`;
      break;
    case 'budget':
      tone = 'warning';
      text = `event budget spent at t=${end}`;
      break;
    case 'completed': {
      tone = errors > 0 ? 'error' : warnings > 0 ? 'warning' : 'ok';
      const problems = [errors > 0 ? plural(errors, 'error') : '', warnings > 0 ? plural(warnings, 'warning') : '']
        .filter((x) => x !== '')
        .join(' and ');
      text = `completed at t=${end}${problems ? ` with ${problems}` : ''}`;
      break;
    }
  }
  return { outcome: r.outcome, tone, text, since, endTime: end, errors, warnings };
}
