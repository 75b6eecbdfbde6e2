/**
 * Checks of the scenario's and processes' settings and of thread attributes: values,
 * duplicates, the settings each threading model allows (docs/reference/language.md §5.2), pins, and
 * `policy rr` without a quantum.
 */
import type { AttrNode, ProcessNode, ScenarioNode, SettingNode, ThreadNode, Word } from './ast';
import { diag, intOk, limitOk, rangeOk, sizeOk } from './check-util';
import { LIMITS, POOL_LIMIT } from './limits';
import type { Diagnostic } from './diagnostic';
import { DEFAULTS, type ThreadingModel } from './model';

/** What later checks need to know from the scenario block. */
export interface ScenarioFacts {
  /** The number of CPUs, or null when its setting is invalid (pins are then not checked). */
  cpus: number | null;
}

function describeKey(key: string): string {
  return `'${key}'`;
}

/** Reports a second setting of `key` in one block; returns true when `s` is a duplicate. */
function duplicate(
  seen: Map<string, SettingNode | AttrNode>,
  key: string,
  s: SettingNode | AttrNode,
  where: string,
  out: Diagnostic[],
): boolean {
  const first = seen.get(key);
  if (!first) {
    seen.set(key, s);
    return false;
  }
  out.push(
    diag(
      'duplicate-setting',
      s,
      `${describeKey(key)} is already set in ${where} (line ${first.range.start.line + 1})`,
      {
        related: [{ range: first.range, message: `first ${describeKey(key)} of ${where}` }],
      },
    ),
  );
  return true;
}

export function checkScenario(s: ScenarioNode | null, out: Diagnostic[]): ScenarioFacts {
  const facts: ScenarioFacts = { cpus: DEFAULTS.cpus };
  if (!s) return facts;
  const seen = new Map<string, SettingNode | AttrNode>();
  let hasQuantum = false;
  let rr: Word | null = null;
  for (const st of s.settings) {
    if (duplicate(seen, st.key, st, 'the scenario', out)) continue;
    const v = st.value;
    if ('word' in v) {
      if (v.word === 'rr') rr = v;
      continue;
    }
    switch (st.key) {
      case 'cpus':
        facts.cpus = limitOk(v, 'cpus', 1, LIMITS.cpus, `${LIMITS.cpus} CPUs`, out) ? v.value : null;
        break;
      case 'horizon':
        rangeOk(v, 'horizon', out, 1);
        break;
      case 'quantum':
        hasQuantum = true;
        rangeOk(v, 'quantum', out, 1);
        break;
      default:
        intOk(v, out);
    }
  }
  if (rr && !hasQuantum) {
    out.push(
      diag('rr-needs-quantum', rr, "policy rr gives every kernel thread a time slice: add 'quantum N' to the scenario"),
    );
  }
  return facts;
}

/** The process's threading model, as set (or the default). */
export function modelOf(p: ProcessNode): ThreadingModel {
  const m = p.settings.find((s) => s.key === 'model');
  return m && 'word' in m.value ? (m.value.word as ThreadingModel) : DEFAULTS.model;
}

const M2M_ONLY = new Set(['lwps', 'concurrency', 'sigwaiting', 'lwp_idle_timeout']);

export function checkProcessSettings(p: ProcessNode, model: ThreadingModel, out: Diagnostic[]): void {
  const seen = new Map<string, SettingNode | AttrNode>();
  const where = p.name ? `process '${p.name.name}'` : 'this process';
  for (const st of p.settings) {
    if (duplicate(seen, st.key, st, where, out)) continue;
    const v = st.value;
    let ok = true;
    if (!('word' in v)) {
      if (st.key === 'lwps' || st.key === 'concurrency') {
        ok = limitOk(v, st.key, st.key === 'lwps' ? 1 : 0, LIMITS.poolLwps, POOL_LIMIT, out);
      } else if (st.key === 'lwp_idle_timeout' || st.key === 'reaper') ok = rangeOk(v, st.key, out, 1);
      else ok = intOk(v, out);
    }
    if (st.keep) intOk(st.keep, out);
    // lwps 1 under many_to_one states what that model is anyway (docs/reference/diagnostics.md: "lwps > 1").
    const harmless = st.key === 'lwps' && model === 'many_to_one' && ok && !('word' in v) && v.value === 1;
    if (M2M_ONLY.has(st.key) && model !== 'many_to_many' && !harmless) {
      out.push(diag('model-conflict', st, `'${st.key}' belongs to the many_to_many model, but ${where} is ${model}`));
    }
  }
}

/** Checks a thread's attributes; pins need a bound thread and a CPU that exists. */
export function checkThreadAttrs(t: ThreadNode, model: ThreadingModel, facts: ScenarioFacts, out: Diagnostic[]): void {
  const seen = new Map<string, SettingNode | AttrNode>();
  const where = `thread '${t.name.name}'`;
  const bound = t.attrs.some((a) => a.name === 'bound');
  for (const a of t.attrs) {
    if (duplicate(seen, a.name, a, where, out)) continue;
    const v = a.value;
    let ok = true;
    if (v && 'digits' in v) {
      ok = sizeOk(v, out);
      if (ok && v.value < 1) {
        out.push(diag('invalid-value', v, `a stack must be at least 1 byte, not ${v.value}`));
        ok = false;
      }
    } else if (v) ok = intOk(v, out);
    if ((a.name === 'bound' || a.name === 'pin') && model === 'many_to_one') {
      out.push(
        diag(
          'model-conflict',
          a,
          `'${a.name}' needs an LWP of the thread's own, but a many_to_one process has a single LWP for all its threads`,
        ),
      );
      continue;
    }
    if (a.name !== 'pin' || !v || !ok) continue;
    if (model === 'many_to_many' && !bound) {
      out.push(
        diag(
          'model-conflict',
          a,
          `'pin' applies to a bound thread: ${where} is unbound, so the library may run it on any LWP (add 'bound')`,
          {
            data: { fix: 'bound' },
          },
        ),
      );
    } else if (facts.cpus !== null && v.value >= facts.cpus) {
      out.push(
        diag('pin-out-of-range', v, `${where} is pinned to CPU ${v.value}, but the CPUs are 0 to ${facts.cpus - 1}`),
      );
    }
  }
}
