/**
 * What the exploration tier says: its findings as diagnostics merged with the simulation
 * tier's (nothing published twice), a proof's qualification of `lock-order-cycle`, and the
 * search in words for the status bar and the code lens. Pure: no connection, no clock.
 */
import { findingToDiagnostic, type FindingCode, type Finding } from '../explorer';
import { compareDiagnostics, type Diagnostic, type DiagnosticCode } from '../language/diagnostic';
import type { ExplorationFinding, ExplorationParams } from './protocol';

/** Each reachable finding's name in words, and the default-schedule diagnostic that already shows it. */
const KINDS: Record<FindingCode, { what: string; shownBy: DiagnosticCode }> = {
  'deadlock-reachable': { what: 'deadlock', shownBy: 'deadlock' },
  'hang-reachable': { what: 'hang', shownBy: 'hang' },
  'fault-reachable': { what: 'fault', shownBy: 'stack-overflow' },
  'inversion-reachable': { what: 'unbounded priority inversion', shownBy: 'priority-inversion' },
};

/** The codes of the exploration tier. */
export const REACHABLE_CODES: readonly string[] = Object.keys(KINDS);

/** Where a search got to: its result, or a hard stop with what it had posted. */
export interface SearchState {
  version: number;
  /** Findings so far (all of the result's once it ended). */
  findings: Finding[];
  /** Distinct states stored (0 until the result). */
  states: number;
  complete: boolean;
  /** `time`, `memory`, `schedules`, `finding`, `stopped` (a hard stop); null when complete or still running. */
  stoppedBy: string | null;
  /** Why a hard stop happened, in words. */
  stopReason?: string;
  /** The problems searched for (empty while running). */
  searched: FindingCode[];
  running: boolean;
}

const number = new Intl.NumberFormat('en-US');

function listOr(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? 'problem') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** `deadlock at t=12`: a finding in a few words (the lens and the status bar). */
export function findingLabel(f: { code: string; time: number | null }): string {
  const what = KINDS[f.code as FindingCode]?.what ?? f.code;
  return f.time === null ? what : `${what} at t=${f.time}`;
}

const WHY: Record<string, string> = {
  time: 'time limit',
  memory: 'memory limit',
  schedules: 'schedule limit',
  finding: 'every problem found',
};

/** True when the search proved that no schedule deadlocks. */
export function provesNoDeadlock(s: SearchState): boolean {
  return (
    s.complete && s.searched.includes('deadlock-reachable') && !s.findings.some((f) => f.code === 'deadlock-reachable')
  );
}

/** The search in words: a proof, how far an incomplete search got, what it found, or why it stopped. */
export function describeSearch(s: SearchState): string {
  const states = `${number.format(s.states)} ${s.states === 1 ? 'state' : 'states'}`;
  const what = listOr(s.searched.map((c) => KINDS[c].what));
  if (s.stoppedBy === 'stopped') {
    const found = s.findings.length > 0 ? `; found ${s.findings.map(findingLabel).join(', ')}` : '';
    return `exploration stopped: ${s.stopReason ?? 'unknown reason'}${found}`;
  }
  if (s.findings.length > 0) {
    const found = `reachable: ${s.findings.map(findingLabel).join(', ')}`;
    if (s.running) return `${found} (exploring…)`;
    const rest = s.complete && s.searched.length > s.findings.length ? '; nothing else in any schedule' : '';
    return `${found} (${states} searched${rest})`;
  }
  if (s.running) return 'exploring…';
  const why = s.stoppedBy ? (WHY[s.stoppedBy] ?? s.stoppedBy) : 'wide ranges sampled';
  if (s.searched.length === 0) {
    // The explorer names what it searched for once the default run has ended.
    if (!s.complete) return `not explored: the default run did not end within the ${why}`;
    return `nothing to search for: the default schedule shows every problem (${states})`;
  }
  // No choice point at all: the default schedule is the only one.
  if (s.complete && s.states === 0) return `no ${what} in any schedule: the default one is the only one`;
  if (s.complete) return `no ${what} in any schedule: ${states}`;
  return `no ${what} found in ${states} (${why}); not a proof`;
}

/** The findings as the notification carries them. */
function toProtocol(f: Finding): ExplorationFinding {
  return { code: f.code, message: f.message, time: f.time, choices: f.choices, departures: f.departures };
}

/** The `threadscape/exploration` report of a search of `uri`. */
export function explorationParams(uri: string, s: SearchState): ExplorationParams {
  return {
    uri,
    version: s.version,
    complete: s.complete,
    stoppedBy: s.complete ? null : s.stoppedBy,
    states: s.states,
    findings: s.findings.map(toProtocol),
    text: describeSearch(s),
    ...(s.running ? { running: true } : {}),
  };
}

/**
 * The simulation tier's diagnostics of a version with the search's: its findings (but for one
 * the default schedule already shows, which stays the simulation's), each carrying its choices
 * and the explored version in `data`; and, when the search proved the scenario free of
 * deadlock, every `lock-order-cycle` saying so, as information.
 */
export function mergeExploration(simulation: readonly Diagnostic[], s: SearchState): Diagnostic[] {
  const shown = new Set(simulation.map((d) => d.code));
  const proof = provesNoDeadlock(s);
  const out = simulation.map((d) =>
    proof && d.code === 'lock-order-cycle'
      ? {
          ...d,
          severity: 'info' as const,
          message:
            `${d.message}; but the exploration proved this scenario free of deadlock ` +
            `(no deadlock in any schedule: ${number.format(s.states)} states)`,
        }
      : d,
  );
  for (const f of s.findings) {
    if (shown.has(KINDS[f.code].shownBy) || out.some((d) => d.code === f.code)) continue;
    const d = findingToDiagnostic(f);
    out.push({ ...d, data: { ...d.data, version: s.version } });
  }
  return out.sort(compareDiagnostics);
}
