/**
 * Quick fixes that add or change settings and attributes: `rr-needs-quantum` (add
 * `quantum 10`), `model-conflict` on `pin` (add `bound`), `process-stall` (`sigwaiting on`,
 * more `concurrency`, a `bound` blocking thread, or another model under many_to_one).
 */
import type { CodeAction } from 'vscode-languageserver';
import type { ProcessNode, SettingNode, ThreadNode } from '../language/ast';
import {
  insertAt,
  indentOf,
  offsetOf,
  processAt,
  quickFix,
  replace,
  threadAt,
  type FixContext,
  type Fixer,
  afterThreadName,
} from './fix-context';

/** `rr-needs-quantum`: a `quantum 10` line after `policy rr`. */
export const fixRrQuantum: Fixer = (d, fc) => {
  const sc = fc.ast.scenario;
  const policy = sc?.settings.find((s) => s.key === 'policy');
  if (!sc || !policy || sc.settings.some((s) => s.key === 'quantum')) return [];
  const indent = indentOf(fc, policy.range.start.line);
  return [quickFix("Add 'quantum 10'", fc, d, [insertAt(fc, policy.end, `\n${indent}quantum 10`)], true)];
};

function addBound(fc: FixContext, d: Parameters<Fixer>[0], t: ThreadNode, preferred: boolean): CodeAction | null {
  if (t.attrs.some((a) => a.name === 'bound')) return null;
  return quickFix(
    `Make thread ${t.name.name} bound`,
    fc,
    d,
    [insertAt(fc, afterThreadName(fc, t), ' bound')],
    preferred,
  );
}

/** `model-conflict` for `pin` on an unbound thread of many_to_many: add `bound`. */
export const fixPinConflict: Fixer = (d, fc) => {
  const start = offsetOf(fc, d.range.start);
  const t = threadAt(fc, start);
  if (!t) return [];
  const pin = t.attrs.find((a) => a.name === 'pin');
  if (!pin || start < pin.start || start > pin.end) return [];
  const model = processAt(fc, start)?.settings.find((s) => s.key === 'model');
  if (model && 'word' in model.value && model.value.word !== 'many_to_many') return [];
  const action = addBound(fc, d, t, true);
  return action ? [action] : [];
};

function setting(p: ProcessNode, key: string): SettingNode | undefined {
  return p.settings.find((s) => s.key === key);
}

/** Inserts `text` as a new setting line right after the process's opening line. */
function addSetting(fc: FixContext, p: ProcessNode, text: string) {
  const name = p.name ?? p;
  const lineEnd = offsetOf(fc, { line: name.range.start.line + 1, character: 0 });
  const first = [...p.settings, ...p.decls, ...p.threads].sort((a, b) => a.start - b.start)[0];
  const indent = first ? indentOf(fc, first.range.start.line) : '  ';
  return insertAt(fc, lineEnd, `${indent}${text}\n`);
}

/** `process-stall`. */
export const fixProcessStall: Fixer = (d, fc) => {
  const start = offsetOf(fc, d.range.start);
  const p = processAt(fc, start);
  if (!p) return [];
  const out: CodeAction[] = [];
  const model = setting(p, 'model');
  const modelWord = model && 'word' in model.value ? model.value.word : 'many_to_many';
  if (modelWord === 'many_to_one' && model) {
    out.push(
      quickFix(
        'Switch the process to many_to_many',
        fc,
        d,
        [replace(fc, model.value.start, model.value.end, 'many_to_many')],
        true,
      ),
    );
    return out;
  }
  if (modelWord !== 'many_to_many') return out;
  const sig = setting(p, 'sigwaiting');
  if (sig && 'word' in sig.value && sig.value.word === 'off') {
    out.push(quickFix("Turn 'sigwaiting on'", fc, d, [replace(fc, sig.value.start, sig.value.end, 'on')], true));
  }
  const conc = setting(p, 'concurrency');
  const lwps = setting(p, 'lwps');
  const current = conc && 'value' in conc.value && typeof conc.value.value === 'number' ? conc.value.value : 0;
  const pool = lwps && 'value' in lwps.value && typeof lwps.value.value === 'number' ? lwps.value.value : 1;
  const next = Math.max(current, pool) + 1;
  out.push(
    quickFix(`Raise concurrency to ${next}`, fc, d, [
      conc ? replace(fc, conc.value.start, conc.value.end, String(next)) : addSetting(fc, p, `concurrency ${next}`),
    ]),
  );
  const t = threadAt(fc, start);
  const bound = t ? addBound(fc, d, t, false) : null;
  if (bound) out.push(bound);
  return out;
};
