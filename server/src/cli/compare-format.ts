/**
 * The text and JSON output of `threadscape compare`: the notes on dropped settings, then one
 * table with a column group per model; a value that differs from the first model's is marked `*`.
 */
import type { Comparison, ComparisonTable, RunFact } from '../teaching';

const FACT_LABELS: Record<RunFact, string> = {
  outcome: 'outcome',
  endTime: 'end time',
  switches: 'switches',
  upcalls: 'upcalls',
  ipis: 'ipis',
  lwps: 'lwps',
  stalls: 'stalls',
};

const METRICS = ['finish', 'response', 'waiting'] as const;
const HEADS: Record<(typeof METRICS)[number], string> = { finish: 'finish', response: 'resp', waiting: 'wait' };
const CELL = 7;

/** Control characters of text taken from the input, escaped as \xHH. */
export function printable(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

function cell(v: string | number | null, marked: boolean, width: number): string {
  return `${v === null ? '-' : String(v)}${marked ? '*' : ' '}`.padStart(width);
}

/** One line per dropped setting: `many_to_one: dropped 'lwps 4' of process app (line 7)`. */
export function droppedLines(c: Comparison): string[] {
  const out: string[] = [];
  for (const r of c.runs)
    for (const d of r.dropped) {
      const owner = d.thread === null ? `process ${d.process}` : `thread ${d.thread} of process ${d.process}`;
      out.push(`${r.model}: dropped '${d.setting}' of ${owner} (line ${d.range.start.line + 1})`);
    }
  return out;
}

/** The readable comparison. */
export function formatComparison(c: Comparison, table: ComparisonTable): string {
  const out: string[] = [];
  const overridden = c.processes.length === 0 ? 'no process' : c.processes.join(', ');
  out.push(`${printable(c.scenario)}: ${c.models.join(', ')} (model of ${overridden} overridden)`);
  const notes = droppedLines(c);
  for (const n of notes) out.push(`  ${n}`);
  const stopped = c.runs.filter((r) => r.stopped).map((r) => r.model);
  if (stopped.length > 0) out.push(`  stopped before the end: ${stopped.join(', ')}`);
  out.push('');
  const multi = new Set(table.threads.map((t) => t.process)).size > 1;
  const label = (t: ComparisonTable['threads'][number]) => (multi ? `${t.process}/${t.thread}` : t.thread);
  const first = Math.max(
    8,
    ...table.threads.map((t) => label(t).length),
    ...Object.values(FACT_LABELS).map((l) => l.length),
  );
  const group = CELL * METRICS.length;
  out.push(' '.repeat(first) + c.models.map((m) => `  ${m.padStart(group)}`).join(''));
  out.push(
    'thread'.padEnd(first) +
      c.models.map(() => '  ' + METRICS.map((m) => `${HEADS[m]} `.padStart(CELL)).join('')).join(''),
  );
  for (const t of table.threads) {
    const groups = c.models.map(
      (_, i) => '  ' + METRICS.map((m) => cell(t[m][i], i > 0 && t[m][i] !== t[m][0], CELL)).join(''),
    );
    out.push(label(t).padEnd(first) + groups.join(''));
  }
  out.push('');
  for (const f of Object.keys(FACT_LABELS) as RunFact[]) {
    const values = table.runs.map((r) => r[f]);
    const groups = values.map((v, i) => `  ${cell(v, i > 0 && v !== values[0], group)}`);
    out.push(FACT_LABELS[f].padEnd(first) + groups.join(''));
  }
  if (c.models.length > 1) out.push('', `* differs from ${c.models[0]}`);
  return out.map((l) => l.trimEnd()).join('\n') + '\n';
}

/** `compare --json`: the table, the dropped settings and each run's facts and diagnostics. */
export function comparisonJson(c: Comparison, table: ComparisonTable): unknown {
  return {
    scenario: c.scenario,
    models: c.models,
    processes: c.processes,
    runs: c.runs.map((r, i) => ({
      model: r.model,
      dropped: r.dropped,
      stopped: r.stopped,
      ...table.runs[i],
      diagnostics: r.result.diagnostics.map((d) => ({
        code: d.code,
        severity: d.severity,
        message: d.message,
        range: d.range,
        time: d.time,
      })),
    })),
    threads: table.threads,
    differs: table.runDiffers,
  };
}
