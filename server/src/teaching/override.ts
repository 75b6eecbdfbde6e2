/**
 * One scenario under another threading model: the compiled Model with the chosen processes'
 * `model` replaced, and every setting the new model cannot take (docs/reference/language.md §5.2) dropped
 * with a note, as if the file had said `model X` without them. Pure data in, data out.
 */
import type { FileNode } from '../language/ast';
import {
  DEFAULTS,
  type Model,
  type ProcessModel,
  type SetConcurrencyStmt,
  type SourceRange,
  type Stmt,
  type ThreadingModel,
} from '../language/model';

export const THREADING_MODELS: readonly ThreadingModel[] = ['one_to_one', 'many_to_one', 'many_to_many'];

/** A setting of the file that the target model cannot take, dropped from the run. */
export interface DroppedSetting {
  process: string;
  /** The thread declaration it belongs to (`w` for a thread array `w[4]`), or null for a process setting. */
  thread: string | null;
  /** As written: `lwps 4`, `bound`, `pin 1`, `set_concurrency 3`, `sigwaiting off`. */
  setting: string;
  /** Where: the statement, else the thread's or the process's name. */
  range: SourceRange;
}

export interface OverrideOptions {
  /** Processes to override, by name; every process when absent. */
  processes?: readonly string[];
  /**
   * The file's syntax tree, when the host has it: each note then points at the setting itself
   * (the Model keeps no range for settings), and a thread declared `bound` in a one_to_one
   * process stays bound under many_to_many (the Model marks every one_to_one thread bound).
   * Without it, notes point at the process's or thread's name and such threads become unbound.
   */
  source?: FileNode;
  /**
   * In place of `source`, for a host that has not the tree but was handed what the file writes
   * (`writtenSettings` of the tree): the same notes and the same runs.
   */
  written?: readonly WrittenSetting[];
}

/** A process setting (thread null) or thread attribute as the file writes it, and where. */
export interface WrittenSetting {
  process: string;
  thread: string | null;
  name: string;
  range: SourceRange;
}

/** What the syntax tree says each process setting and thread attribute is, and where it is written. */
export function writtenSettings(ast: FileNode): WrittenSetting[] {
  const out: WrittenSetting[] = [];
  for (const p of ast.processes) {
    if (!p.name) continue;
    for (const st of p.settings) out.push({ process: p.name.name, thread: null, name: st.key, range: st.range });
    for (const t of p.threads)
      for (const a of t.attrs) out.push({ process: p.name.name, thread: t.name.name, name: a.name, range: a.range });
  }
  return out;
}

export interface Overridden {
  model: Model;
  /** In process order: settings, then thread attributes, then statements in body order. */
  dropped: DroppedSetting[];
}

/** Where the syntax tree says each process setting and thread attribute is written. */
class Written {
  private readonly ranges = new Map<string, SourceRange>();

  constructor(settings: readonly WrittenSetting[]) {
    for (const w of settings) this.ranges.set(this.key(w.process, w.thread, w.name), w.range);
  }

  private key(process: string, thread: string | null, name: string): string {
    return JSON.stringify([process, thread, name]);
  }

  /** The range of a process setting (thread null) or of a thread attribute, when written. */
  range(process: string, thread: string | null, name: string): SourceRange | undefined {
    return this.ranges.get(this.key(process, thread, name));
  }
}

/** The model with the chosen processes under `target`. Processes already under it are unchanged. */
export function withModel(model: Model, target: ThreadingModel, options: OverrideOptions = {}): Overridden {
  const dropped: DroppedSetting[] = [];
  const chosen = options.processes ? new Set(options.processes) : null;
  const written = new Written(options.source ? writtenSettings(options.source) : (options.written ?? []));
  const processes = model.processes.map((p) =>
    (chosen === null || chosen.has(p.name)) && p.model !== target ? convert(p, target, written, dropped) : p,
  );
  return { model: { ...model, processes }, dropped };
}

function convert(p: ProcessModel, target: ThreadingModel, written: Written, dropped: DroppedSetting[]): ProcessModel {
  const reported = new Set<string>();
  // Array elements share their declaration's attributes and statement ranges: one note each.
  const drop = (setting: string, range: SourceRange, thread: string | null = null) => {
    const key = JSON.stringify([thread, setting, range.start]);
    if (reported.has(key)) return;
    reported.add(key);
    dropped.push({ process: p.name, thread, setting, range });
  };
  const where = (name: string, thread: string | null, fallback: SourceRange) =>
    written.range(p.name, thread, name) ?? fallback;
  const m2n = target === 'many_to_many';
  if (p.model === 'many_to_many') {
    // Values other than the defaults are what the file wrote; under many_to_one `lwps 1` is that model anyway.
    const settings: [string, boolean, string][] = [
      ['lwps', p.lwps !== DEFAULTS.lwps, `lwps ${p.lwps}`],
      ['concurrency', p.concurrency !== DEFAULTS.concurrency, `concurrency ${p.concurrency}`],
      ['sigwaiting', !p.sigwaiting, 'sigwaiting off'],
      ['lwp_idle_timeout', p.lwpIdleTimeout !== DEFAULTS.lwpIdleTimeout, `lwp_idle_timeout ${p.lwpIdleTimeout}`],
    ];
    for (const [name, set, text] of settings) if (set) drop(text, where(name, null, p.range));
  }
  const threads = p.threads.map((t) => {
    let bound: boolean;
    if (target === 'one_to_one') bound = true;
    else if (target === 'many_to_one') {
      if (t.bound && p.model === 'many_to_many') drop('bound', where('bound', t.baseName, t.range), t.baseName);
      bound = false;
    } else bound = p.model === 'one_to_one' && written.range(p.name, t.baseName, 'bound') !== undefined;
    if (t.pin !== null && !bound) drop(`pin ${t.pin}`, where('pin', t.baseName, t.range), t.baseName);
    const body = m2n
      ? t.body
      : withoutSetConcurrency(t.body, (s) => drop(`set_concurrency ${s.level}`, s.range, t.baseName));
    return { ...t, bound, pin: bound ? t.pin : null, body };
  });
  return {
    ...p,
    model: target,
    lwps: m2n ? DEFAULTS.lwps : target === 'many_to_one' ? 1 : 0,
    concurrency: DEFAULTS.concurrency,
    sigwaiting: m2n,
    lwpIdleTimeout: DEFAULTS.lwpIdleTimeout,
    threads,
  };
}

/** The body without its `set_concurrency` statements, repeat bodies included; `report` sees each one. */
function withoutSetConcurrency(body: Stmt[], report: (s: SetConcurrencyStmt) => void): Stmt[] {
  const out: Stmt[] = [];
  for (const s of body) {
    if (s.op === 'set_concurrency') report(s);
    else if (s.op === 'repeat') out.push({ ...s, body: withoutSetConcurrency(s.body, report) });
    else out.push(s);
  }
  return out;
}
