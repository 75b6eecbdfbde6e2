/**
 * The readable summary of `threadscape run` (without --json): outcome, a compact per-CPU text
 * Gantt chart, the metrics table and the counters.
 */
import type { RunResult, Span } from '../simulator';
import { summarizeOutcome } from '../simulator/outcome';
import { count } from './format';

const WIDTH = 60;
const SYMBOLS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function pad(s: string | number | null, n: number, right = false): string {
  const v = s === null ? '-' : String(s);
  return right ? v.padStart(n) : v.padEnd(n);
}

/**
 * One text line per CPU. A column stands for `per` ticks: it shows what ran longest in it (a
 * thread's letter, or `~` for switch overhead) when the CPU was busy at least half of the
 * column, whoever ran, and `.` (idle) otherwise. When the recording cap stopped recording, a
 * column from that instant on is blank: not recorded, which is not idle.
 */
export function gantt(result: RunResult): string[] {
  const spans = (result.spans ?? []).filter(
    (s): s is Span & { lane: { kind: 'cpu'; cpu: number } } => s.lane.kind === 'cpu',
  );
  const end = result.endTime;
  if (end <= 0 || result.cpus.length === 0) return [];
  const cols = Math.min(WIDTH, end);
  const per = end / cols;
  const symbolOf = new Map<string, string>();
  const legend: string[] = [];
  const named = new Map<string, number>();
  for (const t of result.threads) named.set(t.name, (named.get(t.name) ?? 0) + 1);
  for (const t of result.threads) {
    const key = `${t.process}/${t.name}`;
    const sym = SYMBOLS[symbolOf.size % SYMBOLS.length];
    symbolOf.set(key, sym);
    legend.push(`${sym}=${(named.get(t.name) ?? 0) > 1 ? key : t.name}`);
  }
  const lines: string[] = [
    `time 0..${end}, one column = ${count(Number.isInteger(per) ? per : Number(per.toFixed(2)), 'tick')}`,
  ];
  const until = result.recording && !result.recording.complete ? result.recording.until : null;
  /** A column whose middle comes at or after the instant recording stopped. */
  const unrecorded = (c: number): boolean => until !== null && (c + 0.5) * per >= until;
  for (const cpu of result.cpus) {
    const weight: Map<string, number>[] = Array.from({ length: cols }, () => new Map());
    for (const s of spans) {
      if (s.lane.cpu !== cpu.id) continue;
      const key = s.state === 'overhead' ? '~' : (symbolOf.get(`${s.process}/${s.thread}`) ?? '?');
      for (let c = Math.floor(s.start / per); c < cols && c * per < s.end; c++) {
        const overlap = Math.min(s.end, (c + 1) * per) - Math.max(s.start, c * per);
        if (overlap > 0) weight[c].set(key, (weight[c].get(key) ?? 0) + overlap);
      }
    }
    const row = weight
      .map((w, c) => {
        if (unrecorded(c)) return ' ';
        let best = '.';
        let bw = 0;
        let busy = 0;
        for (const [k, v] of w) {
          busy += v;
          if (v > bw) [best, bw] = [k, v];
        }
        return busy * 2 >= per ? best : '.';
      })
      .join('');
    lines.push(`cpu${String(cpu.id).padEnd(3)}|${row}|`);
  }
  const blank = until !== null ? `  (blank)=not recorded from t=${until}` : '';
  lines.push(`${legend.join('  ')}  .=idle  ~=switch${blank}`);
  return lines;
}

/** The whole readable summary. */
export function formatSummary(result: RunResult): string {
  const out: string[] = [];
  out.push(`${result.scenario}: ${summarizeOutcome(result).text}`, '');
  out.push(...gantt(result), '');
  const head = [
    'thread',
    'process',
    'prio',
    'arrive',
    'first',
    'finish',
    'cpu',
    'ready',
    'blocked',
    'spin',
    'resp',
    'turn',
    'state',
  ];
  const w = [14, 10, 5, 7, 6, 7, 6, 6, 8, 5, 5, 5, 10];
  out.push(head.map((h, i) => pad(h, w[i], i >= 2 && i <= 11)).join(' '));
  for (const t of result.threads) {
    const resp = t.firstRun !== null && t.arrival !== null ? t.firstRun - t.arrival : null;
    const turn = t.finish !== null && t.arrival !== null ? t.finish - t.arrival : null;
    const cells = [
      t.name,
      t.process,
      t.priority,
      t.arrival,
      t.firstRun,
      t.finish,
      t.cpuTime,
      t.readyTime,
      t.blockedTime,
      t.spinTime,
      resp,
      turn,
      t.state,
    ];
    out.push(cells.map((c, i) => pad(c, w[i], i >= 2 && i <= 11)).join(' '));
  }
  out.push('');
  for (const c of result.cpus) {
    const util = result.endTime > 0 ? Math.round((100 * c.busy) / result.endTime) : 0;
    out.push(`cpu${c.id}: busy ${c.busy}, overhead ${c.overhead}, idle ${c.idle} (${util}% busy)`);
  }
  const k = result.counters;
  out.push(
    `${count(k.switches, 'switch', 'switches')} (${k.processSwitches} across processes), ${count(k.ipis, 'IPI')}, ` +
      `${count(k.upcalls, 'upcall')}, ${count(k.lwpsCreated, 'LWP')} created / ${k.lwpsReclaimed} reclaimed, ` +
      `${count(k.threadsCreated, 'thread')} created / ${k.threadsReused} reused / ${k.threadsReaped} reaped`,
  );
  return out.join('\n') + '\n';
}
